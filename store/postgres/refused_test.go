package postgres_test

import (
	"database/sql"
	"errors"
	"net/url"
	"strings"
	"testing"

	"spark.dev/spark/internal/testenv"
	"spark.dev/spark/store"
	"spark.dev/spark/store/postgres"
)

// A read the server refuses a connection for (too many connections) is
// store.ErrBusy, which the API answers 503, as a write's is: not an
// unexplained failure.
func TestARefusedReadConnectionIsBusy(t *testing.T) {
	dbURL := testenv.PostgresDatabase(t)
	admin, err := sql.Open("pgx", dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	// A role of one connection that owns the database: the store's writer
	// takes it, and the read pool is refused.
	role := "limited_" + strings.TrimPrefix(u.Path, "/spark_test_")
	for _, stmt := range []string{
		`CREATE ROLE ` + role + ` LOGIN CONNECTION LIMIT 1`,
		`ALTER DATABASE ` + strings.TrimPrefix(u.Path, "/") + ` OWNER TO ` + role,
	} {
		if _, err := admin.ExecContext(t.Context(), stmt); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		admin.Exec(`REASSIGN OWNED BY ` + role + ` TO postgres`)
		admin.Exec(`DROP OWNED BY ` + role)
		admin.Exec(`DROP ROLE ` + role)
	})
	u.User = url.User(role)
	s, err := postgres.Open(t.Context(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = s.CountHighlights(t.Context(), "00000000-0000-4000-8000-0000000000b5")
	if !errors.Is(err, store.ErrBusy) {
		t.Fatalf("a read without a connection: %v, want store.ErrBusy", err)
	}
}
