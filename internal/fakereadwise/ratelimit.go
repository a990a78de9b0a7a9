package fakereadwise

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"

	"spark.dev/spark/internal/fakeapi"
)

// Limits are requests per minute per token, counted as Readwise does: List
// for Book LIST and Highlight LIST, Other for every other endpoint, each in
// its own window. 0 turns a limit off.
type Limits struct {
	List, Other int
}

// ReadwiseLimits are Readwise's documented limits, which a new Server enforces.
var ReadwiseLimits = Limits{List: 20, Other: 240}

const throttleWindow = time.Minute

// throttle is DRF's SimpleRateThrottle: per token and bucket, the times of
// the requests let through in the last minute.
type throttle struct {
	limits  Limits
	now     func() time.Time
	history map[throttleKey][]time.Time
}

type throttleKey struct {
	token string
	list  bool
}

func newThrottle() throttle {
	return throttle{limits: ReadwiseLimits, now: time.Now, history: map[throttleKey][]time.Time{}}
}

// SetLimits replaces the rate limits; requests already counted stay counted.
func (s *Server) SetLimits(l Limits) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.throttle.limits = l
}

// SetClock replaces the rate limiter's clock, so a test can move a minute
// on without waiting for it.
func (s *Server) SetClock(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.throttle.now = now
}

// allow records a request of token to endpoint, or says how long until the
// token's window has room for it.
func (s *Server) allow(token, endpoint string) (time.Duration, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := &s.throttle
	list := endpoint == EndpointBooks || endpoint == EndpointHighlights
	limit := t.limits.Other
	if list {
		limit = t.limits.List
	}
	if limit <= 0 {
		return 0, true
	}
	key := throttleKey{token: token, list: list}
	now := t.now()
	history := t.history[key]
	expired := 0
	for expired < len(history) && !history[expired].After(now.Add(-throttleWindow)) {
		expired++
	}
	history = append(history[:0], history[expired:]...)
	t.history[key] = history
	if len(history) >= limit {
		return history[len(history)-limit].Add(throttleWindow).Sub(now), false
	}
	t.history[key] = append(history, now)
	return 0, true
}

// throttled is DRF's 429: whole seconds in Retry-After and in the detail.
func throttled(wait time.Duration) fakeapi.Response {
	secs := max(1, int(math.Ceil(wait.Seconds())))
	resp := detailResponse(http.StatusTooManyRequests, throttleDetail(secs))
	resp.Header.Set("Retry-After", strconv.Itoa(secs))
	return resp
}

func throttleDetail(secs int) string {
	unit := "seconds"
	if secs == 1 {
		unit = "second"
	}
	return fmt.Sprintf("Request was throttled. Expected available in %d %s.", secs, unit)
}
