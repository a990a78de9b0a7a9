package postgres

import (
	"strings"
	"testing"

	"spark.dev/spark/internal/testenv"
	"spark.dev/spark/store"
	"spark.dev/spark/store/internal/sqldb"
	"spark.dev/spark/store/storetest"
)

// openFirstSchema opens the database at url migrated only through this
// backend's first schema (0001, 0002).
func openFirstSchema(t *testing.T, url string) *sqldb.DB {
	t.Helper()
	dsn, err := dsns(url)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqldb.Open(t.Context(), "pgx", dsn, dialect.Through(2))
	if err != nil {
		t.Fatalf("open the first schema: %v", err)
	}
	return db
}

func TestConvertsTheFirstSchema(t *testing.T) {
	storetest.RunV1Conversion(t, func(t *testing.T) string { return testenv.PostgresDatabase(t) },
		func(t *testing.T, url string) store.Store { return openFirstSchema(t, url) }, Open)
}

// A user id of the first schema that is not a UUID has no uuid column to go
// to: the migration stops, names the table, and changes nothing.
func TestFirstSchemaWithAUserIDThatIsNoUUIDFails(t *testing.T) {
	t.Parallel()
	url := testenv.PostgresDatabase(t)
	v1 := openFirstSchema(t, url)
	if err := v1.Exec(t.Context(), `INSERT INTO books (user_id, rw_id) VALUES ('user-a', 1)`); err != nil {
		t.Fatal(err)
	}
	v1.Close()
	s, err := Open(t.Context(), url)
	if err == nil {
		s.Close()
		t.Fatal("migrating a first schema with the user id user-a succeeded, want an error")
	}
	if !strings.Contains(err.Error(), "cannot convert table books") || !strings.Contains(err.Error(), "user-a") {
		t.Errorf("error = %v, want one naming the table books and the id", err)
	}
	v1 = openFirstSchema(t, url)
	defer v1.Close()
	if err := v1.Exec(t.Context(), `INSERT INTO books (user_id, rw_id, title) VALUES ('user-a', 2, 'still v1')`); err != nil {
		t.Errorf("the first schema did not stay as it was: %v", err)
	}
}
