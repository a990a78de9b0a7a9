// Package store is Spark's persistence: one interface, implemented for
// PostgreSQL (store/postgres) and SQLite (store/sqlite). Every method that
// touches a user's data takes the user id and never reads another user's rows.
// Times come back in UTC, truncated to microseconds (PostgreSQL's precision).
package store

import (
	"context"
	"encoding/json"
	"errors"
	"time"
)

// ErrNotFound is returned when the requested row does not exist.
var ErrNotFound = errors.New("not found")

// Provider names a third-party service whose credential a user stores.
type Provider string

const (
	Readwise Provider = "readwise"
	Airtable Provider = "airtable"
)

// Credential is a user's token for one provider. Secret holds ciphertext:
// encryption happens above the store, so the store never sees a clear token.
type Credential struct {
	UserID    string
	Provider  Provider
	Secret    []byte
	BaseID    string // Airtable only
	TableID   string // Airtable only
	UpdatedAt time.Time
}

// ReadwiseState is what Spark knows about a user's Readwise account and sync.
// Zero times mean "never".
type ReadwiseState struct {
	UserID           string
	IsConnected      bool
	LastError        string // why the last job could not use the token, for the user
	BookCount        int
	LastSyncTime     time.Time
	LastFullSyncTime time.Time
	BooksUpdatedSeen time.Time // newest book `updated` stored, for incremental book syncs
	HighlightsCursor time.Time // newest highlight `updated` stored, for incremental highlight syncs
	FullSyncDone     bool
}

// Store is the persistence interface shared by both engines.
type Store interface {
	// Engine is "postgres" or "sqlite".
	Engine() string
	Ping(ctx context.Context) error
	Close() error

	// GetSettings returns the user's client-owned settings document, or
	// ErrNotFound when the user has never saved any. The document is equal
	// in value to the one saved, not byte for byte: PostgreSQL's JSONB
	// reorders keys and drops spacing.
	GetSettings(ctx context.Context, userID string) (json.RawMessage, error)
	// SaveSettings replaces the user's document (valid JSON) and applies the
	// credential changes that came with it, all in one transaction: a settings
	// write never lands half-done.
	SaveSettings(ctx context.Context, userID string, settings json.RawMessage, puts []Credential, deletes []Provider) error

	// GetCredential returns ErrNotFound when the user has no credential for p.
	GetCredential(ctx context.Context, userID string, p Provider) (Credential, error)
	// PutCredential inserts or replaces the user's credential for c.Provider
	// and sets UpdatedAt to now, ignoring c.UpdatedAt.
	PutCredential(ctx context.Context, c Credential) error
	// DeleteCredential is a no-op when there is nothing to delete.
	DeleteCredential(ctx context.Context, userID string, p Provider) error
	// UsersWithCredential pages through the ids of users holding a token
	// (a credential with a non-empty Secret) for p, in ascending byte order of id, strictly after afterUserID
	// ("" = from the start), at most limit (at least 1) at a time.
	UsersWithCredential(ctx context.Context, p Provider, afterUserID string, limit int) ([]string, error)

	// GetReadwiseState returns the zero state (with UserID set) for a user
	// who has none yet.
	GetReadwiseState(ctx context.Context, userID string) (ReadwiseState, error)
	// RecordBookCount stores a job's book count and sync time; it also marks
	// the connection as working and clears LastError.
	RecordBookCount(ctx context.Context, userID string, count int, syncedAt time.Time) error
	// RecordConnection stores whether the user's token works and, when it
	// does not, why (a message for the user, never the token).
	RecordConnection(ctx context.Context, userID string, connected bool, lastError string) error

	// CountBooks and CountHighlights count the user's stored rows.
	CountBooks(ctx context.Context, userID string) (int, error)
	CountHighlights(ctx context.Context, userID string) (int, error)
}
