package e2e

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"

	"spark.dev/spark/app"
	"spark.dev/spark/config"
	"spark.dev/spark/internal/testenv"
)

// startRandomTarget serves the app as production runs it, over real HTTP,
// with every third event refused instead of sent to Inngest.
func startRandomTarget(t *testing.T, databaseURL string, logs *watchedLog) (*app.App, string) {
	t.Helper()
	key := func(b byte) string { return base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{b}, 32)) }
	vars := map[string]string{
		"APP_ENV":              "production",
		"DATABASE_URL":         databaseURL,
		"SUPABASE_JWT_SECRET":  testJWTSecret,
		"INNGEST_SIGNING_KEY":  randomSigningKey,
		"ENCRYPTION_KEY":       key(1),
		"CALLBACK_SECRET":      key(2),
		"CORS_ALLOWED_ORIGINS": corsOrigin,
		"APP_URL":              nowhere,
		"READWISE_API_URL":     nowhere,
		"AIRTABLE_API_URL":     nowhere,
		"LOG_LEVEL":            "debug",
	}
	cfg, err := config.Load(func(name string) string { return vars[name] })
	if err != nil {
		t.Fatal(err)
	}
	logger := cfg.Logger(logs)
	a, err := app.New(context.Background(), cfg, logger, app.WithEventSender(&flakyEvents{}))
	if err != nil {
		t.Fatal(err)
	}
	// Some code logs through slog's default logger: it is watched too.
	previous := slog.Default()
	slog.SetDefault(logger)
	t.Cleanup(func() { slog.SetDefault(previous) })
	srv := httptest.NewServer(a)
	t.Cleanup(func() {
		srv.Close()
		a.Close()
		if t.Failed() {
			t.Logf("app log (last 4 KiB):\n%s", logs.Tail(4096))
		}
	})
	return a, srv.URL
}

// storeOwnerSecrets puts the owner's keys back, since random requests
// replace them now and then.
func storeOwnerSecrets(t *testing.T, c *randomClient, owner string) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"integrations": map[string]any{
		"readwise": map[string]any{"apiKey": ownerReadwiseKey},
		"airtable": map[string]any{"apiKey": ownerAirtableKey, "baseId": "app0123456789abcd", "tableId": "tbl0123456789ABCD"},
	}})
	header := http.Header{"Authorization": {"Bearer " + token(t, owner)}, "Content-Type": {"application/json"}}
	got, err := c.send(randomRequest{Method: http.MethodPatch, Path: "/api/user-settings", Header: header, Body: body})
	if err != nil || got.Status != http.StatusOK {
		t.Fatalf("storing the owner's secrets: %v %d %s", err, got.Status, got.Body)
	}
}

// flakyEvents accepts events but refuses every third send, as the Inngest
// client does when Inngest cannot be reached, so triggers answer both their
// 200 and their documented 502.
type flakyEvents struct{ sends atomic.Int64 }

var errEventsRefused = errors.New("sending events: refused by the random test")

func (f *flakyEvents) Send(context.Context, any) (string, error) {
	n := f.sends.Add(1)
	if n%3 == 0 {
		return "", errEventsRefused
	}
	return fmt.Sprintf("random-event-%d", n), nil
}

func (f *flakyEvents) SendMany(_ context.Context, events []any) ([]string, error) {
	ids := make([]string, len(events))
	for i := range events {
		id, err := f.Send(context.Background(), nil)
		if err != nil {
			return nil, err
		}
		ids[i] = id
	}
	return ids, nil
}

// watchedLog is the app's log, watched for strings that must never be
// written (a panic, a secret): slog writes each record in one Write, so a
// record is seen whole.
type watchedLog struct {
	testenv.LogBuffer
	watch []string

	mu    sync.Mutex
	found []string // the records holding a watched string, in order
}

func (w *watchedLog) Write(p []byte) (int, error) {
	for _, s := range w.watch {
		if bytes.Contains(p, []byte(s)) {
			w.mu.Lock()
			w.found = append(w.found, fmt.Sprintf("%.2000s", p))
			w.mu.Unlock()
			break
		}
	}
	return w.LogBuffer.Write(p)
}

// hits is how many watched records were written so far.
func (w *watchedLog) hits() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.found)
}

// newHits is the first watched record written after the first before, or "".
func (w *watchedLog) newHits(before int) string {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.found) > before {
		return w.found[before]
	}
	return ""
}
