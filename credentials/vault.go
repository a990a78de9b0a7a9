// Package credentials keeps users' third-party tokens: encrypted with
// AES-256-GCM before they reach the store, bound to their owner, and
// decrypted only when a job is about to use them.
package credentials

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"

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

// Get returns the user's credential for p in clear, or ErrMissing. A key
// the frontend saved in clear in the settings document is taken in first
// (see TakeIn), so every path that uses a credential sees it.
func (v *Vault) Get(ctx context.Context, userID string, p store.Provider) (Credential, error) {
	if err := v.TakeIn(ctx, userID, p); err != nil {
		return Credential{}, err
	}
	return v.Stored(ctx, userID, p)
}

// Stored is Get without the intake, for callers inside a settings write's
// transaction, which the intake's own would wait for.
func (v *Vault) Stored(ctx context.Context, userID string, p store.Provider) (Credential, error) {
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

// TakeIn moves a key the frontend saved in clear at integrations.<p>.apiKey
// of the user's settings document into the encrypted credentials, leaving
// its masked form in the document. A masked value or "" is no key. An
// Airtable base or table the document lacks stays as stored.
func (v *Vault) TakeIn(ctx context.Context, userID string, p store.Provider) error {
	_, err := v.store.TakeInSettingsKey(ctx, userID, p, func(found store.SettingsKey) (store.Credential, string, bool, error) {
		key := strings.TrimSpace(found.APIKey)
		if key == "" || secure.IsMasked(key) {
			return store.Credential{}, "", false, nil
		}
		cred := Credential{Token: key}
		if p == store.Airtable {
			cred.BaseID, cred.TableID = strings.TrimSpace(found.BaseID), strings.TrimSpace(found.TableID)
			if cred.BaseID == "" || cred.TableID == "" {
				old, err := v.store.GetCredential(ctx, userID, p)
				if err != nil && !errors.Is(err, store.ErrNotFound) {
					return store.Credential{}, "", false, err
				}
				cred.BaseID, cred.TableID = cmp.Or(cred.BaseID, old.BaseID), cmp.Or(cred.TableID, old.TableID)
			}
		}
		row, err := v.Seal(userID, p, cred)
		return row, secure.Mask(key), err == nil, err
	})
	return err
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

// Stage stores cred as the user's credential for p for a job about to
// start, and records that connection as not known to work yet. The caller
// settles it: Keep once the job's event is sent, Abandon when it is not.
func (v *Vault) Stage(ctx context.Context, userID string, p store.Provider, cred Credential) (*Staged, error) {
	row, err := v.Seal(userID, p, cred)
	if err != nil {
		return nil, err
	}
	version, err := v.store.StageCredential(ctx, row)
	if err != nil {
		return nil, err
	}
	return &Staged{store: v.store, row: row, version: version}, nil
}

// Staged is one staged write of a credential. Concurrent writes of one user
// settle in any order: the credential left is the newest kept one, or the
// one from before when none was kept.
type Staged struct {
	store   store.Store
	row     store.Credential
	version int64
}

// Keep settles the write as kept.
func (s *Staged) Keep(ctx context.Context) error {
	return s.store.KeepCredential(ctx, s.row, s.version)
}

// Abandon takes the write back, unless a later one replaced it.
func (s *Staged) Abandon(ctx context.Context) error {
	return s.store.AbandonCredential(ctx, s.row.UserID, s.row.Provider, s.version)
}

// aad binds a ciphertext to its owner and provider: a row copied to another
// user or provider does not decrypt.
func aad(userID string, p store.Provider) string {
	return string(p) + ":" + userID
}
