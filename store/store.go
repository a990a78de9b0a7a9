// Package store is Spark's persistence: one interface, implemented for
// PostgreSQL (store/postgres) and SQLite (store/sqlite). Every method that
// touches a user's data takes the user id, a UUID in lower-case canonical form
// (Supabase's sub), and never reads another user's rows.
// Times come back in UTC, truncated to microseconds (PostgreSQL's precision).
package store

import (
	"context"
	"encoding/json"
	"errors"
	"regexp"
	"time"
)

// IsUserID reports whether id is a user id as the store keeps them: a UUID
// (Supabase's sub always is) in lower-case canonical form.
func IsUserID(id string) bool { return userIDPattern.MatchString(id) }

var userIDPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// ErrNotFound is returned when the requested row does not exist.
var ErrNotFound = errors.New("not found")

// ErrBusy marks a write the database was too busy for (a lock or a
// connection not had in time): the same call may succeed a little later.
var ErrBusy = errors.New("the database is busy")

// Provider names a third-party service whose credential a user stores.
type Provider string

const (
	Readwise Provider = "readwise"
	Airtable Provider = "airtable"
)

// Providers lists every Provider.
var Providers = []Provider{Readwise, Airtable}

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
	// UpdateSettings reads the user's document (nil when none) and applies
	// what change makes of it, in one transaction that holds the user's row:
	// two writes of one user never interleave, and a write never lands
	// half-done. An error from change writes nothing.
	UpdateSettings(ctx context.Context, userID string, change func(current json.RawMessage) (SettingsUpdate, error)) error

	// GetCredential returns ErrNotFound when the user has no credential for
	// p. A credential with no secret, base or table is none.
	GetCredential(ctx context.Context, userID string, p Provider) (Credential, error)
	// PutCredential inserts or replaces the user's credential for c.Provider,
	// kept (see StageCredential), and sets UpdatedAt to now, ignoring
	// c.UpdatedAt.
	PutCredential(ctx context.Context, c Credential) error
	// DeleteCredential removes the user's credential for p, kept; it is a
	// no-op when there is nothing to delete.
	DeleteCredential(ctx context.Context, userID string, p Provider) error

	// StageCredential makes c the user's credential for c.Provider for a job
	// about to start, and records that connection as not known to work (no
	// error), in one transaction. It returns the write's version, which
	// KeepCredential (the job started) or AbandonCredential (it did not) is
	// then called with. Writes of one user may stage, keep and abandon in any
	// order: once each is settled, the credential is the newest write that
	// was kept (put, deleted or staged and kept), or what was there before
	// them all when none was.
	StageCredential(ctx context.Context, c Credential) (version int64, err error)
	// KeepCredential settles the staged write version of c as kept. When an
	// abandoned write put an older credential back, c is the current one
	// again.
	KeepCredential(ctx context.Context, c Credential, version int64) error
	// AbandonCredential takes back the staged write version: if it is still
	// the current credential, the newest kept one (or none) replaces it;
	// a later write stays.
	AbandonCredential(ctx context.Context, userID string, p Provider, version int64) error
	// UsersWithCredential pages through the ids of users holding a token
	// (a credential with a non-empty Secret) for p, in ascending byte order of id, strictly after afterUserID
	// ("" = from the start), at most limit (at least 1) at a time.
	UsersWithCredential(ctx context.Context, p Provider, afterUserID string, limit int) ([]string, error)

	// TakeInSettingsKey moves an API key the frontend saved in clear at
	// integrations.<p>.apiKey of the user's document into the credentials. It
	// reads that apiKey with the baseId and tableId beside it ("" for a field
	// missing or no string) and, unless the apiKey is "", calls take, which
	// decides whether it is a key and returns the credential to store and the
	// masked form to leave in the document. In one transaction it then
	// replaces the key in the document by that masked form (a targeted
	// update, only while the document still holds the key read: a frontend
	// change made meanwhile is kept, and read again), stores the credential
	// and records the connection as not known to work. It reports whether a
	// key was taken in.
	TakeInSettingsKey(ctx context.Context, userID string, p Provider,
		take func(found SettingsKey) (c Credential, masked string, ok bool, err error)) (bool, error)

	// GetReadwiseState returns the zero state (with UserID set) for a user
	// who has none yet.
	GetReadwiseState(ctx context.Context, userID string) (ReadwiseState, error)
	// The Record methods below (and RecordConnection, RecordAirtableImport,
	// UpdateSettings, StageCredential) also write, in the same transaction,
	// the state fields the frontend reads from the user's settings document
	// (integrations.readwise.{isConnected, bookCount, lastSyncTime},
	// integrations.airtable.{isConnected, lastImported}) by a targeted update
	// of those fields alone, creating the document when there is none
	// (docs/data.md#user_settings-profiles).

	// RecordBookCount stores a job's book count and sync time; it also marks
	// the connection as working and clears LastError.
	RecordBookCount(ctx context.Context, userID string, count int, syncedAt time.Time) error
	// RecordConnection stores whether the user's credential for p works
	// and, when it does not, why (a message for the user, never the token).
	// It keeps everything else of the state (book count, last import).
	RecordConnection(ctx context.Context, userID string, p Provider, connected bool, lastError string) error

	// RecordBookSync stores the newest book `updated` seen (only ever moving
	// it forward; a zero time leaves it) and sets last_sync_time.
	RecordBookSync(ctx context.Context, userID string, updatedSeen, syncedAt time.Time) error
	// RecordHighlightSync stores the newest highlight `updated` seen (only
	// ever moving forward; a zero cursor leaves it), sets last_sync_time, and
	// when full is true sets last_full_sync_time and full_sync_done.
	RecordHighlightSync(ctx context.Context, userID string, cursor, syncedAt time.Time, full bool) error

	// CountBooks and CountHighlights count the user's stored rows.
	CountBooks(ctx context.Context, userID string) (int, error)
	CountHighlights(ctx context.Context, userID string) (int, error)
	// UpsertBooks inserts or replaces the user's books by RWID in one
	// transaction and reports how many were new and how many existed. When
	// an RWID repeats, the last of its books wins and counts once.
	UpsertBooks(ctx context.Context, userID string, books []Book) (inserted, updated int, err error)
	// ApplyHighlights applies one export page in one transaction (see
	// HighlightPage): a highlight whose book is not the user's fails the
	// whole page, and nothing of it is written.
	ApplyHighlights(ctx context.Context, userID string, page HighlightPage) (HighlightChanges, error)

	// ImportSparks imports one page of sparks in one transaction: a spark whose
	// UID the user already has (or that repeats a UID earlier in the same call)
	// is skipped and counted as a duplicate; otherwise the spark is inserted,
	// its category found or created by (user, CategorySlug) (created with
	// CategoryName), its tags found or created by (user, name), and the links
	// spark_categories / spark_tags written with created_by "airtable-import".
	// New category names and new tags are reported in the order the page
	// first names them.
	ImportSparks(ctx context.Context, userID string, sparks []NewSpark) (SparkImport, error)

	// GetAirtableState returns the zero state for a user who has none.
	GetAirtableState(ctx context.Context, userID string) (AirtableState, error)
	// RecordAirtableImport stores the last import's summary (a JSON object;
	// anything else is an error), marks the connection working and clears
	// LastError.
	RecordAirtableImport(ctx context.Context, userID string, lastImport json.RawMessage) error

	// MigrateHighlightTags makes, for one page of the user's highlights in
	// RWID order strictly after afterRWID (limit >= 1), the highlight↔tag
	// links created_by "readwise" equal to the highlight's Readwise tags (the
	// tags JSON column, objects {id,name}): each tag name is normalized with
	// normalize (passed in, so the store does not own the rule), tags missing
	// for the user are created, missing links inserted, readwise links whose
	// tag the highlight no longer carries removed (links made by anyone else
	// are never touched, and a pair linked by anyone counts as linked). Blank
	// names after normalizing are ignored. One transaction per call. Running
	// it twice changes nothing the second time.
	MigrateHighlightTags(ctx context.Context, userID string, afterRWID int64, limit int, normalize func(string) string) (TagMigration, error)
	// CountReadwiseTags counts the distinct tags linked to the user's
	// highlights by "readwise".
	CountReadwiseTags(ctx context.Context, userID string) (int, error)

	// WriteFunctionLog records one request of a run in one write. It
	// inserts the run's row (from log's ids, names, EventName, Input and
	// StartedAt, now when zero) when there is none, and otherwise applies
	// log to it, unless the run has finished: a finished run keeps its first
	// outcome, and the first insert's ids, names, input and start stay.
	// Status "started" is progress: Result, when not nil, replaces the last
	// step's output, and ErrorMessage, when not "", the last error.
	// "completed" and "failed" finish the run with Result and ErrorMessage
	// at CompletedAt, duration_ms measured from the stored started_at (0
	// when CompletedAt is earlier: clocks of instances disagree).
	// Concurrent calls share transactions; each returns once its write is
	// committed.
	WriteFunctionLog(ctx context.Context, log FunctionLog) error
	// FunctionLogs returns one page of the user's logs matching q and the
	// total number of matching rows (ignoring limit/offset). Runs that serve
	// no single user belong to nobody and never appear.
	FunctionLogs(ctx context.Context, userID string, q FunctionLogQuery) ([]FunctionLog, int, error)

	CallbackNonces
	Automations
	ScheduledTasks
	Embeddings
	Search
}

// SettingsKey is what the frontend saved for an integration in the
// settings document.
type SettingsKey struct{ APIKey, BaseID, TableID string }

// SettingsUpdate is one settings write: the new document, the credential
// changes that came with it, and which connections are unproven because
// their credential changed.
type SettingsUpdate struct {
	Settings json.RawMessage // valid JSON
	Puts     []Credential
	Deletes  []Provider
	Reset    []Provider // connections to record as not working, with no error
}
