package sqlite_test

import (
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"spark.dev/spark/store"
	"spark.dev/spark/store/internal/sqldb"
	"spark.dev/spark/store/sqlite"
	"spark.dev/spark/store/storetest"
)

// newDatabase returns the path of a database file that does not exist yet,
// in a folder that does not either, as on a first start.
func newDatabase(t *testing.T) string {
	return filepath.Join(t.TempDir(), "data", "spark.db")
}

func open(t testing.TB, path string) store.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return open(t, newDatabase(t)) })
}

func TestSearch(t *testing.T) {
	storetest.RunSearch(t, func(t *testing.T) store.Store { return open(t, newDatabase(t)) })
}

func TestMigrations(t *testing.T) {
	storetest.RunMigrations(t, newDatabase, sqlite.Open)
}

func TestCredentialUpgrade(t *testing.T) {
	storetest.RunCredentialUpgrade(t, "sqlite", os.DirFS("migrations"), func(t *testing.T) string { return filepath.Join(t.TempDir(), "spark.db") }, sqlite.Open)
}

// BenchmarkSearch: scripts/bench-search.sh runs it on both engines.
func BenchmarkSearch(b *testing.B) {
	storetest.BenchSearch(b, open(b, filepath.Join(b.TempDir(), "spark.db")), 20)
}

func BenchmarkApplyHighlights(b *testing.B) {
	storetest.BenchApplyHighlights(b, open(b, filepath.Join(b.TempDir(), "spark.db")))
}

// Rows written without explicit times get the schema's defaults, which must
// be in the layout the store parses and sorts by.
func TestDefaultTimesUseTheStoredLayout(t *testing.T) {
	path := newDatabase(t)
	open(t, path)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	rows, err := db.QueryContext(t.Context(), `
		SELECT m.name, c.name, c.dflt_value FROM sqlite_schema m, pragma_table_info(m.name) c
		WHERE m.type = 'table' AND c.dflt_value LIKE '%strftime%'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	checked := 0
	for rows.Next() {
		var table, column, expr, value string
		if err := rows.Scan(&table, &column, &expr); err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRowContext(t.Context(), "SELECT "+expr).Scan(&value); err != nil {
			t.Fatalf("%s.%s default: %v", table, column, err)
		}
		if _, err := time.Parse(sqldb.TimeLayout, value); err != nil {
			t.Errorf("%s.%s default writes %q, not the layout %s", table, column, value, sqldb.TimeLayout)
		}
		checked++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if checked < 10 {
		t.Errorf("checked %d time defaults, want every created_at and updated_at", checked)
	}
}
