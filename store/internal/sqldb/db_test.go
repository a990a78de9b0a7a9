package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" driver

	"spark.dev/spark/store"
)

// oneWriter is a DB whose write pool has one connection, taken by the test
// until it calls the returned release.
func oneWriter(t *testing.T, wait time.Duration) (*DB, func()) {
	t.Helper()
	pool, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "db.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pool.Close() })
	pool.SetMaxOpenConns(1)
	held, err := pool.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	db := &DB{sql: pool, dialect: Dialect{WriteWait: wait, Busy: func(error) bool { return false }}}
	return db, func() { held.Close() }
}

// A write that cannot get a connection in WriteWait fails with ErrBusy, so
// that the client hears "retry later" rather than waiting on.
func TestWriteWaitingTooLongIsBusy(t *testing.T) {
	db, release := oneWriter(t, 20*time.Millisecond)
	defer release()
	if _, err := db.exec(t.Context(), `SELECT 1`); !errors.Is(err, store.ErrBusy) {
		t.Errorf("exec with the writer taken = %v, want ErrBusy", err)
	}
	if err := db.inTx(t.Context(), func(*sql.Tx) error { return nil }); !errors.Is(err, store.ErrBusy) {
		t.Errorf("inTx with the writer taken = %v, want ErrBusy", err)
	}
}

// A caller that gives up first gets its own reason, not ErrBusy.
func TestWriteWaitEndsWithTheCallersContext(t *testing.T) {
	db, release := oneWriter(t, time.Minute)
	defer release()
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	if _, err := db.exec(ctx, `SELECT 1`); !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, store.ErrBusy) {
		t.Errorf("exec past the caller's deadline = %v, want DeadlineExceeded", err)
	}
}

// A write waits its turn: once the connection is free, it runs.
func TestWriteWaitsForTheConnection(t *testing.T) {
	db, release := oneWriter(t, time.Minute)
	time.AfterFunc(20*time.Millisecond, release)
	if _, err := db.exec(t.Context(), `SELECT 1`); err != nil {
		t.Errorf("exec after the writer was released = %v", err)
	}
}

func TestBusyErrorsAreMarked(t *testing.T) {
	locked := errors.New("database is locked")
	db := &DB{dialect: Dialect{Busy: func(err error) bool { return errors.Is(err, locked) }}}
	if err := db.busy(locked); !errors.Is(err, store.ErrBusy) || !errors.Is(err, locked) {
		t.Errorf("busy(locked) = %v, want ErrBusy wrapping the cause", err)
	}
	if other := errors.New("constraint failed"); db.busy(other) != other {
		t.Errorf("busy marked an error the engine does not call busy")
	}
	if db.busy(nil) != nil {
		t.Errorf("busy(nil) is not nil")
	}
}
