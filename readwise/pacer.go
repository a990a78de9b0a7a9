package readwise

import (
	"context"
	"crypto/sha256"
	"errors"
	"time"

	"golang.org/x/time/rate"

	"spark.dev/spark/internal/pacing"
)

// Limit is one token bucket: Rate requests per second, at most Burst at once.
type Limit = pacing.Limit

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
	keyed *pacing.Keyed
}

type bucket int

const (
	listBucket bucket = iota
	otherBucket
)

// NewPacer returns a Pacer with the given budgets; tests pass small ones.
func NewPacer(list, other Limit) *Pacer {
	return &Pacer{keyed: pacing.New(list, other)}
}

// wait blocks until the token's bucket allows one request, or returns a
// RateLimitError at once when the wait would outlast ctx's deadline. The
// pacer keys buckets by the token's SHA-256, so it holds no token. A nil
// Pacer, as when pacing is disabled, never waits.
func (p *Pacer) wait(ctx context.Context, token string, b bucket) error {
	if p == nil {
		return nil
	}
	key := sha256.Sum256([]byte(token))
	err := p.keyed.Wait(ctx, string(key[:]), int(b))
	var soon *pacing.TooSoonError
	if errors.As(err, &soon) {
		return &RateLimitError{RetryAt: soon.At}
	}
	return err
}
