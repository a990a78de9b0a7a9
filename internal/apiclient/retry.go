package apiclient

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// MaxRetryWait bounds the wait a 429 may ask for: a longer one is a bad
// header, not a plan, and must not park a job for good.
const MaxRetryWait = 24 * time.Hour

// RetryAt is when a 429 may be retried: when its Retry-After header says
// (seconds or an HTTP date), else fallback from now; never sooner than
// atLeast from now, nor later than MaxRetryWait.
func RetryAt(now time.Time, header http.Header, fallback, atLeast time.Duration) time.Time {
	wait, ok := retryAfter(now, header.Get("Retry-After"))
	if !ok {
		wait = fallback
	}
	return now.Add(min(max(wait, atLeast), MaxRetryWait))
}

// retryAfter reads a Retry-After value. Seconds may have a fraction; a
// negative number, like a date in the past, means now.
func retryAfter(now time.Time, v string) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseFloat(v, 64); err == nil && !math.IsNaN(secs) {
		// Bounded before the conversion, which would overflow.
		secs = min(max(secs, 0), MaxRetryWait.Seconds())
		return time.Duration(secs * float64(time.Second)), true
	}
	if at, err := http.ParseTime(v); err == nil {
		return max(at.Sub(now), 0), true
	}
	return 0, false
}
