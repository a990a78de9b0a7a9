package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"spark.dev/spark/internal/testenv"
)

// run serves the app until its context ends, then shuts down cleanly. The
// end-to-end tests (e2e/) drive the app itself.
func TestRunServesUntilCanceled(t *testing.T) {
	vars := map[string]string{
		"DATABASE_URL":        "sqlite:" + filepath.Join(t.TempDir(), "spark.db"),
		"INNGEST_DEV":         "http://127.0.0.1:1", // not called: nothing is triggered
		"SUPABASE_JWT_SECRET": "run-test-secret-of-sufficient-length",
	}
	_, stop := serveWithRun(t, vars)
	if err := stop(); err != nil {
		t.Errorf("run returned %v", err)
	}
}

// A port in use fails the start before the database is touched: no
// SQLite file is made, no migration runs.
func TestRunFailsOnAPortInUseBeforeTheDatabase(t *testing.T) {
	taken, err := net.Listen("tcp", ":0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	path := filepath.Join(t.TempDir(), "data", "spark.db")
	env := map[string]string{
		"PORT":         fmt.Sprint(taken.Addr().(*net.TCPAddr).Port),
		"DATABASE_URL": "sqlite:" + path,
		"INNGEST_DEV":  "http://127.0.0.1:1",
	}
	err = run(t.Context(), []string{"spark-api", "-dotenv=false"}, func(n string) string { return env[n] }, &testenv.LogBuffer{})
	if err == nil || !strings.Contains(err.Error(), "address already in use") {
		t.Fatalf("run on a port in use returned %v, want the listen error", err)
	}
	if _, statErr := os.Stat(path); !errors.Is(statErr, fs.ErrNotExist) {
		t.Errorf("%s exists after the failed start (%v): the database was opened first", path, statErr)
	}
}

// A newcomer's first run: `token` prints a token that the served app
// accepts, with nothing configured but the data folder.
func TestTokenCommandSignsForTheLocalApp(t *testing.T) {
	const user = "00000000-0000-4000-8000-0000000000a1"
	vars := map[string]string{
		"DATABASE_URL": "sqlite:" + filepath.Join(t.TempDir(), "spark.db"),
		"INNGEST_DEV":  "http://127.0.0.1:1",
	}
	getenv := func(name string) string { return vars[name] }
	var out bytes.Buffer
	if err := run(context.Background(), []string{"spark-api", "-dotenv=false", "token", "--user", user}, getenv, &out); err != nil {
		t.Fatal(err)
	}
	token := strings.TrimSpace(out.String())

	url, stop := serveWithRun(t, vars)
	defer stop()
	for bearer, want := range map[string]int{token: http.StatusOK, "": http.StatusUnauthorized} {
		req, _ := http.NewRequest(http.MethodGet, url+"/api/readwise", nil)
		if bearer != "" {
			req.Header.Set("Authorization", "Bearer "+bearer)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET /api/readwise with token %v: %d, want %d", bearer != "", resp.StatusCode, want)
		}
	}

	for name, change := range map[string]map[string]string{
		"not a UUID":   {"--user": "user-1"},
		"Supabase set": {"SUPABASE_JWT_SECRET": "their-secret-of-sufficient-length"},
	} {
		args, env := []string{"spark-api", "-dotenv=false", "token", "--user", user}, map[string]string{}
		for k, v := range vars {
			env[k] = v
		}
		for k, v := range change {
			if k == "--user" {
				args[len(args)-1] = v
			} else {
				env[k] = v
			}
		}
		out.Reset()
		err := run(context.Background(), args, func(n string) string { return env[n] }, &out)
		if err == nil || out.Len() > 0 {
			t.Errorf("%s: token printed (%v)", name, err)
		}
	}
}

// serveWithRun runs the app on a free port until stop is called, which
// returns what run returned.
func serveWithRun(t *testing.T, vars map[string]string) (url string, stop func() error) {
	t.Helper()
	port := testenv.FreePort(t)
	url = fmt.Sprintf("http://127.0.0.1:%d", port)
	env := map[string]string{"PORT": fmt.Sprint(port)}
	for k, v := range vars {
		env[k] = v
	}
	ctx, cancel := context.WithCancel(context.Background())
	logs := &testenv.LogBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"spark-api", "-dotenv=false"}, func(name string) string { return env[name] }, logs)
	}()
	testenv.WaitFor(t, 30*time.Second, "GET /api/health to answer 200", func() bool {
		select {
		case err := <-done:
			t.Fatalf("run exited early: %v\n%s", err, logs)
		default:
		}
		resp, err := http.Get(url + "/api/health")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	return url, func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(15 * time.Second):
			return fmt.Errorf("run did not shut down within 15 s")
		}
	}
}
