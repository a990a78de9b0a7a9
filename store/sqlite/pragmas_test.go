package sqlite

import (
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
)

// rawPool opens path with pragmas, outside the store.
func rawPool(t *testing.T, path, pragmas string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path+"?"+pragmas)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// The lock error another process causes once the busy timeout is over is
// what the store reports as busy; other errors are not.
func TestBusyIsTheLockError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spark.db")
	holder := rawPool(t, path, writePragmas)
	if _, err := holder.Exec(`CREATE TABLE t (x INTEGER UNIQUE)`); err != nil {
		t.Fatal(err)
	}
	tx, err := holder.Begin() // immediate: holds the write lock
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()

	impatient := rawPool(t, path, "_busy_timeout=0")
	_, lockErr := impatient.Exec(`INSERT INTO t VALUES (1)`)
	if lockErr == nil || !busy(lockErr) {
		t.Fatalf("busy(%v) = false, want true", lockErr)
	}
	if _, err := tx.Exec(`INSERT INTO t VALUES (1)`); err != nil {
		t.Fatal(err)
	}
	_, uniqueErr := tx.Exec(`INSERT INTO t VALUES (1)`)
	for _, err := range []error{uniqueErr, errors.New("database is locked")} {
		if err == nil || busy(err) {
			t.Errorf("busy(%v) = true, want false", err)
		}
	}
}

// The read pool cannot write, so a write sent there by mistake fails at once
// instead of contending with the writer.
func TestReadPoolRefusesWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spark.db")
	if _, err := rawPool(t, path, writePragmas).Exec(`CREATE TABLE t (x INTEGER)`); err != nil {
		t.Fatal(err)
	}
	reads := rawPool(t, path, readPragmas)
	if _, err := reads.Exec(`INSERT INTO t VALUES (1)`); err == nil {
		t.Error("the read pool wrote")
	}
	var n int
	if err := reads.QueryRow(`SELECT COUNT(*) FROM t`).Scan(&n); err != nil {
		t.Errorf("the read pool cannot read: %v", err)
	}
}
