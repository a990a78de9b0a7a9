package handlers

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"spark.dev/spark/apperr"
	"spark.dev/spark/store"
)

// serve answers one request through an Echo that uses ErrorHandler and has
// a single route, GET /fail, failing with err.
func serve(t *testing.T, err error, method, path string) (int, string) {
	t.Helper()
	rec := record(err, method, path)
	return rec.Code, rec.Body.String()
}

// record is serve returning the whole response.
func record(err error, method, path string) *httptest.ResponseRecorder {
	e := echo.New()
	e.HTTPErrorHandler = ErrorHandler(slog.New(slog.DiscardHandler))
	e.GET("/fail", func(echo.Context) error { return err })
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	return rec
}

func TestErrorHandlerMapsEachCodeToOneStatus(t *testing.T) {
	tests := []struct {
		name       string
		err        error
		wantStatus int
		wantBody   string
	}{
		{"invalid", apperr.New(apperr.Invalid, "Bad input"), 400, `{"error":"Bad input"}`},
		{"unauthorized", apperr.New(apperr.Unauthorized, "Authentication required"), 401, `{"error":"Authentication required"}`},
		{"forbidden", apperr.New(apperr.Forbidden, "Unauthorized: Cannot access another user's data"), 403, `{"error":"Unauthorized: Cannot access another user's data"}`},
		{"not found", apperr.New(apperr.NotFound, "Automation not found"), 404, `{"error":"Automation not found"}`},
		{"timeout", apperr.New(apperr.Timeout, "Request body took too long to arrive"), 408, `{"error":"Request body took too long to arrive"}`},
		{"too large", apperr.New(apperr.TooLarge, "Request body is larger than 1 MiB"), 413, `{"error":"Request body is larger than 1 MiB"}`},
		{"upstream", apperr.Wrap(apperr.Upstream, "Failed to trigger", errors.New("dial tcp: refused")), 502, `{"error":"Failed to trigger"}`},
		{"unavailable", apperr.New(apperr.Unavailable, "Try later"), 503, `{"error":"Try later"}`},
		{"not configured", apperr.New(apperr.NotConfigured, "Not set up"), 503, `{"error":"Not set up"}`},
		{"store busy", fmt.Errorf("stage readwise credential: %w", fmt.Errorf("%w: database is locked", store.ErrBusy)), 503, `{"error":"Service busy, try again shortly"}`},
		{"wrapped", fmt.Errorf("saving: %w", apperr.New(apperr.Invalid, "Bad input")), 400, `{"error":"Bad input"}`},
		{"unknown code", apperr.New("teapot", "Short and stout"), 500, `{"error":"Short and stout"}`},
		{"plain error", errors.New("db password is hunter2"), 500, `{"error":"Internal server error"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := serve(t, tt.err, http.MethodGet, "/fail")
			if status != tt.wantStatus || strings.TrimSpace(body) != tt.wantBody {
				t.Errorf("got %d %s, want %d %s", status, body, tt.wantStatus, tt.wantBody)
			}
		})
	}
}

// Echo's router refuses unknown routes and methods before any handler runs;
// those answers are JSON too.
func TestErrorHandlerAnswersEchoRouterErrorsAsJSON(t *testing.T) {
	tests := []struct {
		method, path string
		wantStatus   int
		wantMessage  string
	}{
		{http.MethodGet, "/nowhere", http.StatusNotFound, "Not Found"},
		{http.MethodPost, "/fail", http.StatusMethodNotAllowed, "Method Not Allowed"},
	}
	for _, tt := range tests {
		status, body := serve(t, nil, tt.method, tt.path)
		var answer map[string]string
		if err := json.Unmarshal([]byte(body), &answer); err != nil || status != tt.wantStatus || answer["error"] != tt.wantMessage {
			t.Errorf("%s %s: got %d %s, want %d %q", tt.method, tt.path, status, body, tt.wantStatus, tt.wantMessage)
		}
	}
}

// A client told 503 learns when to try again; other errors carry no such
// hint, nor does a 503 for what only the server's operator can change.
func TestErrorHandlerTells503ClientsWhenToRetry(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("put: %w", store.ErrBusy), "5"},
		{apperr.New(apperr.Unavailable, "The embeddings service is busy"), "5"},
		{apperr.Wrap(apperr.NotConfigured, "Semantic search is not configured", errors.New("no key")), ""},
		{apperr.New(apperr.Upstream, "Failed to trigger"), ""},
		{errors.New("boom"), ""},
	} {
		rec := record(tt.err, http.MethodGet, "/fail")
		if got := rec.Header().Get("Retry-After"); got != tt.want {
			t.Errorf("%v: %d with Retry-After %q, want %q", tt.err, rec.Code, got, tt.want)
		}
	}
}

func TestErrorHandlerSendsNoBodyToHEAD(t *testing.T) {
	e := echo.New()
	e.HTTPErrorHandler = ErrorHandler(slog.New(slog.DiscardHandler))
	e.HEAD("/fail", func(echo.Context) error { return apperr.New(apperr.Invalid, "Bad input") })
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest(http.MethodHead, "/fail", nil))
	if rec.Code != http.StatusBadRequest || rec.Body.Len() != 0 {
		t.Errorf("got %d %q, want 400 and no body", rec.Code, rec.Body)
	}
}
