package main

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"spark.dev/spark/internal/testenv"
)

// run serves the app until its context ends, then shuts down cleanly. The
// end-to-end tests (e2e/) drive the app itself.
func TestRunServesUntilCanceled(t *testing.T) {
	port := testenv.FreePort(t)
	vars := map[string]string{
		"PORT":                fmt.Sprint(port),
		"DATABASE_URL":        "sqlite:" + filepath.Join(t.TempDir(), "spark.db"),
		"INNGEST_DEV":         "http://127.0.0.1:1", // not called: nothing is triggered
		"SUPABASE_JWT_SECRET": "run-test-secret-of-sufficient-length",
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logs := &testenv.LogBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"spark-api", "-dotenv=false"}, func(name string) string { return vars[name] }, logs)
	}()

	testenv.WaitFor(t, 30*time.Second, "GET /api/health to answer 200", func() bool {
		select {
		case err := <-done:
			t.Fatalf("run exited early: %v\n%s", err, logs)
		default:
		}
		resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/api/health", port))
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run returned %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Error("run did not shut down within 15 s")
	}
}
