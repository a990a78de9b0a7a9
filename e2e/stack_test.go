// Package e2e drives the whole app end to end: the real app (built by
// app.New, or run as its own process) against the real Inngest dev server,
// with fake Readwise and Airtable behind it.
package e2e

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"spark.dev/spark/app"
	"spark.dev/spark/config"
	"spark.dev/spark/internal/fakereadwise"
	"spark.dev/spark/internal/testenv"
	"spark.dev/spark/internal/testtoken"
)

const testJWTSecret = "end-to-end-test-secret-of-sufficient-length"

// stack is the real app (app.New) driven by the real Inngest dev server,
// with a fake Readwise behind it.
type stack struct {
	t           *testing.T
	URL         string
	Dev         *testenv.DevServer
	Readwise    *fakereadwise.Server
	DatabaseURL string
	logs        *testenv.LogBuffer
}

// startStack starts the fake Readwise, the dev server and the app, and syncs
// the app's functions with the dev server. env adds to or overrides appEnv.
func startStack(t *testing.T, env map[string]string) *stack {
	t.Helper()
	rw := fakereadwise.New()
	t.Cleanup(rw.Close)
	// Listening first gives the app its URL, which the dev server calls.
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	appURL := "http://" + listener.Addr().String()
	dev := testenv.StartDevServer(t, appURL+"/api/inngest")
	databaseURL := newDatabase(t)
	vars := appEnv(appURL, dev, rw, databaseURL)
	for k, v := range env {
		vars[k] = v
	}
	cfg, err := config.Load(func(name string) string { return vars[name] })
	if err != nil {
		t.Fatal(err)
	}
	s := &stack{t: t, URL: appURL, Dev: dev, Readwise: rw, DatabaseURL: databaseURL, logs: &testenv.LogBuffer{}}
	a, err := app.New(context.Background(), cfg, cfg.Logger(s.logs))
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: a, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(listener) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			t.Errorf("the app did not shut down: %v", err)
		}
		a.Close()
	})
	// An unsigned PUT in dev mode registers the functions with the dev server.
	if status, body := s.do(http.MethodPut, "/api/inngest", "", nil); status != http.StatusOK {
		t.Fatalf("syncing the app: %d %s", status, body)
	}
	return s
}

// engineEnv names the variable that picks the store the end-to-end tests
// run on: "postgres", or SQLite when unset. scripts/test.sh runs them on both.
const engineEnv = "SPARK_E2E_ENGINE"

// newDatabase is an empty database for one test's app, as a DATABASE_URL.
func newDatabase(t *testing.T) string {
	t.Helper()
	switch engine := os.Getenv(engineEnv); engine {
	case "postgres":
		return testenv.PostgresDatabase(t)
	case "", "sqlite":
		return "sqlite:" + filepath.Join(t.TempDir(), "spark.db")
	default:
		t.Fatalf("%s=%q: want postgres or sqlite", engineEnv, engine)
		return ""
	}
}

// appEnv is the environment of an app at appURL, on the database at
// databaseURL, that runs its jobs on dev and reads Readwise from rw.
func appEnv(appURL string, dev *testenv.DevServer, rw *fakereadwise.Server, databaseURL string) map[string]string {
	return map[string]string{
		"APP_URL":      appURL,
		"DATABASE_URL": databaseURL,
		// Fixed keys: generated ones would land in ./data, which with
		// PostgreSQL is this folder.
		"ENCRYPTION_KEY":      "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=",
		"CALLBACK_SECRET":     "AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=",
		"INNGEST_DEV":         dev.URL,
		"SUPABASE_JWT_SECRET": testJWTSecret,
		"READWISE_API_URL":    rw.URL(),
		"LOG_LEVEL":           "debug",
	}
}

// token is a valid bearer token for userID.
func token(t *testing.T, userID string) string {
	t.Helper()
	return testtoken.HS256(testJWTSecret, userID, time.Hour)
}

// do sends a JSON request to the app with an optional bearer token.
func (s *stack) do(method, path, bearer string, body any) (int, []byte) {
	s.t.Helper()
	return request(s.t, method, s.URL+path, bearer, body)
}

// request sends body as JSON with an optional bearer token and returns the
// status and body.
func request(t *testing.T, method, url, bearer string, body any) (int, []byte) {
	t.Helper()
	return testenv.Request(t, method, url, bearer, body)
}

// getJSON GETs path as userID and decodes a 200 answer into v.
func (s *stack) getJSON(path, userID string, v any) {
	s.t.Helper()
	status, body := s.do(http.MethodGet, path, token(s.t, userID), nil)
	if status != http.StatusOK {
		s.t.Fatalf("GET %s: %d %s", path, status, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		s.t.Fatalf("GET %s: %v in %s", path, err, body)
	}
}

// readwiseStatus is GET /api/readwise.
type readwiseStatus struct {
	IsConnected  bool   `json:"isConnected"`
	HasAPIKey    bool   `json:"hasApiKey"`
	BookCount    int    `json:"bookCount"`
	LastSyncTime string `json:"lastSyncTime"`
	LastError    string `json:"lastError"`
}

func (s *stack) readwiseStatus(userID string) readwiseStatus {
	var st readwiseStatus
	s.getJSON("/api/readwise", userID, &st)
	return st
}

// assertNoSecrets fails when any secret appears in the app's logs.
func assertNoSecrets(t *testing.T, logs *testenv.LogBuffer, secrets ...string) {
	t.Helper()
	text := logs.String()
	for _, secret := range secrets {
		if strings.Contains(text, secret) {
			t.Errorf("a secret appears in the application log")
			return
		}
	}
}
