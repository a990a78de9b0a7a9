package app_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"spark.dev/spark/app"
	"spark.dev/spark/config"
	"spark.dev/spark/internal/testenv"
	"spark.dev/spark/internal/testtoken"
)

const jwtSecret = "app-test-secret-of-sufficient-length"

// The test users; user ids are UUIDs, as Supabase's sub.
var u1, u2 = testtoken.UserID(1), testtoken.UserID(2)

// unreachableInngest is a dev server URL where nothing listens.
const unreachableInngest = "http://127.0.0.1:1"

// failingEvents fails every send at once, as the Inngest client does with
// Inngest unreachable, but without the SDK's retries (seconds per send).
type failingEvents struct{}

var errInngestUnreachable = errors.New("sending events: " + unreachableInngest + " is unreachable")

func (failingEvents) Send(context.Context, any) (string, error) {
	return "", errInngestUnreachable
}

func (failingEvents) SendMany(context.Context, []any) ([]string, error) {
	return nil, errInngestUnreachable
}

// testApp is the real app over real HTTP, on a fresh SQLite file.
type testApp struct {
	t    *testing.T
	URL  string
	App  *app.App
	Logs *testenv.LogBuffer // everything the app logged, at debug level
}

func newTestApp(t *testing.T, env map[string]string, opts ...app.Option) *testApp {
	t.Helper()
	vars := map[string]string{
		"DATABASE_URL":        "sqlite:" + filepath.Join(t.TempDir(), "spark.db"),
		"SUPABASE_JWT_SECRET": jwtSecret,
		"INNGEST_DEV":         unreachableInngest,
	}
	for k, v := range env {
		vars[k] = v
	}
	cfg, err := config.Load(func(name string) string { return vars[name] })
	if err != nil {
		t.Fatal(err)
	}
	logs := &testenv.LogBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	a, err := app.New(context.Background(), cfg, logger, append([]app.Option{app.WithEventSender(failingEvents{})}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a)
	t.Cleanup(func() {
		srv.Close()
		a.Close()
	})
	return &testApp{t: t, URL: srv.URL, App: a, Logs: logs}
}

// eachEngine runs test on a fresh SQLite file and on a fresh PostgreSQL
// database, with env to pass to newTestApp. Its keys are given, or the app
// would generate them in ./data, the SQLite file having no folder here.
func eachEngine(t *testing.T, test func(t *testing.T, env map[string]string)) {
	t.Run("sqlite", func(t *testing.T) { test(t, nil) })
	t.Run("postgres", func(t *testing.T) {
		test(t, map[string]string{
			"DATABASE_URL":    testenv.PostgresDatabase(t),
			"ENCRYPTION_KEY":  encodeBase64(bytes.Repeat([]byte{1}, 32)),
			"CALLBACK_SECRET": encodeBase64(bytes.Repeat([]byte{2}, 32)),
		})
	})
}

func bearer(userID string) string {
	return "Bearer " + testtoken.HS256(jwtSecret, userID, time.Hour)
}

// request sends body (raw bytes, or anything else as JSON) with the given
// headers and returns the status and decoded JSON answer.
func (a *testApp) request(method, path string, headers map[string]string, body any) (int, map[string]any) {
	a.t.Helper()
	status, answer, err := a.tryRequest(method, path, headers, body)
	if err != nil {
		a.t.Fatal(err)
	}
	return status, answer
}

// tryRequest is request returning what went wrong instead of failing the
// test, for goroutines other than the test's.
func (a *testApp) tryRequest(method, path string, headers map[string]string, body any) (int, map[string]any, error) {
	var raw []byte
	switch b := body.(type) {
	case nil:
	case []byte:
		raw = b
	default:
		var err error
		if raw, err = json.Marshal(b); err != nil {
			return 0, nil, err
		}
	}
	req, err := http.NewRequest(method, a.URL+path, bytes.NewReader(raw))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	answer := map[string]any{}
	data, _ := io.ReadAll(resp.Body)
	if len(data) > 0 {
		if err := json.Unmarshal(data, &answer); err != nil {
			return 0, nil, fmt.Errorf("%s %s answered non-JSON %q", method, path, data)
		}
	}
	return resp.StatusCode, answer, nil
}

// as sends a request as userID.
func (a *testApp) as(userID, method, path string, body any) (int, map[string]any) {
	a.t.Helper()
	return a.request(method, path, map[string]string{"Authorization": bearer(userID)}, body)
}

// tryAs is as for goroutines other than the test's.
func (a *testApp) tryAs(userID, method, path string, body any) (int, map[string]any, error) {
	return a.tryRequest(method, path, map[string]string{"Authorization": bearer(userID)}, body)
}

// dig walks nested JSON objects: dig(m, "a", "b") is m["a"]["b"].
func dig(m map[string]any, keys ...string) any {
	var v any = m
	for _, k := range keys {
		obj, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = obj[k]
	}
	return v
}

func encodeBase64(b []byte) string {
	return base64.StdEncoding.EncodeToString(b)
}
