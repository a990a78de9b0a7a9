package sqlite

import (
	"io/fs"
	"path/filepath"
	"strconv"
	"testing"

	"spark.dev/spark/store/internal/sqldb"
)

// newestMigration is the version of the last file in migrations/.
func newestMigration(t *testing.T) int64 {
	t.Helper()
	entries, err := fs.ReadDir(migrations, "migrations")
	if err != nil || len(entries) == 0 {
		t.Fatalf("migrations: %v", err)
	}
	last := entries[len(entries)-1].Name()
	v, err := strconv.ParseInt(last[:4], 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// openAndClose opens the store at path as a start-up does, then closes it.
func openAndClose(t *testing.T, path string, d sqldb.Dialect) {
	t.Helper()
	db, err := sqldb.Open(t.Context(), "sqlite", sqldb.DSNs{Write: path + "?" + writePragmas, Read: path + "?" + readPragmas}, d)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

// stamp is the file's user_version, read outside the store.
func stamp(t *testing.T, path string) int64 {
	t.Helper()
	var v int64
	if err := rawPool(t, path, readPragmas).QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func recorded(t *testing.T, path string, version int64) bool {
	t.Helper()
	var n int
	if err := rawPool(t, path, readPragmas).QueryRow(`SELECT count(*) FROM schema_migrations WHERE version = $1`, version).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n == 1
}

func setStamp(t *testing.T, path string, v int64) {
	t.Helper()
	if _, err := rawPool(t, path, "").Exec(`PRAGMA user_version = ` + strconv.FormatInt(v, 10)); err != nil {
		t.Fatal(err)
	}
}

// Migrations stamp the newest version they applied, and a start-up on a
// file that is not stamped current migrates what is missing.
func TestMigrationsStampTheVersion(t *testing.T) {
	newest := newestMigration(t)
	path := filepath.Join(t.TempDir(), "spark.db")
	openAndClose(t, path, dialect.Through(2))
	if got := stamp(t, path); got != 2 {
		t.Fatalf("through 2: stamp %d, want 2", got)
	}
	openAndClose(t, path, dialect)
	if got := stamp(t, path); got != newest {
		t.Fatalf("stamp %d, want %d", got, newest)
	}
	if !recorded(t, path, newest) {
		t.Fatalf("migration %d not applied after the stamp said 2", newest)
	}

	// A file migrated before stamps existed gets one.
	setStamp(t, path, 0)
	openAndClose(t, path, dialect)
	if got := stamp(t, path); got != newest {
		t.Fatalf("unstamped file: stamp %d after open, want %d", got, newest)
	}
}

// A start-up on a file stamped current reads no migrations table: the
// stamp alone says the schema is up to date.
func TestAStampedCurrentFileIsNotMigrated(t *testing.T) {
	newest := newestMigration(t)
	path := filepath.Join(t.TempDir(), "spark.db")
	openAndClose(t, path, dialect)
	if _, err := rawPool(t, path, "").Exec(`DELETE FROM schema_migrations WHERE version = $1`, newest); err != nil {
		t.Fatal(err)
	}
	openAndClose(t, path, dialect)
	if recorded(t, path, newest) {
		t.Fatalf("migration %d ran again on a file stamped %d", newest, newest)
	}
}

// A later binary's stamp, above every migration this one knows, is kept:
// an older binary never lowers it.
func TestALaterStampIsKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spark.db")
	openAndClose(t, path, dialect)
	later := newestMigration(t) + 90
	if _, err := rawPool(t, path, "").Exec(`INSERT INTO schema_migrations (version) VALUES ($1)`, later); err != nil {
		t.Fatal(err)
	}
	setStamp(t, path, later)
	openAndClose(t, path, dialect)
	if got := stamp(t, path); got != later {
		t.Fatalf("stamp %d after an older binary opened the file, want %d", got, later)
	}
}
