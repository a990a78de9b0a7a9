package readwise_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"spark.dev/spark/internal/fakereadwise"
	"spark.dev/spark/readwise"
)

func TestForeignPageURLIsRefusedBeforeSending(t *testing.T) {
	srv, client := newFake(t, fakereadwise.GenerateLibrary(6, 3, 3))
	var leaked atomic.Int32
	evil := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { leaked.Add(1) }))
	defer evil.Close()
	fake := strings.TrimSuffix(strings.TrimPrefix(srv.URL(), "http://"), "/api/v2")

	for _, pageURL := range []string{
		evil.URL + "/api/v2/books/?page=2",
		"https://" + fake + "/api/v2/books/?page=2", // same host, other scheme
		"http://" + fake + "@" + strings.TrimPrefix(evil.URL, "http://") + "/api/v2/books/?page=2",
		"http://[::1/books/",
	} {
		_, err := client.ListBooks(context.Background(), token, readwise.BookQuery{PageURL: pageURL})
		if !errors.Is(err, readwise.ErrForeignPageURL) {
			t.Errorf("%s: %v, want ErrForeignPageURL", pageURL, err)
		}
		checkNoToken(t, err)
	}
	if leaked.Load() != 0 || len(srv.Requests(token)) != 0 {
		t.Fatalf("requests sent: %d to the other host, %v to the fake", leaked.Load(), srv.Requests(token))
	}
}

func TestUnauthorized(t *testing.T) {
	srv, client := newFake(t, fakereadwise.NewLibrary())
	ctx := context.Background()
	revoked := "revoked-" + token
	for name, call := range map[string]func() error{
		"CountBooks": func() error {
			_, err := client.CountBooks(ctx, revoked)
			return err
		},
		"ListBooks": func() error {
			_, err := client.ListBooks(ctx, revoked, readwise.BookQuery{})
			return err
		},
		"Export": func() error {
			_, err := client.Export(ctx, revoked, readwise.ExportQuery{})
			return err
		},
	} {
		err := call()
		var unauthorized *readwise.UnauthorizedError
		if !errors.As(err, &unauthorized) || unauthorized.Status != 401 {
			t.Errorf("%s: %v, want *UnauthorizedError 401", name, err)
		}
		checkNoToken(t, err)
	}

	srv.FailNext(1, fakereadwise.Fault{Status: 403, Detail: "Forbidden for " + token})
	err := client.CheckToken(ctx, token)
	if err == nil || err.Error() != "Readwise rejected the API key (403)" {
		t.Fatalf("403: %v", err)
	}
}

func TestRateLimitIsReturnedNotRetried(t *testing.T) {
	httpDate := time.Now().Add(90 * time.Second).UTC().Truncate(time.Second)
	for _, tc := range []struct {
		name  string
		fault fakereadwise.Fault
		wait  time.Duration // from the request; 0 means exactly at
		at    time.Time
	}{
		{"Retry-After seconds", fakereadwise.Fault{Status: 429, RetryAfter: "7",
			Detail: "Request was throttled. Expected available in 7 seconds."}, 7 * time.Second, time.Time{}},
		{"Retry-After HTTP date", fakereadwise.Fault{Status: 429, RetryAfter: httpDate.Format(http.TimeFormat)}, 0, httpDate},
		{"body only", fakereadwise.Fault{Status: 429, Detail: "Request was throttled. Expected available in 42 seconds."}, 42 * time.Second, time.Time{}},
		{"nothing", fakereadwise.Fault{Status: 429}, time.Minute, time.Time{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, client := newFake(t, fakereadwise.GenerateLibrary(7, 5, 5))
			srv.FailNext(1, tc.fault)
			before := time.Now()
			_, err := client.ListBooks(context.Background(), token, readwise.BookQuery{})
			after := time.Now()

			var limited *readwise.RateLimitError
			if !errors.As(err, &limited) {
				t.Fatalf("%v, want *RateLimitError", err)
			}
			if tc.wait == 0 && !limited.RetryAt.Equal(tc.at) {
				t.Fatalf("RetryAt %v, want %v", limited.RetryAt, tc.at)
			}
			if tc.wait != 0 && (limited.RetryAt.Before(before.Add(tc.wait)) || limited.RetryAt.After(after.Add(tc.wait))) {
				t.Fatalf("RetryAt %v, want %v after the request", limited.RetryAt, tc.wait)
			}
			if n := srv.Requests(token)[fakereadwise.EndpointBooks]; n != 1 {
				t.Fatalf("%d requests, want 1: the client must not retry by itself", n)
			}
		})
	}
}

func TestRateLimitOfTheFakeItself(t *testing.T) {
	srv, client := newFake(t, fakereadwise.GenerateLibrary(8, 5, 5))
	srv.SetLimits(fakereadwise.Limits{List: 1, Other: 240})
	start := time.Now()
	srv.SetClock(func() time.Time { return start })
	if _, err := client.ListBooks(context.Background(), token, readwise.BookQuery{}); err != nil {
		t.Fatal(err)
	}
	_, err := client.ListBooks(context.Background(), token, readwise.BookQuery{})
	var limited *readwise.RateLimitError
	if !errors.As(err, &limited) || limited.RetryAt.Sub(start) < 59*time.Second {
		t.Fatalf("%v, want a retry a minute on", err)
	}
	if err := client.CheckToken(context.Background(), token); err != nil {
		t.Fatalf("the other bucket was throttled too: %v", err)
	}
}

func TestServerErrorsAreRetriableAndShort(t *testing.T) {
	for _, status := range []int{500, 502, 503} {
		srv, client := newFake(t, fakereadwise.NewLibrary())
		srv.FailNext(1, fakereadwise.Fault{Status: status})
		_, err := client.Export(context.Background(), token, readwise.ExportQuery{})
		var serverErr *readwise.ServerError
		if !errors.As(err, &serverErr) || serverErr.Status != status {
			t.Fatalf("%d: %v, want *ServerError", status, err)
		}
		if len(err.Error()) > 300 {
			t.Fatalf("%d: a %d-byte message: %v", status, len(err.Error()), err)
		}
		checkNoToken(t, err)
	}
}

func TestUnreadableBodiesAreServerErrors(t *testing.T) {
	srv, client := newFake(t, fakereadwise.GenerateLibrary(9, 20, 200))
	srv.FailNext(1, fakereadwise.Fault{Truncate: true})
	_, err := client.Export(context.Background(), token, readwise.ExportQuery{})
	var serverErr *readwise.ServerError
	if !errors.As(err, &serverErr) || serverErr.Status != 200 {
		t.Fatalf("truncated body: %v, want *ServerError with status 200", err)
	}

	html := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("<html>maintenance</html>"))
	}))
	defer html.Close()
	client = readwise.New(readwise.Options{BaseURL: html.URL, DisablePacing: true})
	if _, err := client.CountBooks(context.Background(), token); !errors.As(err, &serverErr) {
		t.Fatalf("HTML instead of JSON: %v, want *ServerError", err)
	}
}

func TestOtherClientErrorsAreRequestErrors(t *testing.T) {
	srv, client := newFake(t, fakereadwise.GenerateLibrary(10, 5, 0))
	_, err := client.ListBooks(context.Background(), token, readwise.BookQuery{PageURL: srv.URL() + "/books/?page=9"})
	var requestErr *readwise.RequestError
	if !errors.As(err, &requestErr) || requestErr.Status != 404 || requestErr.Detail != "Invalid page." {
		t.Fatalf("%v, want *RequestError 404 Invalid page.", err)
	}
}

func TestTimeoutIsAServerError(t *testing.T) {
	srv := fakereadwise.New()
	defer srv.Close()
	srv.AddUser(token, fakereadwise.NewLibrary())
	srv.FailNext(1, fakereadwise.Fault{Delay: time.Minute})
	client := readwise.New(readwise.Options{
		BaseURL:       srv.URL(),
		HTTPClient:    &http.Client{Timeout: 100 * time.Millisecond},
		DisablePacing: true,
	})
	err := client.CheckToken(context.Background(), token)
	var serverErr *readwise.ServerError
	if !errors.As(err, &serverErr) || serverErr.Status != 0 || serverErr.Detail != "request timed out" {
		t.Fatalf("%v, want *ServerError timed out", err)
	}
}

func TestCallerCancellationIsNotAServerError(t *testing.T) {
	srv, client := newFake(t, fakereadwise.NewLibrary())
	srv.FailNext(1, fakereadwise.Fault{Delay: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	err := client.CheckToken(ctx, token)
	var serverErr *readwise.ServerError
	if !errors.Is(err, context.DeadlineExceeded) || errors.As(err, &serverErr) {
		t.Fatalf("%v, want the context's error", err)
	}
}

func TestBadBaseURLFailsEveryCall(t *testing.T) {
	client := readwise.New(readwise.Options{BaseURL: "readwise.io/api/v2"})
	if err := client.CheckToken(context.Background(), token); err == nil || !strings.Contains(err.Error(), "base URL") {
		t.Fatalf("%v, want a base URL error", err)
	}
}
