package store

import (
	"context"
	"time"
)

// CallbackNonces remembers the signed job callbacks already accepted (by
// their nonce, see secure.VerifiedCallback), so that one sent again while its
// signature is still fresh is refused on every instance sharing the store.
type CallbackNonces interface {
	// UseCallbackNonce records nonce until expires and reports whether it
	// was new: of any number of calls with one nonce, from any number of
	// processes, exactly one gets true. Nonces that expired before now are
	// forgotten on the way.
	UseCallbackNonce(ctx context.Context, nonce string, expires, now time.Time) (bool, error)
}
