package middleware_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"spark.dev/spark/handlers"
	"spark.dev/spark/middleware"
	"spark.dev/spark/secure"
)

func TestCallbackSignature(t *testing.T) {
	secret := []byte("callback-secret")
	now := time.Unix(1700000000, 0)
	body := `{"userId":"user-1","bookCount":42}`
	huge := `{"pad":"` + strings.Repeat("x", middleware.MaxBodyBytes) + `"}`

	tests := []struct {
		name        string
		header      string
		body        string
		wantStatus  int
		wantMessage string
	}{
		{"valid", secure.SignCallback(secret, now, []byte(body)), body, http.StatusOK, ""},
		{"signed a minute ago", secure.SignCallback(secret, now.Add(-time.Minute), []byte(body)), body, http.StatusOK, ""},
		{"missing header", "", body, http.StatusUnauthorized, "Invalid signature"},
		{"wrong secret", secure.SignCallback([]byte("other-secret"), now, []byte(body)), body, http.StatusUnauthorized, "Invalid signature"},
		{"tampered body", secure.SignCallback(secret, now, []byte(body)), strings.Replace(body, "42", "43", 1), http.StatusUnauthorized, "Invalid signature"},
		{"stale", secure.SignCallback(secret, now.Add(-6*time.Minute), []byte(body)), body, http.StatusUnauthorized, "Invalid signature"},
		{"from the future", secure.SignCallback(secret, now.Add(6*time.Minute), []byte(body)), body, http.StatusUnauthorized, "Invalid signature"},
		{"malformed header", "v1=deadbeef", body, http.StatusUnauthorized, "Invalid signature"},
		{"body over 1 MiB", secure.SignCallback(secret, now, []byte(huge)), huge, http.StatusRequestEntityTooLarge, "Request body is larger than 1 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var received string
			e := newEcho()
			e.POST("/api/readwise", func(c echo.Context) error {
				b, err := io.ReadAll(c.Request().Body)
				if err != nil {
					return err
				}
				received = string(b)
				return c.NoContent(http.StatusOK)
			}, middleware.CallbackSignature(secret, &memoryNonces{}, func() time.Time { return now }, nil))

			req := httptest.NewRequest(http.MethodPost, "/api/readwise", strings.NewReader(tt.body))
			if tt.header != "" {
				req.Header.Set(secure.CallbackSignatureHeader, tt.header)
			}
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, req)

			if rec.Code != tt.wantStatus {
				t.Fatalf("status = %d, want %d (body %s)", rec.Code, tt.wantStatus, rec.Body)
			}
			if tt.wantStatus != http.StatusOK {
				if received != "" {
					t.Error("handler ran for a rejected callback")
				}
				if msg := errorMessage(t, rec); msg != tt.wantMessage {
					t.Errorf("message = %q, want %q", msg, tt.wantMessage)
				}
				return
			}
			if received != tt.body {
				t.Errorf("handler read body %q, want %q", received, tt.body)
			}
		})
	}
}

func TestCallbackSignatureAcceptsEachCallbackOnce(t *testing.T) {
	secret := []byte("callback-secret")
	now := time.Unix(1700000000, 0)
	nonces := &memoryNonces{}
	handled := 0
	e := newEcho()
	e.POST("/api/readwise", func(c echo.Context) error {
		handled++
		return c.NoContent(http.StatusOK)
	}, middleware.CallbackSignature(secret, nonces, func() time.Time { return now }, nil))
	post := func(body string, signedAt time.Time) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/api/readwise", strings.NewReader(body))
		req.Header.Set(secure.CallbackSignatureHeader, secure.SignCallback(secret, signedAt, []byte(body)))
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		return rec
	}

	body := `{"userId":"user-1","bookCount":42}`
	if rec := post(body, now.Add(-time.Minute)); rec.Code != http.StatusOK {
		t.Fatalf("first delivery: %d %s", rec.Code, rec.Body)
	}
	rec := post(body, now.Add(-time.Minute))
	if rec.Code != http.StatusUnauthorized || errorMessage(t, rec) != "Invalid signature" {
		t.Fatalf("replay: %d %s, want 401 Invalid signature", rec.Code, rec.Body)
	}
	if rec := post(body, now); rec.Code != http.StatusOK {
		t.Fatalf("the same report signed anew: %d %s", rec.Code, rec.Body)
	}
	if handled != 2 {
		t.Errorf("handler ran %d times, want 2", handled)
	}
	want := now.Add(-time.Minute).Add(secure.CallbackTolerance)
	if got := nonces.expires[nonces.order[0]]; !got.Equal(want) {
		t.Errorf("first nonce kept until %v, want %v", got, want)
	}
}

func TestCallbackSignatureStoreFailureIs500(t *testing.T) {
	secret := []byte("callback-secret")
	e := newEcho()
	e.POST("/api/readwise", func(c echo.Context) error {
		t.Error("handler ran although the nonce could not be recorded")
		return nil
	}, middleware.CallbackSignature(secret, failingNonces{}, nil, nil))
	body := []byte(`{"userId":"user-1","bookCount":42}`)
	req := httptest.NewRequest(http.MethodPost, "/api/readwise", bytes.NewReader(body))
	req.Header.Set(secure.CallbackSignatureHeader, secure.SignCallback(secret, time.Now(), body))
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	if rec.Code != http.StatusInternalServerError || errorMessage(t, rec) != "Internal server error" {
		t.Fatalf("got %d %s, want 500", rec.Code, rec.Body)
	}
}

// memoryNonces is store.CallbackNonces in a map, for one test at a time.
type memoryNonces struct {
	expires map[string]time.Time
	order   []string
}

func (m *memoryNonces) UseCallbackNonce(_ context.Context, nonce string, expires, _ time.Time) (bool, error) {
	if _, seen := m.expires[nonce]; seen {
		return false, nil
	}
	if m.expires == nil {
		m.expires = map[string]time.Time{}
	}
	m.expires[nonce] = expires
	m.order = append(m.order, nonce)
	return true, nil
}

type failingNonces struct{}

func (failingNonces) UseCallbackNonce(context.Context, string, time.Time, time.Time) (bool, error) {
	return false, errors.New("database unreachable")
}

// failingReader stands for a client that disconnects mid-body.
type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

func TestCallbackSignatureUnreadableBody(t *testing.T) {
	e := newEcho()
	e.POST("/api/readwise", func(c echo.Context) error {
		t.Error("handler ran for an unreadable body")
		return nil
	}, middleware.CallbackSignature([]byte("callback-secret"), &memoryNonces{}, nil, nil))

	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/api/readwise", failingReader{}))

	if rec.Code != http.StatusBadRequest || errorMessage(t, rec) != "Could not read the request body" {
		t.Fatalf("got %d %s, want 400 Could not read the request body", rec.Code, rec.Body)
	}
}

func TestCallbackSignaturePassesOnBodyLimitError(t *testing.T) {
	secret := []byte("callback-secret")
	body := bytes.Repeat([]byte("x"), middleware.MaxBodyBytes+1)
	e := newEcho()
	e.POST("/api/readwise", func(c echo.Context) error {
		t.Error("handler ran for an oversized body")
		return nil
	}, middleware.BodyLimit(), middleware.CallbackSignature(secret, &memoryNonces{}, nil, nil))

	req := httptest.NewRequest(http.MethodPost, "/api/readwise", bytes.NewReader(body))
	req.ContentLength = -1 // unknown length, so BodyLimit fails while reading
	req.Header.Set(secure.CallbackSignatureHeader, secure.SignCallback(secret, time.Now(), body))
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)

	if rec.Code != http.StatusRequestEntityTooLarge || errorMessage(t, rec) != "Request body is larger than 1 MiB" {
		t.Fatalf("got %d %s, want 413", rec.Code, rec.Body)
	}
}

// newEcho answers errors the way the app does, so that statuses and messages
// can be checked.
func newEcho() *echo.Echo {
	e := echo.New()
	e.HTTPErrorHandler = handlers.ErrorHandler(slog.New(slog.DiscardHandler))
	return e
}

// errorMessage is the message of an {"error": "<message>"} answer.
func errorMessage(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	var answer struct {
		Error string `json:"error"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &answer); err != nil {
		t.Fatalf("body %q: %v", rec.Body, err)
	}
	return answer.Error
}
