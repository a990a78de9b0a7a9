package airtable

import (
	"context"
	"errors"

	"spark.dev/spark/internal/pacing"
)

// Limit is one token bucket: Rate requests per second, at most Burst at once.
type Limit = pacing.Limit

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
	keyed *pacing.Keyed
}

// NewPacer returns a Pacer that gives each base the bucket limit; tests
// pass small ones.
func NewPacer(limit Limit) *Pacer {
	return &Pacer{keyed: pacing.New(limit)}
}

// wait blocks until the base's bucket allows one request, or returns a
// RateLimitError at once when the wait would outlast ctx's deadline. A nil
// Pacer, as when pacing is disabled, never waits.
func (p *Pacer) wait(ctx context.Context, baseID string) error {
	if p == nil {
		return nil
	}
	err := p.keyed.Wait(ctx, baseID, 0)
	var soon *pacing.TooSoonError
	if errors.As(err, &soon) {
		return &RateLimitError{RetryAt: soon.At}
	}
	return err
}
