package inngest_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	sdkerrors "github.com/inngest/inngestgo/errors"

	"spark.dev/spark/airtable"
	"spark.dev/spark/credentials"
	"spark.dev/spark/inngest"
	"spark.dev/spark/readwise"
	"spark.dev/spark/secure"
	"spark.dev/spark/store"
)

// connections is a store that holds credentials and records connection
// outcomes; nothing else of store.Store is called.
type connections struct {
	store.Store
	creds     map[store.Provider]store.Credential
	getErr    error
	recorded  []string
	recordErr error
}

func (c *connections) GetCredential(_ context.Context, _ string, p store.Provider) (store.Credential, error) {
	if c.getErr != nil {
		return store.Credential{}, c.getErr
	}
	if cred, ok := c.creds[p]; ok {
		return cred, nil
	}
	return store.Credential{}, store.ErrNotFound
}

// TakeInSettingsKey finds no key: this fake has no settings document.
func (c *connections) TakeInSettingsKey(context.Context, string, store.Provider,
	func(store.SettingsKey) (store.Credential, string, bool, error)) (bool, error) {
	return false, nil
}

func (c *connections) RecordConnection(_ context.Context, userID string, p store.Provider, connected bool, lastError string) error {
	c.recorded = append(c.recorded, fmt.Sprintf("%s %s %v %q", userID, p, connected, lastError))
	return c.recordErr
}

// deps serves stored as the user's credential for each provider.
func deps(t *testing.T, s *connections, stored map[store.Provider]credentials.Credential) inngest.Deps {
	t.Helper()
	cipher, err := secure.NewCipher(make([]byte, secure.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	d := inngest.Deps{Store: s, Vault: credentials.NewVault(s, cipher)}
	s.creds = map[store.Provider]store.Credential{}
	for p, cred := range stored {
		if s.creds[p], err = d.Vault.Seal("user-a", p, cred); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

var working = map[store.Provider]credentials.Credential{
	store.Readwise: {Token: "rw"},
	store.Airtable: {Token: "pat", BaseID: "app1", TableID: "tbl1"},
}

// outcome is what Inngest makes of an error: "rejected" (recorded, no
// retries), "no retry", "retry at <time>" or "retry".
func outcome(err error) string {
	var rejected *inngest.RejectedError
	switch {
	case err == nil:
		return "nil"
	case errors.As(err, &rejected) && sdkerrors.IsNoRetryError(err):
		return "rejected"
	case sdkerrors.IsNoRetryError(err):
		return "no retry"
	case sdkerrors.GetRetryAtTime(err) != nil:
		return "retry at " + sdkerrors.GetRetryAtTime(err).UTC().Format(time.RFC3339)
	}
	return "retry"
}

func TestWithCredentialTellsInngestWhatAClientErrorMeans(t *testing.T) {
	at := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := map[string]struct {
		provider store.Provider
		err      error
		want     string
		recorded bool
	}{
		"no error":                           {store.Readwise, nil, "nil", false},
		"readwise refuses the token":         {store.Readwise, &readwise.UnauthorizedError{Status: 401}, "rejected", true},
		"readwise rate limit":                {store.Readwise, &readwise.RateLimitError{RetryAt: at}, "retry at 2025-03-01T12:00:00Z", false},
		"readwise refuses the request":       {store.Readwise, &readwise.RequestError{Status: 404, Detail: "Invalid page."}, "no retry", false},
		"a readwise link to another host":    {store.Readwise, fmt.Errorf("page: %w", readwise.ErrForeignPageURL), "no retry", false},
		"readwise does not answer":           {store.Readwise, &readwise.ServerError{Status: 502}, "retry", false},
		"airtable refuses the token":         {store.Airtable, &airtable.UnauthorizedError{Status: 401}, "rejected", true},
		"airtable base or table not found":   {store.Airtable, &airtable.NotFoundError{Status: 404}, "rejected", true},
		"airtable monthly quota used up":     {store.Airtable, &airtable.QuotaExceededError{}, "rejected", true},
		"airtable refuses the request":       {store.Airtable, &airtable.RequestError{Status: 422}, "rejected", true},
		"an airtable id that names no table": {store.Airtable, airtable.ErrInvalidID, "rejected", true},
		"airtable rate limit":                {store.Airtable, &airtable.RateLimitError{RetryAt: at}, "retry at 2025-03-01T12:00:00Z", false},
		"airtable does not answer":           {store.Airtable, &airtable.ServerError{Status: 503}, "retry", false},
		"anything else retries as usual":     {store.Airtable, errors.New("connection reset"), "retry", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			s := &connections{}
			out, err := inngest.WithCredential(t.Context(), deps(t, s, working), "user-a", tc.provider, func(credentials.Credential) (string, error) {
				return "page", tc.err
			})
			if (out == "") != (tc.err != nil) {
				t.Errorf("output = %q, want the page, or nothing with an error", out)
			}
			if got := outcome(err); got != tc.want {
				t.Errorf("outcome = %s (%v), want %s", got, err, tc.want)
			}
			if tc.recorded {
				if want := fmt.Sprintf("user-a %s false %q", tc.provider, tc.err.Error()); len(s.recorded) != 1 || s.recorded[0] != want {
					t.Errorf("recorded %q, want [%s]", s.recorded, want)
				}
				if err.Error() != tc.err.Error() {
					t.Errorf("error = %q, want the client's %q", err, tc.err)
				}
			} else if len(s.recorded) != 0 {
				t.Errorf("recorded %q, want nothing", s.recorded)
			}
		})
	}
}

func TestWithCredentialRetriesWhenTheStoreFails(t *testing.T) {
	failed := errors.New("database is down")
	s := &connections{getErr: failed}
	_, err := inngest.WithCredential(t.Context(), deps(t, s, working), "user-a", store.Readwise, func(credentials.Credential) (int, error) {
		t.Error("use was called without a credential")
		return 0, nil
	})
	if !errors.Is(err, failed) || outcome(err) != "retry" || len(s.recorded) != 0 {
		t.Errorf("error = %v (%s), recorded %q; want the store's error, retried, nothing recorded", err, outcome(err), s.recorded)
	}
}

func TestARejectionRetriesUntilItsReasonIsRecorded(t *testing.T) {
	failed := errors.New("database is down")
	s := &connections{recordErr: failed}
	_, err := inngest.WithCredential(t.Context(), deps(t, s, working), "user-a", store.Readwise, func(credentials.Credential) (int, error) {
		return 0, &readwise.UnauthorizedError{Status: 401}
	})
	if !errors.Is(err, failed) || outcome(err) != "retry" {
		t.Errorf("error = %v (%s), want the store's error, retried", err, outcome(err))
	}
}

func TestWithCredentialRejectsWhatTheUserMustAddInSettings(t *testing.T) {
	tests := map[string]struct {
		provider store.Provider
		stored   *credentials.Credential
		want     string // the recorded reason; "" when the credential is usable
	}{
		"no readwise key":            {store.Readwise, nil, "No Readwise API key is stored: add one in settings"},
		"a readwise key":             {store.Readwise, &credentials.Credential{Token: "rw"}, ""},
		"no airtable token":          {store.Airtable, nil, "No Airtable API key is stored: add one in settings"},
		"an airtable base, no token": {store.Airtable, &credentials.Credential{BaseID: "app1", TableID: "tbl1"}, "No Airtable API key is stored: add one in settings"},
		"an airtable token, no base": {store.Airtable, &credentials.Credential{Token: "pat", TableID: "tbl1"}, "No Airtable base and table are stored: add them in settings"},
		"a token, base and table":    {store.Airtable, &credentials.Credential{Token: "pat", BaseID: "app1", TableID: "tbl1"}, ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			s := &connections{}
			stored := map[store.Provider]credentials.Credential{}
			if tc.stored != nil {
				stored[tc.provider] = *tc.stored
			}
			var used *credentials.Credential
			_, err := inngest.WithCredential(t.Context(), deps(t, s, stored), "user-a", tc.provider, func(cred credentials.Credential) (bool, error) {
				used = &cred
				return true, nil
			})
			if tc.want == "" {
				if err != nil || used == nil || *used != *tc.stored || len(s.recorded) != 0 {
					t.Errorf("used %+v, error %v, recorded %q; want the stored credential used", used, err, s.recorded)
				}
				return
			}
			if outcome(err) != "rejected" || err.Error() != tc.want || used != nil {
				t.Errorf("error = %v (%s), used %+v; want %q, rejected, before use", err, outcome(err), used, tc.want)
			}
			if want := fmt.Sprintf("user-a %s false %q", tc.provider, tc.want); len(s.recorded) != 1 || s.recorded[0] != want {
				t.Errorf("recorded %q, want [%s]", s.recorded, want)
			}
		})
	}
}
