// Package pacing spaces requests to a third-party API per key (a Readwise
// token, an Airtable base) before they are sent, so a process stays inside
// each key's budget and one key's traffic never slows another's.
package pacing

import (
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limit is one token bucket: Rate requests per second, at most Burst at once.
type Limit struct {
	Rate  rate.Limit
	Burst int
}

// TooSoonError says the wait for a bucket would outlast the caller's
// deadline; the request may go at At.
type TooSoonError struct {
	At time.Time
}

func (e *TooSoonError) Error() string {
	return fmt.Sprintf("request budget spent until %s", e.At.Format(time.RFC3339))
}

// Keyed holds, for every key, one bucket of each kind (e.g. LIST and other
// endpoints); keys never share a bucket. It is safe for concurrent use.
type Keyed struct {
	limits []Limit // by kind

	mu      sync.Mutex
	buckets map[string][]*rate.Limiter
	sweepAt int
}

// minSweep is the map size below which idle buckets are not worth dropping.
const minSweep = 1024

// New returns a Keyed pacer with one bucket kind per limit. A Burst below 1
// counts as 1, since no request could ever pass it.
func New(limits ...Limit) *Keyed {
	for i := range limits {
		limits[i].Burst = max(limits[i].Burst, 1)
	}
	return &Keyed{limits: limits, buckets: map[string][]*rate.Limiter{}, sweepAt: minSweep}
}

// Wait blocks until key's bucket of the given kind allows one request. When
// the wait would outlast ctx's deadline it returns a *TooSoonError at once,
// so a caller with a time budget can schedule the retry instead of sleeping.
func (p *Keyed) Wait(ctx context.Context, key string, kind int) error {
	now := time.Now()
	r := p.reserve(key, kind, now)
	delay := r.DelayFrom(now)
	if delay == 0 {
		return nil
	}
	if deadline, ok := ctx.Deadline(); ok && deadline.Before(now.Add(delay)) {
		r.CancelAt(now)
		return &TooSoonError{At: now.Add(delay)}
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

// reserve takes one request from the bucket under the pacer's lock, so that
// dropIdle never forgets a bucket between the lookup and the reservation
// and hands the key a second, full one.
func (p *Keyed) reserve(key string, kind int, now time.Time) *rate.Reservation {
	p.mu.Lock()
	defer p.mu.Unlock()
	buckets, ok := p.buckets[key]
	if !ok {
		if len(p.buckets) >= p.sweepAt {
			p.dropIdle(now)
		}
		buckets = make([]*rate.Limiter, len(p.limits))
		for i, l := range p.limits {
			buckets[i] = rate.NewLimiter(l.Rate, l.Burst)
		}
		p.buckets[key] = buckets
	}
	return buckets[kind].ReserveN(now, 1)
}

// dropIdle forgets keys whose buckets are all full again: a fresh bucket is
// identical, so nothing is lost, and the map does not grow with every key
// the process has ever served.
func (p *Keyed) dropIdle(now time.Time) {
	for key, buckets := range p.buckets {
		if p.idle(buckets, now) {
			delete(p.buckets, key)
		}
	}
	p.sweepAt = max(minSweep, 2*len(p.buckets))
}

func (p *Keyed) idle(buckets []*rate.Limiter, now time.Time) bool {
	for i, b := range buckets {
		if b.TokensAt(now) < float64(p.limits[i].Burst) {
			return false
		}
	}
	return true
}
