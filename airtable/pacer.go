package airtable

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limit is one token bucket: Rate requests per second, at most Burst at once.
type Limit struct {
	Rate  rate.Limit
	Burst int
}

// DefaultLimit is Airtable's documented 5 requests per second per base. A
// burst of 1 spaces requests evenly, so no one-second window, however
// Airtable counts it, sees more than five.
var DefaultLimit = Limit{Rate: 5, Burst: 1}

// defaultPacer is shared by every Client built without a Pacer, so all
// users of one process stay within each base's budget together.
var defaultPacer = NewPacer(DefaultLimit)

// Pacer spaces requests per base before they are sent: Airtable limits each
// base, whoever's token calls it, so bases never share a bucket and tokens
// on one base always do. It is safe for concurrent use by any number of
// Clients.
type Pacer struct {
	limit Limit

	mu      sync.Mutex
	buckets map[string]*rate.Limiter // by base id
	sweepAt int
}

// minSweep is the map size below which idle buckets are not worth dropping.
const minSweep = 1024

// NewPacer returns a Pacer that gives each base the bucket limit; tests
// pass small ones. A Burst below 1 counts as 1, since no request could
// ever pass it.
func NewPacer(limit Limit) *Pacer {
	limit.Burst = max(limit.Burst, 1)
	return &Pacer{limit: limit, buckets: map[string]*rate.Limiter{}, sweepAt: minSweep}
}

// wait blocks until the base's bucket allows one request. When the wait
// would outlast ctx's deadline it returns a RateLimitError at once, so a
// caller with a time budget can schedule the retry instead of sleeping.
func (p *Pacer) wait(ctx context.Context, baseID string) error {
	now := time.Now()
	r := p.reserve(baseID, now)
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

// reserve takes one request from the base's bucket, under the pacer's lock
// so that dropIdle never forgets a bucket between lookup and reservation.
func (p *Pacer) reserve(baseID string, now time.Time) *rate.Reservation {
	p.mu.Lock()
	defer p.mu.Unlock()
	limiter, ok := p.buckets[baseID]
	if !ok {
		if len(p.buckets) >= p.sweepAt {
			p.dropIdle(now)
		}
		limiter = rate.NewLimiter(p.limit.Rate, p.limit.Burst)
		p.buckets[baseID] = limiter
	}
	return limiter.ReserveN(now, 1)
}

// dropIdle forgets bases whose buckets are full again: a fresh bucket is
// identical, and the map does not grow with every base ever called.
func (p *Pacer) dropIdle(now time.Time) {
	for baseID, limiter := range p.buckets {
		if limiter.TokensAt(now) >= float64(p.limit.Burst) {
			delete(p.buckets, baseID)
		}
	}
	p.sweepAt = max(minSweep, 2*len(p.buckets))
}
