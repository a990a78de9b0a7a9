package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"spark.dev/spark/app"
	"spark.dev/spark/config"
	"spark.dev/spark/store"
)

// registerFunctions is `spark-api sync`: register once and exit.
func registerFunctions(ctx context.Context, cfg config.Config, logger *slog.Logger) error {
	a, err := app.New(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer a.Close()
	return a.RegisterFunctions(ctx)
}

// registerWhenReachable registers with a self-hosted engine at start-up,
// retrying for a minute: the engine may still be starting beside the app.
func registerWhenReachable(ctx context.Context, a *app.App, logger *slog.Logger) {
	const attempts, pause = 20, 3 * time.Second
	for i := 1; ; i++ {
		err := a.RegisterFunctions(ctx)
		if err == nil || ctx.Err() != nil {
			return
		}
		if i == attempts {
			logger.Error("could not register the functions with the engine: run `spark-api sync` once it is up", "err", err)
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(pause):
		}
	}
}

// printToken is `spark-api token --user <uuid>`: a bearer token for local
// development, signed with the secret generated into the data folder. It
// refuses wherever that secret is not the one the app verifies with.
func printToken(cfg config.Config, args []string, stdout io.Writer) error {
	flags := flag.NewFlagSet("token", flag.ContinueOnError)
	user := flags.String("user", "", "the user id (a UUID) the token is for")
	ttl := flags.Duration("ttl", 24*time.Hour, "how long the token is valid")
	if err := flags.Parse(args); err != nil {
		return err
	}
	// The middleware accepts a sub in any case, as it lower-cases it.
	if !store.IsUserID(strings.ToLower(*user)) {
		return fmt.Errorf("token: --user must be a UUID, e.g. 00000000-0000-4000-8000-000000000001")
	}
	if !cfg.DevTokens {
		return errors.New("token: only local development without SUPABASE_URL or SUPABASE_JWT_SECRET signs its own tokens; elsewhere Supabase issues them")
	}
	now := time.Now()
	claims := jwt.MapClaims{
		"sub": *user, "aud": cfg.AuthAudience, "role": "authenticated",
		"iat": now.Unix(), "exp": now.Add(*ttl).Unix(),
	}
	signed, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(cfg.JWTSecret))
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(stdout, signed)
	return err
}
