package sqldb

import (
	"context"
	"database/sql"
	"fmt"

	"spark.dev/spark/store"
)

var _ store.Store = (*DB)(nil)

// DB is a store.Store over a database/sql pool.
type DB struct {
	sql     *sql.DB
	dialect Dialect
}

// Open connects with the named database/sql driver and brings the schema up
// to date.
func Open(ctx context.Context, driver, dsn string, d Dialect) (*DB, error) {
	pool, err := sql.Open(driver, dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", d.Engine, err)
	}
	db := &DB{sql: pool, dialect: d}
	if err := pool.PingContext(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to %s: %w", d.Engine, err)
	}
	if err := db.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("migrate %s: %w", d.Engine, err)
	}
	return db, nil
}

func (db *DB) Engine() string { return db.dialect.Engine }

func (db *DB) Ping(ctx context.Context) error { return db.sql.PingContext(ctx) }

func (db *DB) Close() error { return db.sql.Close() }

// execer runs statements on the pool or inside a transaction.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// inTx runs fn in one transaction, committed only when fn succeeds.
func (db *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Exec runs one statement outside the Store interface, for tests that seed
// rows no Store method writes (links made by a user, say).
func (db *DB) Exec(ctx context.Context, query string, args ...any) error {
	_, err := db.sql.ExecContext(ctx, query, args...)
	return err
}
