package readwise

import (
	"context"
	"crypto/sha256"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limit is one token bucket: Rate requests per second, at most Burst at once.
type Limit struct {
	Rate  rate.Limit
	Burst int
}

// Readwise's documented budgets per token. A burst of 1 spaces requests
// evenly, which is the only burst that never trips Readwise's sliding
// one-minute window: a bucket of burst b lets b+N through in a minute.
var (
	DefaultListLimit  = Limit{Rate: rate.Every(time.Minute / 20), Burst: 1}  // Book LIST, Highlight LIST
	DefaultOtherLimit = Limit{Rate: rate.Every(time.Minute / 240), Burst: 1} // everything else
)

// defaultPacer is shared by every Client built without a Pacer, so all users
// of one process stay within each token's budget together.
var defaultPacer = NewPacer(DefaultListLimit, DefaultOtherLimit)

// Pacer spaces requests per token before they are sent. Each token has its
// own two buckets, LIST and other; tokens never share one. It is safe for
// concurrent use by any number of Clients.
type Pacer struct {
	list, other Limit

	mu      sync.Mutex
	buckets map[tokenKey]*tokenBuckets
	sweepAt int
}

// tokenKey is the SHA-256 of a token, so the pacer holds no token in memory.
type tokenKey [sha256.Size]byte

type tokenBuckets struct {
	list, other *rate.Limiter
}

type bucket int

const (
	listBucket bucket = iota
	otherBucket
)

// minSweep is the map size below which idle buckets are not worth dropping.
const minSweep = 1024

// NewPacer returns a Pacer with the given budgets; tests pass small ones.
// A Burst below 1 counts as 1, since no request could ever pass it.
func NewPacer(list, other Limit) *Pacer {
	list.Burst, other.Burst = max(list.Burst, 1), max(other.Burst, 1)
	return &Pacer{list: list, other: other, buckets: map[tokenKey]*tokenBuckets{}, sweepAt: minSweep}
}

// wait blocks until the token's bucket allows one request. When the wait
// would outlast ctx's deadline it returns a RateLimitError at once, so a
// caller with a time budget can schedule the retry instead of sleeping.
func (p *Pacer) wait(ctx context.Context, token string, b bucket) error {
	now := time.Now()
	r := p.reserve(token, b, now)
	delay := r.DelayFrom(now)
	if delay == 0 {
		return nil
	}
	if deadline, ok := ctx.Deadline(); ok && deadline.Before(now.Add(delay)) {
		r.CancelAt(now)
		return &RateLimitError{RetryAt: now.Add(delay)}
	}
	timer := time.NewTimer(delay)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		r.Cancel()
		return ctx.Err()
	}
}

// reserve takes one request from the token's bucket. It does so under the
// pacer's lock, so that dropIdle never forgets a bucket between the lookup
// and the reservation and hands the token a second, full one.
func (p *Pacer) reserve(token string, b bucket, now time.Time) *rate.Reservation {
	key := tokenKey(sha256.Sum256([]byte(token)))
	p.mu.Lock()
	defer p.mu.Unlock()
	tb, ok := p.buckets[key]
	if !ok {
		if len(p.buckets) >= p.sweepAt {
			p.dropIdle(now)
		}
		tb = &tokenBuckets{
			list:  rate.NewLimiter(p.list.Rate, p.list.Burst),
			other: rate.NewLimiter(p.other.Rate, p.other.Burst),
		}
		p.buckets[key] = tb
	}
	limiter := tb.other
	if b == listBucket {
		limiter = tb.list
	}
	return limiter.ReserveN(now, 1)
}

// dropIdle forgets tokens whose buckets are full again: a fresh bucket is
// identical, so nothing is lost, and the map does not grow with every user
// the process has ever served.
func (p *Pacer) dropIdle(now time.Time) {
	for key, tb := range p.buckets {
		if tb.list.TokensAt(now) >= float64(p.list.Burst) && tb.other.TokensAt(now) >= float64(p.other.Burst) {
			delete(p.buckets, key)
		}
	}
	p.sweepAt = max(minSweep, 2*len(p.buckets))
}
