package fakereadwise

import (
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"spark.dev/spark/internal/fakeapi"
)

func TestAuthentication(t *testing.T) {
	s := newServer(t, "good", NewLibrary())
	for _, tc := range []struct {
		name, header string
		status       int
		detail       string
	}{
		{"valid", "Token good", http.StatusNoContent, ""},
		{"unknown token", "Token bad", http.StatusUnauthorized, "Invalid token."},
		{"missing header", "", http.StatusUnauthorized, "Authentication credentials were not provided."},
		{"other scheme", "Bearer good", http.StatusUnauthorized, "Authentication credentials were not provided."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, s.URL()+"/auth/", nil)
			if tc.header != "" {
				req.Header.Set("Authorization", tc.header)
			}
			status, _, body := fakeapi.Send(t, req)
			if status != tc.status {
				t.Fatalf("status %d, want %d", status, tc.status)
			}
			if tc.detail != "" && detailOf(t, body) != tc.detail {
				t.Fatalf("body %s, want detail %q", body, tc.detail)
			}
			if tc.detail == "" && len(body) != 0 {
				t.Fatalf("204 with body %q", body)
			}
		})
	}
}

func TestPathsWithAndWithoutTrailingSlash(t *testing.T) {
	s := newServer(t, "tok", NewLibrary())
	for _, path := range []string{"/auth", "/books", "/highlights/", "/export"} {
		if status, _, body := get(t, s, "tok", path); status >= 300 {
			t.Errorf("%s: %d %s", path, status, body)
		}
	}
	if status, _, _ := get(t, s, "tok", "/nothing/"); status != http.StatusNotFound {
		t.Errorf("unknown path: %d, want 404", status)
	}
	want := map[string]int{EndpointAuth: 1, EndpointBooks: 1, EndpointHighlights: 1, EndpointExport: 1, "/nothing/": 1}
	if got := s.Requests("tok"); !equalCounts(got, want) {
		t.Errorf("requests %v, want %v", got, want)
	}
}

func TestRequestLogKeepsEachTokensRequestsInOrderWithTheirTimes(t *testing.T) {
	s := newServer(t, "tok", NewLibrary())
	before := time.Now()
	for _, path := range []string{"/books/", "/auth/", "/books/?page_size=1"} {
		get(t, s, "tok", path)
	}
	get(t, s, "other", "/books/") // refused, and logged under its own token
	log := s.RequestLog("tok")
	endpoints := make([]string, len(log))
	for i, r := range log {
		endpoints[i] = r.Endpoint
		if r.At.Before(before) || (i > 0 && r.At.Before(log[i-1].At)) {
			t.Errorf("request %d at %v: out of order or before the test", i, r.At)
		}
	}
	if want := []string{EndpointBooks, EndpointAuth, EndpointBooks}; !slices.Equal(endpoints, want) {
		t.Errorf("logged %v, want %v", endpoints, want)
	}
	if n := len(s.RequestLog("other")); n != 1 {
		t.Errorf("%d requests logged for the other token, want 1", n)
	}
}

func equalCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// fakeClock is a settable clock for the rate limiter.
type fakeClock struct{ now time.Time }

func (c *fakeClock) Now() time.Time { return c.now }

func TestRateLimitIsASlidingWindowPerTokenAndBucket(t *testing.T) {
	s := newServer(t, "a", NewLibrary())
	s.AddUser("b", NewLibrary())
	clock := &fakeClock{now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	s.SetClock(clock.Now)
	s.SetLimits(Limits{List: 2, Other: 3})

	mustStatus := func(token, path string, want int) http.Header {
		t.Helper()
		status, header, body := get(t, s, token, path)
		if status != want {
			t.Fatalf("%s %s: %d %s, want %d", token, path, status, body, want)
		}
		return header
	}
	mustStatus("a", "/books/", 200)
	clock.now = clock.now.Add(20 * time.Second)
	mustStatus("a", "/highlights/", 200) // LIST endpoints share one bucket
	clock.now = clock.now.Add(10 * time.Second)

	status, header, body := get(t, s, "a", "/books/")
	if status != http.StatusTooManyRequests || header.Get("Retry-After") != "30" ||
		detailOf(t, body) != "Request was throttled. Expected available in 30 seconds." {
		t.Fatalf("throttled: %d, Retry-After %q, %s", status, header.Get("Retry-After"), body)
	}
	mustStatus("a", "/export/", 200) // the other bucket is separate
	mustStatus("b", "/books/", 200)  // and so is every other token

	clock.now = clock.now.Add(30 * time.Second) // the first request leaves the window
	mustStatus("a", "/books/", 200)
	mustStatus("a", "/books/", 429) // the throttled request did not count
}

func TestRateLimitNextComesBeforeFailNext(t *testing.T) {
	s := newServer(t, "tok", NewLibrary())
	s.FailNext(1, Fault{Status: 503})
	s.RateLimitNext("tok", 2, 1500*time.Millisecond)

	var statuses []int
	for range 4 {
		status, header, body := get(t, s, "tok", "/auth/")
		statuses = append(statuses, status)
		if status == 429 && (header.Get("Retry-After") != "2" || !strings.Contains(detailOf(t, body), "in 2 seconds")) {
			t.Fatalf("429: Retry-After %q, %s", header.Get("Retry-After"), body)
		}
	}
	if want := []int{429, 429, 503, 204}; !slices.Equal(statuses, want) {
		t.Fatalf("statuses %v, want %v", statuses, want)
	}
	if got := s.Requests("tok")[EndpointAuth]; got != 4 {
		t.Fatalf("counted %d requests, want 4", got)
	}
}

func TestGatewayErrorsAreHTML(t *testing.T) {
	s := newServer(t, "tok", NewLibrary())
	s.FailNext(1, Fault{Status: 502})
	_, header, body := get(t, s, "tok", "/auth/")
	if header.Get("Content-Type") != "text/html" || !strings.Contains(string(body), "502 Bad Gateway") {
		t.Fatalf("%s %s", header.Get("Content-Type"), body)
	}
}

func TestRandomFaultsRepeatForASeed(t *testing.T) {
	run := func() []int {
		s := newServer(t, "tok", NewLibrary())
		s.SetLimits(Limits{})
		s.SetRandomFaults(RandomFaults{Seed: 42, RateLimit: 0.2, ServerError: 0.2})
		var statuses []int
		for range 40 {
			status, _, _ := get(t, s, "tok", "/auth/")
			statuses = append(statuses, status)
		}
		return statuses
	}
	first, second := run(), run()
	if !slices.Equal(first, second) {
		t.Fatalf("same seed, different runs:\n%v\n%v", first, second)
	}
	for _, want := range []int{204, 429} {
		if !slices.Contains(first, want) {
			t.Fatalf("no %d in %v", want, first)
		}
	}
	if !slices.ContainsFunc(first, func(s int) bool { return s >= 500 }) {
		t.Fatalf("no 5xx in %v", first)
	}
}

func TestInjectedCountsEachKindOfFault(t *testing.T) {
	s := New()
	defer s.Close()
	s.AddUser("tok", NewLibrary())
	s.FailNext(1, Fault{Status: 429, RetryAfter: "1"})
	s.FailNext(1, Fault{Status: 502})
	s.FailNext(1, Fault{Truncate: true})
	for range 4 {
		fakeapi.Discard(t, s.URL()+"/auth/", "Token", "tok")
	}
	want := map[string]int{"429": 1, "5xx": 1, "truncated": 1}
	if got := s.Injected(); !maps.Equal(got, want) {
		t.Fatalf("Injected() = %v, want %v", got, want)
	}
}
