// Package credentials keeps users' third-party tokens: encrypted with
// AES-256-GCM before they reach the store, bound to their owner, and
// decrypted only when a job is about to use them.
package credentials

import (
	"context"
	"errors"
	"fmt"

	"spark.dev/spark/secure"
	"spark.dev/spark/store"
)

// ErrMissing means the user has no token for that provider.
var ErrMissing = errors.New("no API key is stored")

// Credential is a token in clear plus, for Airtable, where it points.
type Credential struct {
	Token   string
	BaseID  string
	TableID string
}

// Vault encrypts and decrypts credentials around the store.
type Vault struct {
	store  store.Store
	cipher *secure.Cipher
}

func NewVault(s store.Store, c *secure.Cipher) *Vault {
	return &Vault{store: s, cipher: c}
}

// Get returns the user's credential for p in clear, or ErrMissing.
func (v *Vault) Get(ctx context.Context, userID string, p store.Provider) (Credential, error) {
	row, err := v.store.GetCredential(ctx, userID, p)
	if errors.Is(err, store.ErrNotFound) {
		return Credential{}, ErrMissing
	}
	if err != nil {
		return Credential{}, err
	}
	cred := Credential{BaseID: row.BaseID, TableID: row.TableID}
	if len(row.Secret) > 0 {
		cred.Token, err = v.cipher.Decrypt(row.Secret, aad(userID, p))
		if errors.Is(err, secure.ErrDecrypt) {
			// ENCRYPTION_KEY changed: the token is lost, but the user must
			// still be able to see their settings and enter it again.
			return cred, fmt.Errorf("%w: the stored %s key cannot be decrypted (was ENCRYPTION_KEY changed?)", ErrMissing, p)
		}
		if err != nil {
			return Credential{}, fmt.Errorf("decrypting the %s credential: %w", p, err)
		}
	}
	return cred, nil
}

// Token returns the user's token for p in clear, or ErrMissing.
func (v *Vault) Token(ctx context.Context, userID string, p store.Provider) (string, error) {
	cred, err := v.Get(ctx, userID, p)
	if err == nil && cred.Token == "" {
		err = ErrMissing
	}
	return cred.Token, err
}

// Put stores cred as the user's credential for p, encrypting the token.
func (v *Vault) Put(ctx context.Context, userID string, p store.Provider, cred Credential) error {
	row, err := v.Seal(userID, p, cred)
	if err != nil {
		return err
	}
	return v.store.PutCredential(ctx, row)
}

// Seal returns the store row for cred with its token encrypted, for callers
// that write it together with other changes.
func (v *Vault) Seal(userID string, p store.Provider, cred Credential) (store.Credential, error) {
	row := store.Credential{UserID: userID, Provider: p, BaseID: cred.BaseID, TableID: cred.TableID}
	if cred.Token != "" {
		secret, err := v.cipher.Encrypt(cred.Token, aad(userID, p))
		if err != nil {
			return store.Credential{}, err
		}
		row.Secret = secret
	}
	return row, nil
}

// Stage stores cred and returns an undo that puts back what was there
// before, for callers that must not leave a half-done change behind.
func (v *Vault) Stage(ctx context.Context, userID string, p store.Provider, cred Credential) (undo func(context.Context) error, err error) {
	previous, err := v.store.GetCredential(ctx, userID, p)
	existed := err == nil
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	if err := v.Put(ctx, userID, p, cred); err != nil {
		return nil, err
	}
	return func(ctx context.Context) error {
		if existed {
			return v.store.PutCredential(ctx, previous)
		}
		return v.store.DeleteCredential(ctx, userID, p)
	}, nil
}

// aad binds a ciphertext to its owner and provider: a row copied to another
// user or provider does not decrypt.
func aad(userID string, p store.Provider) string {
	return string(p) + ":" + userID
}
