package vercel

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"spark.dev/spark/app"
	"spark.dev/spark/config"
)

// The Vercel entry answers every route of the app main.go serves, the same way.
func TestVercelHandlerServesTheSameRoutesAsMain(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("DATABASE_URL", "sqlite:"+filepath.Join(dir, "spark.db"))
	t.Setenv("SUPABASE_JWT_SECRET", "vercel-test-secret-of-sufficient-length")
	t.Setenv("INNGEST_DEV", "http://127.0.0.1:1")

	mainCfg, err := config.Load(envOf(map[string]string{
		"DATABASE_URL":        "sqlite:" + filepath.Join(t.TempDir(), "spark.db"),
		"SUPABASE_JWT_SECRET": "vercel-test-secret-of-sufficient-length",
		"INNGEST_DEV":         "http://127.0.0.1:1",
	}))
	if err != nil {
		t.Fatal(err)
	}
	mainApp, err := app.New(context.Background(), mainCfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer mainApp.Close()

	routes := mainApp.Echo.Routes()
	if len(routes) < 10 {
		t.Fatalf("the app lists only %d routes", len(routes))
	}
	for _, r := range routes {
		if strings.Contains(r.Path, "*") {
			continue
		}
		fromMain := serve(mainApp.ServeHTTP, r.Method, r.Path)
		fromVercel := serve(Handler, r.Method, r.Path)
		if fromVercel == http.StatusNotFound || fromVercel == http.StatusMethodNotAllowed || fromVercel != fromMain {
			t.Errorf("%s %s: Vercel answers %d, main.go's app %d", r.Method, r.Path, fromVercel, fromMain)
		}
	}
	if got := serve(Handler, http.MethodGet, "/api/no-such-route"); got != http.StatusNotFound {
		t.Errorf("an unknown route answers %d", got)
	}
}

func serve(h http.HandlerFunc, method, path string) int {
	rec := httptest.NewRecorder()
	h(rec, httptest.NewRequest(method, path, strings.NewReader("{}")))
	return rec.Code
}

func envOf(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

// A start that fails answers 503 and is tried again on the next request.
func TestVercelHandlerRetriesAFailedStart(t *testing.T) {
	dir := t.TempDir()
	blocked := filepath.Join(dir, "not-a-folder")
	if err := os.WriteFile(blocked, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	instance = nil
	mu.Unlock()
	t.Setenv("SUPABASE_JWT_SECRET", "vercel-test-secret-of-sufficient-length")
	t.Setenv("INNGEST_DEV", "http://127.0.0.1:1")
	t.Setenv("ENCRYPTION_KEY", "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=")
	t.Setenv("CALLBACK_SECRET", "AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=")
	t.Setenv("DATABASE_URL", "sqlite:"+filepath.Join(blocked, "spark.db")) // a file where a folder must be
	if got := serve(Handler, http.MethodGet, "/api/health"); got != http.StatusServiceUnavailable {
		t.Fatalf("with the database unavailable /api/health answers %d, want 503", got)
	}
	t.Setenv("DATABASE_URL", "sqlite:"+filepath.Join(dir, "spark.db"))
	if got := serve(Handler, http.MethodGet, "/api/health"); got != http.StatusOK {
		t.Fatalf("once the database is there /api/health answers %d, want 200", got)
	}
}
