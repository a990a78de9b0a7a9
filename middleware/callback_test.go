package middleware

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"spark.dev/api/secure"
)

func TestCallbackSignature(t *testing.T) {
	secret := []byte("callback-secret")
	now := time.Unix(1700000000, 0)
	body := `{"userId":"user-1","bookCount":42}`
	huge := `{"pad":"` + strings.Repeat("x", MaxBodyBytes) + `"}`

	tests := []struct {
		name       string
		header     string
		body       string
		wantStatus int
	}{
		{"valid", secure.SignCallback(secret, now, []byte(body)), body, http.StatusOK},
		{"signed a minute ago", secure.SignCallback(secret, now.Add(-time.Minute), []byte(body)), body, http.StatusOK},
		{"missing header", "", body, http.StatusUnauthorized},
		{"wrong secret", secure.SignCallback([]byte("other-secret"), now, []byte(body)), body, http.StatusUnauthorized},
		{"tampered body", secure.SignCallback(secret, now, []byte(body)), strings.Replace(body, "42", "43", 1), http.StatusUnauthorized},
		{"stale", secure.SignCallback(secret, now.Add(-6*time.Minute), []byte(body)), body, http.StatusUnauthorized},
		{"from the future", secure.SignCallback(secret, now.Add(6*time.Minute), []byte(body)), body, http.StatusUnauthorized},
		{"malformed header", "v1=deadbeef", body, http.StatusUnauthorized},
		{"body over 1 MiB", secure.SignCallback(secret, now, []byte(huge)), huge, http.StatusRequestEntityTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var received string
			e := echo.New()
			e.POST("/api/readwise", func(c echo.Context) error {
				b, err := io.ReadAll(c.Request().Body)
				if err != nil {
					return err
				}
				received = string(b)
				return c.NoContent(http.StatusOK)
			}, CallbackSignature(secret, func() time.Time { return now }))

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
				if tt.wantStatus == http.StatusUnauthorized && !strings.Contains(rec.Body.String(), "Invalid signature") {
					t.Errorf("body = %s, want the message Invalid signature", rec.Body)
				}
				return
			}
			if received != tt.body {
				t.Errorf("handler read body %q, want %q", received, tt.body)
			}
		})
	}
}

// failingReader stands for a client that disconnects mid-body.
type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

func TestCallbackSignatureUnreadableBody(t *testing.T) {
	e := echo.New()
	e.POST("/api/readwise", func(c echo.Context) error {
		t.Error("handler ran for an unreadable body")
		return nil
	}, CallbackSignature([]byte("callback-secret"), nil))

	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/api/readwise", failingReader{}))

	if rec.Code != http.StatusBadRequest {
		t.Fatalf("status = %d, want 400", rec.Code)
	}
}

func TestCallbackSignaturePassesOnBodyLimitError(t *testing.T) {
	secret := []byte("callback-secret")
	body := bytes.Repeat([]byte("x"), MaxBodyBytes+1)
	e := echo.New()
	e.POST("/api/readwise", func(c echo.Context) error {
		t.Error("handler ran for an oversized body")
		return nil
	}, BodyLimit(), CallbackSignature(secret, nil))

	req := httptest.NewRequest(http.MethodPost, "/api/readwise", bytes.NewReader(body))
	req.ContentLength = -1 // unknown length, so BodyLimit fails while reading
	req.Header.Set(secure.CallbackSignatureHeader, secure.SignCallback(secret, time.Now(), body))
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)

	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("status = %d, want 413", rec.Code)
	}
}
