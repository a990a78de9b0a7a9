// Package handler is the Vercel entry: Vercel's Go runtime calls its one
// exported function for every /api/* request (vercel.json rewrites them
// here), which serves the same app as main.go. Vercel renames that function
// by a text match on its name, so the name appears once in this file, and
// the package may not import internal/ packages.
package handler

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"sync"

	"spark.dev/api/app"
	"spark.dev/api/config"
)

var (
	once     sync.Once
	instance http.Handler
)

// The app is built on the first request of an instance.
func Handler(w http.ResponseWriter, r *http.Request) {
	once.Do(build)
	instance.ServeHTTP(w, r)
}

func build() {
	cfg, err := config.Load(os.Getenv)
	if err != nil {
		instance = unavailable(slog.Default(), err)
		return
	}
	logger := cfg.Logger(os.Stdout)
	a, err := app.New(context.Background(), cfg, logger)
	if err != nil {
		instance = unavailable(logger, err)
		return
	}
	instance = a
}

// unavailable answers 503 when the app cannot start (a missing production
// variable, say), logging why once: the function stays up to say so.
func unavailable(logger *slog.Logger, err error) http.Handler {
	logger.Error("spark-api cannot start", "err", err)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"error":"Service misconfigured: see the deployment logs"}`))
	})
}
