// Package vercel is the Vercel entry: Vercel's Go runtime calls its one
// exported function for every /api/* request (vercel.json rewrites them
// here), which serves the same app as main.go. Vercel renames that function
// by a text match on its name, so the name appears once in this file, and
// the package may not import internal/ packages.
package vercel

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"sync"

	"spark.dev/spark/app"
	"spark.dev/spark/config"
)

var (
	mu       sync.Mutex
	instance http.Handler
)

// The app is built on the first request of an instance.
func Handler(w http.ResponseWriter, r *http.Request) {
	app, err := current()
	if err != nil {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"error":"Service unavailable: see the deployment logs"}`))
		return
	}
	app.ServeHTTP(w, r)
}

// current returns the app, building it when there is none yet. A failed
// build is logged and tried again on the next request: a database that was
// unreachable for a moment must not leave the instance answering 503 for
// its whole life. A configuration error fails every time, as it should.
func current() (http.Handler, error) {
	mu.Lock()
	defer mu.Unlock()
	if instance != nil {
		return instance, nil
	}
	config.ApplyGCDefault() // Vercel's runtime owns main
	cfg, err := config.Load(os.Getenv)
	if err != nil {
		slog.Error("spark-api cannot start", "err", err)
		return nil, err
	}
	a, err := app.New(context.Background(), cfg, cfg.Logger(os.Stdout))
	if err != nil {
		slog.Error("spark-api cannot start", "err", err)
		return nil, err
	}
	instance = a
	return instance, nil
}
