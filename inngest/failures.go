package inngest

import (
	"context"
	"errors"
	"fmt"

	"github.com/inngest/inngestgo"

	"spark.dev/spark/airtable"
	"spark.dev/spark/credentials"
	"spark.dev/spark/readwise"
	"spark.dev/spark/store"
)

// WithCredential calls use with the user's credential for p and turns what
// fails into what Inngest should do. Call it inside the step that needs the
// credential, so no token enters run state.
//
// A missing credential, or one the service refuses, is a *RejectedError:
// recorded for the user, and the run fails without retries. A rate limit
// retries when the service says it may; a request that cannot succeed fails
// without retries; anything else retries as usual.
func WithCredential[T any](ctx context.Context, d Deps, userID string, p store.Provider, use func(credentials.Credential) (T, error)) (T, error) {
	var zero T // a failed step's output shows in Inngest: keep it empty
	cred, err := d.Vault.Get(ctx, userID, p)
	if err != nil && !errors.Is(err, credentials.ErrMissing) {
		return zero, err
	}
	if missing := incomplete(p, cred); missing != nil {
		return zero, d.reject(ctx, userID, p, missing)
	}
	out, err := use(cred)
	if err != nil {
		return zero, d.apiFailure(ctx, userID, p, err)
	}
	return out, nil
}

// RejectedError is why the user's credential for Provider cannot be used:
// only the user can fix it, so the run fails for good and the reason is
// recorded for the user to see.
type RejectedError struct {
	Provider store.Provider
	Reason   error
}

func (e *RejectedError) Error() string { return e.Reason.Error() }
func (e *RejectedError) Unwrap() error { return e.Reason }

// incomplete says what the user must add in settings before p's jobs can
// run, or nil.
func incomplete(p store.Provider, cred credentials.Credential) error {
	switch {
	case cred.Token == "":
		return fmt.Errorf("No %s API key is stored: add one in settings", serviceNames[p])
	case p == store.Airtable && (cred.BaseID == "" || cred.TableID == ""):
		return errors.New("No Airtable base and table are stored: add them in settings")
	}
	return nil
}

var serviceNames = map[store.Provider]string{store.Readwise: "Readwise", store.Airtable: "Airtable"}

// apiFailure turns an error of p's API client into what Inngest should do.
func (d Deps) apiFailure(ctx context.Context, userID string, p store.Provider, err error) error {
	switch {
	case refusesCredential(err):
		return d.reject(ctx, userID, p, err)
	// Readwise refused the request itself, or a link left its host: the
	// same request cannot succeed on a retry.
	case isA[*readwise.RequestError](err), errors.Is(err, readwise.ErrForeignPageURL):
		return inngestgo.NoRetryError(err)
	}
	if limited, ok := errors.AsType[*readwise.RateLimitError](err); ok {
		return inngestgo.RetryAtError(err, limited.RetryAt)
	}
	if limited, ok := errors.AsType[*airtable.RateLimitError](err); ok {
		return inngestgo.RetryAtError(err, limited.RetryAt)
	}
	return err
}

// refusesCredential reports whether err means only the user can make the
// job work again: the service refused their token, or Airtable will not
// serve the base and table they named (or a request for them), or their
// workspace has no API calls left this month.
func refusesCredential(err error) bool {
	return isA[*readwise.UnauthorizedError](err) ||
		isA[*airtable.UnauthorizedError](err) || isA[*airtable.NotFoundError](err) ||
		isA[*airtable.QuotaExceededError](err) || isA[*airtable.RequestError](err) ||
		errors.Is(err, airtable.ErrInvalidID)
}

func isA[E error](err error) bool {
	_, ok := errors.AsType[E](err)
	return ok
}

// reject records reason as why the user's credential for p cannot be used
// and returns the *RejectedError that fails the run for good.
func (d Deps) reject(ctx context.Context, userID string, p store.Provider, reason error) error {
	if err := d.Store.RecordConnection(ctx, userID, p, false, reason.Error()); err != nil {
		return err // retry: the user must be told why
	}
	return inngestgo.NoRetryError(&RejectedError{Provider: p, Reason: reason})
}
