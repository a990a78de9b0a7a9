package fakeairtable

import (
	"net/http"
	"testing"
	"time"
)

// fakeClock is a settable clock for the rate limiter.
type fakeClock struct{ now time.Time }

func (c *fakeClock) Now() time.Time { return c.now }

func TestRateLimitTripsA30SecondPenaltyPerBase(t *testing.T) {
	s := newServer(t, records(1))
	s.AddTable("tok", "appOther", "tblTable", records(1))
	clock := &fakeClock{now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	s.SetClock(clock.Now)
	s.SetLimits(AirtableLimits)

	status := func(base string) int {
		t.Helper()
		status, header, body := get(t, s, "tok", "/"+base+"/tblTable")
		if status == http.StatusTooManyRequests {
			e := wantError(t, status, body, http.StatusTooManyRequests, "RATE_LIMIT_REACHED")
			if e.Message != "Rate limit exceeded. Please try again later" || header.Get("Retry-After") != "" {
				t.Fatalf("429: message %q, Retry-After %q", e.Message, header.Get("Retry-After"))
			}
		}
		return status
	}
	for i := range 5 {
		if got := status("appBase"); got != http.StatusOK {
			t.Fatalf("request %d within the burst: %d", i+1, got)
		}
	}
	if got := status("appBase"); got != http.StatusTooManyRequests {
		t.Fatalf("sixth request in the same instant: %d, want 429", got)
	}
	if got := status("appOther"); got != http.StatusOK {
		t.Fatalf("another base shares the bucket: %d", got)
	}

	clock.now = clock.now.Add(29 * time.Second) // the bucket is full again, the penalty is not over
	if got := status("appBase"); got != http.StatusTooManyRequests {
		t.Fatalf("29 s into the penalty: %d, want 429", got)
	}
	clock.now = clock.now.Add(time.Second)
	for i := range 5 {
		if got := status("appBase"); got != http.StatusOK {
			t.Fatalf("request %d after the penalty: %d", i+1, got)
		}
	}
}

func TestFiveRequestsASecondNeverTrip(t *testing.T) {
	s := newServer(t, records(1))
	clock := &fakeClock{now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	s.SetClock(clock.Now)
	s.SetLimits(AirtableLimits)
	for i := range 50 {
		if status, _, body := get(t, s, "tok", "/appBase/tblTable"); status != http.StatusOK {
			t.Fatalf("request %d: %d %s", i+1, status, body)
		}
		clock.now = clock.now.Add(200 * time.Millisecond)
	}
}

func TestBillingLimitExceeded(t *testing.T) {
	s := newServer(t, records(1))
	s.AddTable("tok", "appOther", "tblTable", records(1))
	s.BillingLimitExceeded("appBase", true)

	status, _, body := get(t, s, "tok", "/appBase/tblTable")
	wantError(t, status, body, http.StatusTooManyRequests, "PUBLIC_API_BILLING_LIMIT_EXCEEDED")
	status, _, body = get(t, s, "", "/appBase/tblTable")
	wantError(t, status, body, http.StatusUnauthorized, "AUTHENTICATION_REQUIRED") // the token is checked first
	if status, _, _ := get(t, s, "tok", "/appOther/tblTable"); status != http.StatusOK {
		t.Fatalf("another base: %d", status)
	}

	s.BillingLimitExceeded("appBase", false)
	if status, _, _ := get(t, s, "tok", "/appBase/tblTable"); status != http.StatusOK {
		t.Fatalf("switched off: %d", status)
	}
}
