package sqldb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"

	"spark.dev/spark/store"
)

var _ store.Store = (*DB)(nil)

// DB is a store.Store over two database/sql pools.
type DB struct {
	// sql runs every write and every transaction, with the reads inside them.
	sql *sql.DB
	// read runs reads outside transactions. It is a pool of its own so that
	// a transaction reading through a Store method (UpdateSettings' change
	// does) never waits for a connection that transactions hold.
	read    *sql.DB
	dialect Dialect
	// logs shares transactions among the function-log writes, one per
	// request of every run.
	logs      *groupCommit
	finishLog string // finishLogSQL of the dialect
	// warm is closed once warmUp's connections are made or have failed.
	warm chan struct{}
}

// DSNs name the data sources of a DB's pools.
type DSNs struct {
	// Write is the pool that writes, Read the pool of reads.
	Write, Read string
	// Log, when set, is a pool of the dialect's LogCommitters connections
	// of its own for the function log's shared commits; otherwise they
	// commit on the write pool.
	Log string
}

// Open connects with the named database/sql driver to dsn's pools and
// brings the schema up to date.
func Open(ctx context.Context, driver string, dsn DSNs, d Dialect) (*DB, error) {
	db := &DB{dialect: d, finishLog: finishLogSQL(d)}
	var err error
	if db.read, err = newPool(driver, dsn.Read, d.Readers, d); err != nil {
		return nil, err
	}
	if db.sql, err = newPool(driver, dsn.Write, d.Writers, d); err != nil {
		db.read.Close()
		return nil, err
	}
	if err := db.bringUpToDate(ctx); err != nil {
		db.read.Close()
		db.sql.Close()
		return nil, err
	}
	db.warmUp(ctx)
	logPool := db.sql
	if dsn.Log != "" {
		if logPool, err = newPool(driver, dsn.Log, max(d.LogCommitters, 1), d); err != nil {
			db.Close()
			return nil, err
		}
	}
	db.logs = newGroupCommit(db, logPool, d.LogCommitters)
	return db, nil
}

// bringUpToDate migrates the schema, on a write connection it makes. A
// database whose stamp says it is up to date needs neither: its first
// write connection opens beside the rest of start-up (warmUp).
func (db *DB) bringUpToDate(ctx context.Context) error {
	current, err := db.stampedCurrent(ctx)
	if err != nil {
		return fmt.Errorf("connect to %s: %w", db.dialect.Engine, err)
	}
	if current {
		return nil
	}
	if err := db.sql.PingContext(ctx); err != nil {
		return fmt.Errorf("connect to %s: %w", db.dialect.Engine, err)
	}
	if err := db.migrate(ctx); err != nil {
		return fmt.Errorf("migrate %s: %w", db.dialect.Engine, err)
	}
	return nil
}

// warmUp opens a first read connection and the first write connection
// beside the rest of start-up, not before it: a SQLite connection reads
// the whole schema on its first statement, about 1.5 ms. Their errors, if
// any, come back from the first read and the first write; Close waits for
// them, so that no connection opens the database after the store closes.
func (db *DB) warmUp(ctx context.Context) {
	db.warm = make(chan struct{})
	go func() {
		defer close(db.warm)
		ctx := context.WithoutCancel(ctx)
		db.read.ExecContext(ctx, `SELECT 1`)
		db.sql.PingContext(ctx)
	}()
}

// newPool is a pool of at most size connections, none made yet, all kept
// when idle: under a burst, closing and reopening them costs more than the
// queries. A connection the server refuses for being busy (PostgreSQL's
// too_many_connections) is store.ErrBusy, on every path, reads included.
func newPool(driverName, dsn string, size int, d Dialect) (*sql.DB, error) {
	probe, err := sql.Open(driverName, dsn) // connects nothing: it names the driver
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", d.Engine, err)
	}
	drv := probe.Driver()
	probe.Close()
	var c driver.Connector = dsnConnector{drv, dsn}
	if dc, ok := drv.(driver.DriverContext); ok {
		if c, err = dc.OpenConnector(dsn); err != nil {
			return nil, fmt.Errorf("open %s: %w", d.Engine, err)
		}
	}
	pool := sql.OpenDB(busyConnector{c, d.Busy})
	pool.SetMaxOpenConns(size)
	pool.SetMaxIdleConns(size)
	return pool, nil
}

// dsnConnector connects through a driver without connectors of its own.
type dsnConnector struct {
	drv driver.Driver
	dsn string
}

func (c dsnConnector) Connect(context.Context) (driver.Conn, error) { return c.drv.Open(c.dsn) }
func (c dsnConnector) Driver() driver.Driver                        { return c.drv }

// busyConnector marks the connections the server refuses for being busy
// with store.ErrBusy, which the API answers 503.
type busyConnector struct {
	driver.Connector
	busy func(error) bool
}

func (c busyConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil && c.busy != nil && c.busy(err) {
		return nil, fmt.Errorf("%w: %w", store.ErrBusy, err)
	}
	return conn, err
}

func (db *DB) Engine() string { return db.dialect.Engine }

// Ping reads from the database: on an engine that stamps its version, the
// stamp, which a new connection reads without loading the schema.
func (db *DB) Ping(ctx context.Context) error {
	if db.dialect.StampVersion {
		_, err := readStamp(ctx, db.read)
		return err
	}
	return db.read.PingContext(ctx)
}

func (db *DB) Close() error {
	if db.warm != nil {
		<-db.warm
	}
	if db.logs != nil {
		db.logs.close()
		if db.logs.pool != db.sql {
			db.logs.pool.Close()
		}
	}
	readErr := db.read.Close()
	if err := db.sql.Close(); err != nil {
		return err
	}
	return readErr
}

// execer runs statements on the pool or inside a transaction.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// autocommit is the write pool as an execer: each statement on its own.
type autocommit struct{ db *DB }

func (a autocommit) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return a.db.exec(ctx, query, args...)
}

// writer returns a connection of the write pool once one is free, or
// store.ErrBusy after the dialect's WriteWait.
func (db *DB) writer(ctx context.Context) (*sql.Conn, error) {
	return db.writerOf(ctx, db.sql)
}

// writerOf is writer on a write pool given.
func (db *DB) writerOf(ctx context.Context, pool *sql.DB) (*sql.Conn, error) {
	wait, cancel := context.WithTimeoutCause(ctx, db.dialect.WriteWait, store.ErrBusy)
	defer cancel()
	conn, err := pool.Conn(wait)
	if err != nil && ctx.Err() == nil && errors.Is(context.Cause(wait), store.ErrBusy) {
		return nil, fmt.Errorf("%w: no connection to write with in %s", store.ErrBusy, db.dialect.WriteWait)
	}
	return conn, db.busy(err)
}

// exec runs one write statement outside a transaction.
func (db *DB) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return db.execOf(ctx, db.sql, query, args...)
}

// execOf is exec on a write pool given.
func (db *DB) execOf(ctx context.Context, pool *sql.DB, query string, args ...any) (sql.Result, error) {
	conn, err := db.writerOf(ctx, pool)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	res, err := conn.ExecContext(ctx, query, args...)
	return res, db.busy(err)
}

// inTx runs fn in one transaction of the write pool, committed only when
// fn succeeds.
func (db *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return db.inTxOf(ctx, db.sql, fn)
}

// inTxOf is inTx on a write pool given.
func (db *DB) inTxOf(ctx context.Context, pool *sql.DB, fn func(tx *sql.Tx) error) error {
	conn, err := db.writerOf(ctx, pool)
	if err != nil {
		return err
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return db.busy(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return db.busy(err)
	}
	return db.busy(tx.Commit())
}

// busy marks err with store.ErrBusy when the engine says it was too busy to
// do the work now, so that the caller can tell the client to retry.
func (db *DB) busy(err error) error {
	if err != nil && !errors.Is(err, store.ErrBusy) && db.dialect.Busy(err) {
		return fmt.Errorf("%w: %w", store.ErrBusy, err)
	}
	return err
}

// Exec runs one statement outside the Store interface, for tests that seed
// rows no Store method writes (links made by a user, say).
func (db *DB) Exec(ctx context.Context, query string, args ...any) error {
	_, err := db.exec(ctx, query, args...)
	return err
}
