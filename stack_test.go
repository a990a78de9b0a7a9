package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"spark.dev/api/internal/fakereadwise"
	"spark.dev/api/internal/testenv"
	"spark.dev/api/internal/testtoken"
)

const testJWTSecret = "end-to-end-test-secret-of-sufficient-length"

// stack is the real app (run, SQLite) driven by the real Inngest dev server,
// with a fake Readwise behind it.
type stack struct {
	t        *testing.T
	URL      string
	Dev      *testenv.DevServer
	Readwise *fakereadwise.Server
	DBPath   string
	logs     *lockedBuffer
}

// startStack starts the fake Readwise, the dev server and the app, and syncs
// the app's functions with the dev server.
func startStack(t *testing.T, env map[string]string) *stack {
	t.Helper()
	rw := fakereadwise.New()
	t.Cleanup(rw.Close)
	port := testenv.FreePort(t)
	appURL := fmt.Sprintf("http://127.0.0.1:%d", port)
	dev := testenv.StartDevServer(t, appURL+"/api/inngest")

	dbPath := filepath.Join(t.TempDir(), "spark.db")
	vars := map[string]string{
		"PORT":                fmt.Sprint(port),
		"APP_URL":             appURL,
		"DATABASE_URL":        "sqlite:" + dbPath,
		"INNGEST_DEV":         dev.URL,
		"SUPABASE_JWT_SECRET": testJWTSecret,
		"READWISE_API_URL":    rw.URL(),
		"LOG_LEVEL":           "debug",
	}
	for k, v := range env {
		vars[k] = v
	}
	s := &stack{t: t, URL: appURL, Dev: dev, Readwise: rw, DBPath: dbPath, logs: &lockedBuffer{}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"spark-api", "-dotenv=false"}, mapEnv(vars), s.logs) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("run returned %v", err)
			}
		case <-time.After(15 * time.Second):
			t.Error("run did not shut down within 15 s")
		}
	})
	testenv.WaitFor(t, 30*time.Second, "GET /api/health to answer 200", func() bool {
		select {
		case err := <-done:
			t.Fatalf("run exited early: %v\n%s", err, s.logs)
		default:
		}
		resp, err := http.Get(appURL + "/api/health")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	// An unsigned PUT in dev mode registers the functions with the dev server.
	if status, body := s.do(http.MethodPut, "/api/inngest", "", nil); status != http.StatusOK {
		t.Fatalf("syncing the app: %d %s", status, body)
	}
	return s
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
	var reader io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		reader = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, url, reader)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, raw
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
func (s *stack) assertNoSecrets(secrets ...string) {
	s.t.Helper()
	if secretIn(s.logs.String(), secrets...) {
		s.t.Errorf("a secret appears in the application log")
	}
}

func secretIn(text string, secrets ...string) bool {
	for _, secret := range secrets {
		if strings.Contains(text, secret) {
			return true
		}
	}
	return false
}

func mapEnv(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

// lockedBuffer collects the app's log lines from several goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
