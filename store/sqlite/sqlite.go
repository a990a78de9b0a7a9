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

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"spark.dev/api/store"
	"spark.dev/api/store/internal/sqldb"
)

//go:embed migrations/*.sql
var migrations embed.FS

var dialect = sqldb.Dialect{
	Engine:      "sqlite",
	Migrations:  migrations,
	TimesAsText: true,
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
	db, err := sqldb.Open(ctx, "sqlite", path+sep+pragmas, dialect)
	if err != nil {
		return nil, err // not db: a nil *DB in a store.Store is not a nil Store
	}
	return db, nil
}
