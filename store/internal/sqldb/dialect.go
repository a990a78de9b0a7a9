// Package sqldb implements store.Store once, over database/sql, for every
// engine: the SQL is written for both PostgreSQL and SQLite ($N placeholders,
// ON CONFLICT upserts), and a Dialect carries what still differs.
package sqldb

import (
	"io/fs"
	"time"
)

// Dialect is what differs between the engines behind DB.
type Dialect struct {
	// Engine is the name store.Store.Engine reports: "postgres" or "sqlite".
	Engine string
	// Migrations holds a migrations folder of NNNN_name.sql files, applied in
	// version order.
	Migrations fs.FS
	// LockMigrations, when set, is the first statement of the migration
	// transaction, so that processes starting at once migrate in turn.
	LockMigrations string
	// StampVersion: the engine keeps the schema's migration version in its
	// file header (SQLite's user_version), which a connection reads without
	// loading the schema. Open then knows an up-to-date database from that
	// one read, and Ping reads it too (see stampedCurrent).
	StampVersion bool
	// LockRow ends a SELECT that must hold the rows it reads until the
	// transaction ends (" FOR UPDATE"); "" where transactions already hold
	// the whole database.
	LockRow string
	// TimesAsText stores times as TimeLayout text, for engines without a
	// timestamp type; otherwise times are bound as time.Time.
	TimesAsText bool
	// BatchParams is how many bound parameters one batched statement (a
	// multi-row INSERT, an IN list) carries at most. PostgreSQL pays a round
	// trip per statement, so it takes what its protocol allows; SQLite runs
	// in-process but looks up every $N in a list, so a statement costs the
	// square of its parameter count and small batches are fastest.
	BatchParams int
	// PositionalParams, when not 0, is how many "?" placeholders one
	// multi-row INSERT may carry instead (valuesStatements): bound by
	// position, they cost SQLite no lookup, so a whole page is one statement.
	PositionalParams int
	// PlanCacheMode: the engine has PostgreSQL's plan_cache_mode, which a
	// page's multi-row inserts set for themselves (see withGenericPlans).
	PlanCacheMode bool
	// StaleStats is the query that names those of the tables in its $1 (an
	// array of names) that have changed so much since the server last
	// gathered their statistics that their plans are off, and Analyze the
	// statement that gathers them (see refreshStats); "" where the engine
	// plans without them.
	StaleStats, Analyze string
	// Writers is how many connections write at once, Readers how many more
	// serve reads outside transactions; other callers wait for one.
	Writers, Readers int
	// LogCommitters is how many shared transactions of function-log writes
	// commit at once (see groupCommit); at least one.
	LogCommitters int
	// WriteWait is how long a write waits for a connection. Writes take
	// milliseconds: a queue this long means the store is overloaded, and the
	// write fails with store.ErrBusy.
	WriteWait time.Duration
	// Busy reports whether err means the engine was too busy to do the work
	// now (a lock it gave up waiting for, no connection slot left), so that
	// a retry later may succeed.
	Busy func(err error) bool
	// ByteOrder follows a text column in ORDER BY and comparisons that must
	// go by bytes, as SQLite's do (` COLLATE "C"`); "" where that is the
	// default.
	ByteOrder string
	// NativeArrays: text[] columns are arrays, bound as array literals and
	// read through array_to_json; otherwise they hold a JSON array as text.
	// Statements may then also take arrays as parameters (insertPage,
	// rwIDLists).
	NativeArrays bool
	// JSONB: JSON documents are jsonb, edited with jsonb_set and read with
	// #>>; otherwise they are text, edited and read with SQLite's json_*.
	JSONB bool
	// MillisBetween is the SQL for the whole milliseconds from the time
	// column start to end, 0 when end is earlier.
	MillisBetween func(start, end string) string
	// VectorType, when set, is the query naming the type of
	// highlights.embedding, which is pgvector's "vector(1536)" where the
	// extension is installed; "" where the column always holds float32s as
	// bytes.
	VectorType string
	// TrigramSearch: keyword search matches through the highlights_fts
	// trigram table; otherwise through ILIKE, ranked by ts_rank.
	TrigramSearch bool

	// through, when not 0, is the last migration to apply (see Through).
	through int64
}

// Through is d applying only the migrations up to version: tests build an
// older schema with it, to check what later migrations make of it.
func (d Dialect) Through(version int64) Dialect {
	d.through = version
	return d
}
