package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"

	"spark.dev/spark/app"
	"spark.dev/spark/config"
	"spark.dev/spark/inngest"
	"spark.dev/spark/internal/tools/bareinngest"
	"spark.dev/spark/store"
	"spark.dev/spark/store/postgres"
	"spark.dev/spark/store/sqlite"
)

const signingKey = "signkey-prod-0123456789abcdef0123456789abcdef0123456789abcdef01234567"

type server struct {
	target
	engine      string
	databaseURL string // the app's; "" for the bare handler
	close       []func()
}

func (s *server) Close() {
	for i := len(s.close) - 1; i >= 0; i-- {
		s.close[i]()
	}
}

// startBare serves the bare inngestgo app, the floor the app is measured
// against.
func startBare() (*server, error) {
	handler, err := bareinngest.New(signingKey)
	if err != nil {
		return nil, err
	}
	srv := httptest.NewServer(handler)
	return &server{
		target: target{url: srv.URL + "/api/inngest", fnID: inngest.QualifiedID(bareinngest.AppID, bareinngest.FunctionID), signingKey: signingKey, wantBody: `"isLastStep":true`},
		engine: "none", close: []func(){srv.Close},
	}, nil
}

// startSpark serves the app as production runs it, on a new SQLite file or
// the PostgreSQL database given, with its function-log middleware on.
func startSpark(ctx context.Context, database string) (*server, error) {
	dir, err := os.MkdirTemp("", "servebench")
	if err != nil {
		return nil, err
	}
	s := &server{close: []func(){func() { os.RemoveAll(dir) }}}
	if database == "sqlite" {
		database = "sqlite:" + filepath.Join(dir, "spark.db")
	}
	key := func(b byte) string { return base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{b}, 32)) }
	vars := map[string]string{
		"APP_ENV":             "production",
		"DATABASE_URL":        database,
		"INNGEST_SIGNING_KEY": signingKey,
		"ENCRYPTION_KEY":      key(1),
		"CALLBACK_SECRET":     key(2),
		"SUPABASE_JWT_SECRET": key(3),
		"APP_URL":             "http://127.0.0.1:1",
		"LOG_LEVEL":           "warn",
	}
	cfg, err := config.Load(func(name string) string { return vars[name] })
	if err != nil {
		s.Close()
		return nil, err
	}
	a, err := app.New(ctx, cfg, cfg.Logger(io.Discard))
	if err != nil {
		s.Close()
		return nil, err
	}
	srv := httptest.NewServer(a)
	s.close = append(s.close, func() { a.Close() }, srv.Close)
	s.engine = cfg.StoreEngine()
	s.target = target{url: srv.URL + "/api/inngest", fnID: inngest.QualifiedID(cfg.AppID, inngest.FunctionCountBooks), signingKey: signingKey, wantBody: `"isLastStep":true`}
	s.databaseURL = database
	return s, nil
}

// countCompleted counts the bench user's completed runs through a store of
// its own, as a second instance would see them.
func countCompleted(ctx context.Context, databaseURL string) (int, error) {
	var st store.Store
	var err error
	if path, ok := strings.CutPrefix(databaseURL, "sqlite:"); ok {
		st, err = sqlite.Open(ctx, path)
	} else {
		st, err = postgres.Open(ctx, databaseURL)
	}
	if err != nil {
		return 0, err
	}
	defer st.Close()
	_, total, err := st.FunctionLogs(ctx, benchUser, store.FunctionLogQuery{Limit: 1, OrderBy: "started_at", Status: store.RunCompleted})
	if err != nil {
		return 0, fmt.Errorf("count logged runs: %w", err)
	}
	return total, nil
}
