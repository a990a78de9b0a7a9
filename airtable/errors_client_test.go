package airtable_test

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"spark.dev/spark/airtable"
	"spark.dev/spark/internal/fakeairtable"
)

func TestErrorsAreTyped(t *testing.T) {
	for _, tc := range []struct {
		name    string
		setup   func(*fakeairtable.Server)
		token   string
		base    string
		table   string
		offset  string
		check   func(t *testing.T, err error)
		message string // the error's exact text, when it is fixed
	}{
		{
			name:    "wrong token",
			token:   "patWrong",
			check:   as[*airtable.UnauthorizedError](func(e *airtable.UnauthorizedError) bool { return e.Status == 401 }),
			message: "Airtable rejected the token (401)",
		},
		{
			name:    "base not granted to the token",
			setup:   func(s *fakeairtable.Server) { s.AddTable("someone-else", "appOtherBase00001", tableID, nil) },
			base:    "appOtherBase00001",
			check:   as[*airtable.NotFoundError](func(e *airtable.NotFoundError) bool { return e.Status == 403 }),
			message: "Airtable base or table not found, or the token cannot read it (403)",
		},
		{
			name:  "unknown table",
			table: "tblUnknown0000001",
			check: as[*airtable.NotFoundError](func(e *airtable.NotFoundError) bool { return e.Status == 403 }),
		},
		{
			name:    "404 as a string",
			setup:   func(s *fakeairtable.Server) { s.FailNext(1, fakeairtable.Fault{Status: 404}) },
			check:   as[*airtable.NotFoundError](func(e *airtable.NotFoundError) bool { return e.Status == 404 }),
			message: "Airtable base or table not found, or the token cannot read it (404)",
		},
		{
			name:  "404 as an object",
			setup: func(s *fakeairtable.Server) { s.FailNext(1, fakeairtable.Fault{Status: 404, Type: "NOT_FOUND"}) },
			check: as[*airtable.NotFoundError](func(e *airtable.NotFoundError) bool { return e.Status == 404 }),
		},
		{
			name:  "rate limited without Retry-After: 30 s",
			setup: func(s *fakeairtable.Server) { s.RateLimitNext(baseID, 1) },
			check: retryIn(30 * time.Second),
		},
		{
			name:  "shorter Retry-After: still 30 s",
			setup: func(s *fakeairtable.Server) { s.FailNext(1, fakeairtable.Fault{Status: 429, RetryAfter: "5"}) },
			check: retryIn(30 * time.Second),
		},
		{
			name:  "longer Retry-After wins",
			setup: func(s *fakeairtable.Server) { s.FailNext(1, fakeairtable.Fault{Status: 429, RetryAfter: "120"}) },
			check: retryIn(120 * time.Second),
		},
		{
			name:    "billing quota",
			setup:   func(s *fakeairtable.Server) { s.BillingLimitExceeded(baseID, true) },
			check:   as[*airtable.QuotaExceededError](func(*airtable.QuotaExceededError) bool { return true }),
			message: "Airtable's monthly API call limit for this workspace is used up",
		},
		{
			name:   "malformed offset",
			offset: "garbage",
			check: as[*airtable.RequestError](func(e *airtable.RequestError) bool {
				return e.Status == 422 && e.Type == "INVALID_OFFSET_VALUE" && e.Message != ""
			}),
		},
		{
			name: "other 422",
			setup: func(s *fakeairtable.Server) {
				s.FailNext(1, fakeairtable.Fault{Status: 422, Type: "INVALID_VALUE_FOR_COLUMN"})
			},
			check: as[*airtable.RequestError](func(e *airtable.RequestError) bool {
				return e.Status == 422 && e.Type == "INVALID_VALUE_FOR_COLUMN"
			}),
		},
		{
			name:  "400",
			setup: func(s *fakeairtable.Server) { s.FailNext(1, fakeairtable.Fault{Status: 400}) },
			check: as[*airtable.RequestError](func(e *airtable.RequestError) bool { return e.Status == 400 }),
		},
		{
			name:  "500",
			setup: func(s *fakeairtable.Server) { s.FailNext(1, fakeairtable.Fault{Status: 500}) },
			check: as[*airtable.ServerError](func(e *airtable.ServerError) bool {
				return e.Status == 500 && strings.Contains(e.Detail, "SERVER_ERROR")
			}),
		},
		{
			name:  "502 from a proxy, in HTML",
			setup: func(s *fakeairtable.Server) { s.FailNext(1, fakeairtable.Fault{Status: 502}) },
			check: as[*airtable.ServerError](func(e *airtable.ServerError) bool {
				return e.Status == 502 && strings.Contains(e.Detail, "502 Bad Gateway")
			}),
		},
		{
			name:  "truncated body",
			setup: func(s *fakeairtable.Server) { s.FailNext(1, fakeairtable.Fault{Truncate: true}) },
			check: as[*airtable.ServerError](func(e *airtable.ServerError) bool {
				return e.Status == 200 && strings.HasPrefix(e.Detail, "unreadable response")
			}),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, client := newFake(t, fakeairtable.GenerateTable(1, 10, fakeairtable.TableOptions{}))
			if tc.setup != nil {
				tc.setup(srv)
			}
			_, err := client.ListRecords(context.Background(), cmp.Or(tc.token, token), cmp.Or(tc.base, baseID), cmp.Or(tc.table, tableID), tc.offset)
			tc.check(t, err)
			checkNoToken(t, err)
			if tc.message != "" && err.Error() != tc.message {
				t.Fatalf("message %q, want %q", err.Error(), tc.message)
			}
		})
	}
}

// as checks that err is an E for which ok holds.
func as[E error](ok func(E) bool) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		t.Helper()
		var target E
		if !errors.As(err, &target) || !ok(target) {
			t.Fatalf("%T %v, not the %T wanted", err, err, target)
		}
	}
}

// retryIn checks for a *RateLimitError at wait from about now.
func retryIn(wait time.Duration) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		t.Helper()
		var limited *airtable.RateLimitError
		if !errors.As(err, &limited) {
			t.Fatalf("%v, want *RateLimitError", err)
		}
		if until := time.Until(limited.RetryAt); until > wait || until < wait-5*time.Second {
			t.Fatalf("retry in %v, want %v", until, wait)
		}
	}
}

// Airtable's messages never hold the token, but a proxy's page or a future
// message might: the client must not pass it on.
func TestTokenNeverInErrors(t *testing.T) {
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		status, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		w.WriteHeader(status)
		auth := r.Header.Get("Authorization")
		fmt.Fprintf(w, `{"error":{"type":"ECHO %s","message":"you sent %s"}}`, auth, auth)
	}))
	defer echo.Close()
	client := airtable.New(airtable.Options{BaseURL: echo.URL, DisablePacing: true})
	for _, status := range []string{"400", "409", "422", "500", "503"} {
		_, err := client.ListRecords(context.Background(), token, baseID, tableID, status)
		if err == nil {
			t.Fatalf("%s: no error", status)
		}
		checkNoToken(t, err)
	}

	_, err := client.ListRecords(context.Background(), token+"\n", baseID, tableID, "")
	if err == nil {
		t.Fatal("a token that cannot be a header value was sent")
	}
	checkNoToken(t, err)
}

func TestSlowAnswersTimeOut(t *testing.T) {
	srv, _ := newFake(t, nil)
	srv.FailNext(1, fakeairtable.Fault{Delay: time.Minute})
	client := airtable.New(airtable.Options{
		BaseURL:       srv.URL(),
		HTTPClient:    &http.Client{Timeout: 50 * time.Millisecond},
		DisablePacing: true,
	})
	_, err := client.ListRecords(context.Background(), token, baseID, tableID, "")
	var serverErr *airtable.ServerError
	if !errors.As(err, &serverErr) || serverErr.Status != 0 || serverErr.Detail != "request timed out" {
		t.Fatalf("%v, want a *ServerError that says the request timed out", err)
	}
}

func TestCancellationIsNotAServerError(t *testing.T) {
	srv, client := newFake(t, nil)
	srv.FailNext(1, fakeairtable.Fault{Delay: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := client.ListRecords(ctx, token, baseID, tableID, "")
	var serverErr *airtable.ServerError
	if !errors.Is(err, context.DeadlineExceeded) || errors.As(err, &serverErr) {
		t.Fatalf("%v, want the context's own error", err)
	}
}

func TestUnusableBaseURLFailsEveryCall(t *testing.T) {
	client := airtable.New(airtable.Options{BaseURL: "api.airtable.com/v0"})
	if _, err := client.ListRecords(context.Background(), token, baseID, tableID, ""); err == nil ||
		!strings.Contains(err.Error(), "not an absolute http(s) URL") {
		t.Fatalf("%v", err)
	}
}
