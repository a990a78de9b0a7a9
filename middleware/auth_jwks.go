package middleware

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/MicahParks/keyfunc/v3"
	"golang.org/x/time/rate"
)

const jwksPath = "/.well-known/jwks.json"

const (
	// jwksRefreshInterval follows Supabase's advice not to cache the JWKS
	// longer than its own 10-minute edge cache.
	jwksRefreshInterval = 10 * time.Minute
	// jwksTimeout bounds one JWKS fetch; for a token with an unknown kid it
	// bounds the wait for the refresh limiter and the fetch together.
	jwksTimeout = 10 * time.Second
	// jwksUnknownKIDRefresh caps refreshes caused by unknown kids, which
	// anyone can send; once a minute lets a freshly started instance recover
	// quickly from a failed first fetch.
	jwksUnknownKIDRefresh = time.Minute
)

// lazyJWKS returns a function that builds the JWKS keyfunc on first use. The
// build fetches the key set, which start-up and tests that never see an
// asymmetric token should not pay for.
func lazyJWKS(ctx context.Context, jwksURL string, client *http.Client, log *slog.Logger) func() (keyfunc.Keyfunc, error) {
	return sync.OnceValues(func() (keyfunc.Keyfunc, error) {
		return keyfunc.NewDefaultOverrideCtx(ctx, []string{jwksURL}, keyfunc.Override{
			Client:            client,
			HTTPTimeout:       jwksTimeout,
			RateLimitWaitMax:  jwksTimeout,
			RefreshInterval:   jwksRefreshInterval,
			RefreshUnknownKID: rate.NewLimiter(rate.Every(jwksUnknownKIDRefresh), 1),
			RefreshErrorHandlerFunc: func(u string) func(context.Context, error) {
				return func(ctx context.Context, err error) {
					log.WarnContext(ctx, "JWKS fetch failed", "url", u, "error", err)
				}
			},
		})
	})
}
