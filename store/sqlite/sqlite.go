// Package sqlite is the embedded SQLite store, through modernc.org/sqlite
// (pure Go, no cgo).
package sqlite

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"

	"spark.dev/spark/store"
	"spark.dev/spark/store/internal/sqldb"
)

//go:embed migrations/*.sql
var migrations embed.FS

var dialect = sqldb.Dialect{
	Engine:      "sqlite",
	Migrations:  migrations,
	TimesAsText: true,
	// The driver binds a named parameter ($N) by looking its name up in the
	// statement's list of names, so a statement costs the square of its $N
	// count: a 1000-highlight page took about 40 ms in statements of 100 to
	// 200 parameters, and 0.8 s at SQLite's limit of 32766. "?" is bound by
	// position, so multi-row inserts take a whole page in one statement:
	// the text index then flushes once a page, not once a statement
	// (scripts/bench-sync.sh: 10,270 rows/s in statements of 150, 13,678 in
	// one).
	BatchParams:      150,
	PositionalParams: 32766,
	// No lock statement: with _txlock=immediate the migration transaction
	// already holds the write lock from BEGIN.

	// One writer: SQLite lets one connection write at a time, and the others
	// poll for its lock, sleeping up to 100 ms between tries; under a burst
	// the lock is never free when an early waiter looks, and it gives up
	// after the busy timeout with "database is locked". With one connection
	// the process's writes queue in Go instead, and the busy timeout is left
	// for other processes on the same file. Reads run beside it (WAL).
	Writers:       1,
	Readers:       8,
	WriteWait:     10 * time.Second,
	Busy:          busy,
	StampVersion:  true,
	TrigramSearch: true,
	// Times are fixed-width text (sqldb.TimeLayout): whole seconds from
	// strftime, microseconds from characters 21 to 26, in integers, so the
	// result truncates as Go's Duration.Milliseconds does.
	MillisBetween: func(start, end string) string {
		return fmt.Sprintf("MAX(0, (%s - %s) / 1000)", micros(end), micros(start))
	},
}

// micros is the SQL for a stored time in microseconds since 1970.
func micros(column string) string {
	return fmt.Sprintf("(CAST(strftime('%%s', %s) AS INTEGER) * 1000000 + CAST(substr(%s, 21, 6) AS INTEGER))", column, column)
}

// writePragmas apply to the writing connection: WAL lets readers run beside
// the writer; busy_timeout and immediate transactions make a writer wait for
// another process's lock instead of failing with SQLITE_BUSY.
// synchronous=NORMAL syncs the WAL at checkpoints, not at every commit: in
// WAL mode the database stays consistent through a crash, and a power cut
// may lose the last commits (a burst of 1000 triggers: 0.7 s, not 2.9 s).
// For a sync's pages (scripts/bench-sync.sh, 100,000 highlights: 8,167 rows/s
// before, 8,933 after): an 8 MiB page cache, not 2 MiB; statement journals
// in memory, not in temporary files, since every page upserts with triggers;
// and the writer's own checkpoint only past 10,000 WAL pages, not 1,000:
// the checkpointer (checkpoint.go) copies the WAL back beside the writer.
const writePragmas = "_foreign_keys=1&_journal_mode=WAL&_busy_timeout=10000&_txlock=immediate&_synchronous=NORMAL&_pragma=cache_size(-8192)&_pragma=temp_store(memory)&_pragma=wal_autocheckpoint(10000)"

// readPragmas apply to the reading connections: query_only makes a write
// sent there by mistake fail rather than contend with the writer.
const readPragmas = "_busy_timeout=10000&_query_only=1"

// Open opens the database file at path (e.g. ./data/spark.db), creating it
// and its folder when missing, and migrates it.
func Open(ctx context.Context, path string) (store.Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("create sqlite folder: %w", err)
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	var err error
	for attempt := 1; attempt <= openAttempts; attempt++ {
		var db *sqldb.DB
		if db, err = sqldb.Open(ctx, "sqlite", sqldb.DSNs{Write: path + sep + writePragmas, Read: path + sep + readPragmas}, dialect); err == nil {
			st, err := withCheckpointer(db, path+sep+checkpointPragmas)
			if err != nil {
				db.Close()
				return nil, err
			}
			return st, nil
		}
		// Turning a new file to WAL needs a lock that SQLite does not wait
		// for: when processes start at once on a fresh file, one may see
		// SQLITE_BUSY. A moment later the file is in WAL mode and opens.
		if !strings.Contains(err.Error(), "SQLITE_BUSY") {
			break
		}
		time.Sleep(time.Duration(attempt) * 50 * time.Millisecond)
	}
	return nil, err // not a nil *DB: in a store.Store that is not a nil Store
}

const openAttempts = 5

// busy reports SQLite's "database is locked" (SQLITE_BUSY), which comes once
// the busy timeout has passed, and SQLITE_LOCKED.
func busy(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	code := e.Code() & 0xff // the primary code of an extended one
	return code == sqlite3.SQLITE_BUSY || code == sqlite3.SQLITE_LOCKED
}
