// Command spark-api serves Spark's HTTP API and Inngest functions.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"spark.dev/spark/app"
	"spark.dev/spark/config"
)

func main() {
	config.ApplyGCDefault()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args, os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "spark-api:", err)
		os.Exit(1)
	}
}

// run serves until ctx ends, or runs one command (sync, token). Tests call it too.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	flags := flag.NewFlagSet(args[0], flag.ContinueOnError)
	dotenv := flags.Bool("dotenv", true, "read .env and .env.local from the working directory (the environment wins)")
	if err := flags.Parse(args[1:]); err != nil {
		return err
	}
	if *dotenv {
		var err error
		if getenv, err = config.WithDotenv(getenv, ".", ".env", ".env.local"); err != nil {
			return err
		}
	}
	cfg, err := config.Load(getenv)
	if err != nil {
		return err
	}
	switch command := flags.Arg(0); command {
	case "":
		return serve(ctx, cfg, cfg.Logger(stdout))
	case "sync":
		return registerFunctions(ctx, cfg, cfg.Logger(stdout))
	case "token":
		return printToken(cfg, flags.Args()[1:], stdout)
	default:
		return fmt.Errorf("unknown command %q: expected none (serve), sync or token", command)
	}
}

// serve serves until ctx ends, then shuts down gracefully.
func serve(ctx context.Context, cfg config.Config, logger *slog.Logger) error {
	// The port first: a port in use fails before the database is touched,
	// and a client that connects while the app starts (a health check, the
	// dev server's sync) waits in the backlog for its answer instead of
	// being refused.
	listener, err := net.Listen("tcp", ":"+cfg.Port)
	if err != nil {
		return err
	}
	a, err := app.New(ctx, cfg, logger)
	if err != nil {
		listener.Close()
		return err
	}
	defer a.Close()

	// Headers must arrive within 10 s and an idle keep-alive connection is
	// closed after 2 min, so no client holds a connection by sending slowly
	// or not at all. Bodies get a deadline per request from the app itself
	// (middleware.BodyDeadline), so that it travels with the app to Vercel.
	srv := &http.Server{Handler: a, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(listener) }()
	logger.Info("listening", "addr", listener.Addr().String(), "environment", cfg.Environment,
		"appId", cfg.AppID, "store", a.Store.Engine(), "inngestDev", cfg.Inngest.Dev)
	if cfg.Inngest.SelfHosted {
		go registerWhenReachable(ctx, a, logger)
	}

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
