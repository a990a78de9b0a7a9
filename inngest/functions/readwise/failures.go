// Package readwise holds the Inngest functions of the Readwise domain, one
// file per function.
package readwise

import (
	"context"
	"errors"

	"github.com/inngest/inngestgo"

	"spark.dev/api/credentials"
	"spark.dev/api/inngest"
	readwiseapi "spark.dev/api/readwise"
	"spark.dev/api/store"
)

var errNoToken = errors.New("No Readwise API key is stored: add one in settings")

// token loads the user's Readwise token inside the step that uses it. A
// missing token fails the run for good, with a message the user can act on.
func token(ctx context.Context, d inngest.Deps, userID string) (string, error) {
	tok, err := d.Vault.Token(ctx, userID, store.Readwise)
	if errors.Is(err, credentials.ErrMissing) {
		return "", rejected(ctx, d, userID, errNoToken)
	}
	return tok, err
}

// apiFailure turns a Readwise client error into what Inngest should do:
// a rejected token fails the run without retries (and tells the user), a
// 429 retries when Readwise says it may, anything else retries as usual.
// A nil err stays nil.
func apiFailure(ctx context.Context, d inngest.Deps, userID string, err error) error {
	if err == nil {
		return nil
	}
	var unauthorized *readwiseapi.UnauthorizedError
	if errors.As(err, &unauthorized) {
		return rejected(ctx, d, userID, err)
	}
	var limited *readwiseapi.RateLimitError
	if errors.As(err, &limited) {
		return inngestgo.RetryAtError(err, limited.RetryAt)
	}
	// Readwise refused the request itself, or a link left its host: the
	// same request cannot succeed on a retry.
	var refused *readwiseapi.RequestError
	if errors.As(err, &refused) || errors.Is(err, readwiseapi.ErrForeignPageURL) {
		return inngestgo.NoRetryError(err)
	}
	return err
}

// rejected records why the user's token cannot be used and fails for good.
func rejected(ctx context.Context, d inngest.Deps, userID string, reason error) error {
	if err := d.Store.RecordConnection(ctx, userID, false, reason.Error()); err != nil {
		return err // retry: the user must be told why
	}
	return inngestgo.NoRetryError(reason)
}
