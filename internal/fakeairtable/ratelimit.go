package fakeairtable

import (
	"time"

	"golang.org/x/time/rate"
)

// Limits is Airtable's rate limit per base: a token bucket of PerSecond
// requests per second (and as many at once); once a request finds it
// empty, every request to that base gets 429 for Penalty. PerSecond 0
// turns the limit off.
type Limits struct {
	PerSecond int
	Penalty   time.Duration
}

// AirtableLimits are Airtable's documented limits, which a new Server enforces.
var AirtableLimits = Limits{PerSecond: 5, Penalty: 30 * time.Second}

// throttle holds the per-base limits and switches; the Server's mutex
// guards it.
type throttle struct {
	limits       Limits
	now          func() time.Time
	buckets      map[string]*rate.Limiter
	blockedUntil map[string]time.Time
	billing      map[string]bool // bases whose workspace has no API calls left
}

func newThrottle() throttle {
	return throttle{
		limits:       AirtableLimits,
		now:          time.Now,
		buckets:      map[string]*rate.Limiter{},
		blockedUntil: map[string]time.Time{},
		billing:      map[string]bool{},
	}
}

// SetLimits replaces the rate limits and forgets every bucket and penalty.
func (s *Server) SetLimits(l Limits) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.throttle.limits = l
	s.throttle.buckets = map[string]*rate.Limiter{}
	s.throttle.blockedUntil = map[string]time.Time{}
}

// SetClock replaces the rate limiter's clock, so a test can sit out a
// penalty without waiting for it.
func (s *Server) SetClock(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.throttle.now = now
}

// BillingLimitExceeded switches whether every request to baseID gets 429
// PUBLIC_API_BILLING_LIMIT_EXCEEDED, as when its workspace has used up its
// monthly API calls.
func (s *Server) BillingLimitExceeded(baseID string, on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.throttle.billing[baseID] = on
}

// allow takes one request from the base's bucket, or starts or continues
// the base's penalty. Requests refused during a penalty do not extend it.
func (t *throttle) allow(baseID string) bool {
	if t.limits.PerSecond <= 0 {
		return true
	}
	now := t.now()
	if now.Before(t.blockedUntil[baseID]) {
		return false
	}
	bucket := t.buckets[baseID]
	if bucket == nil {
		bucket = rate.NewLimiter(rate.Limit(t.limits.PerSecond), t.limits.PerSecond)
		t.buckets[baseID] = bucket
	}
	if bucket.AllowN(now, 1) {
		return true
	}
	t.blockedUntil[baseID] = now.Add(t.limits.Penalty)
	return false
}
