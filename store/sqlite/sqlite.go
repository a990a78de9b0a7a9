// Package sqlite is the embedded SQLite store, through modernc.org/sqlite
// (pure Go, no cgo).
package sqlite

import (
	"context"
	"embed"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"spark.dev/spark/store"
	"spark.dev/spark/store/internal/sqldb"
)

//go:embed migrations/*.sql
var migrations embed.FS

var dialect = sqldb.Dialect{
	Engine:      "sqlite",
	Migrations:  migrations,
	TimesAsText: true,
	// Small batches: a 1000-highlight page took about 40 ms in statements
	// of 100 to 200 parameters, and 0.8 s at SQLite's limit of 32766.
	BatchParams: 150,
	// No lock statement: with _txlock=immediate the migration transaction
	// already holds the write lock from BEGIN.
}

// pragmas apply to every pooled connection: WAL lets readers run beside the
// writer; busy_timeout and immediate transactions make concurrent writers
// wait for the lock instead of failing with SQLITE_BUSY.
const pragmas = "_foreign_keys=1&_journal_mode=WAL&_busy_timeout=10000&_txlock=immediate"

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
		if db, err = sqldb.Open(ctx, "sqlite", path+sep+pragmas, dialect); err == nil {
			return db, nil
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
