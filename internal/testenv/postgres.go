package testenv

import (
	"crypto/rand"
	"database/sql"
	"net/url"
	"os"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// PostgresServerEnv names the variable holding the test PostgreSQL server's
// URL; the test script starts the server and sets it.
const PostgresServerEnv = "SPARK_TEST_POSTGRES_URL"

// PostgresDatabase creates an empty database on the test server, drops it
// when the test ends, and returns its URL. The test fails, rather than
// skips, when no server is configured.
func PostgresDatabase(t testing.TB) string {
	t.Helper()
	server := os.Getenv(PostgresServerEnv)
	if server == "" {
		t.Fatalf("%s is not set: run scripts/test.sh, which starts PostgreSQL and sets it", PostgresServerEnv)
	}
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatal(err)
	}
	name := "spark_test_" + strings.ToLower(rand.Text())
	// A language collation, as hosted servers often have, so that a query
	// relying on byte order fails here too.
	create := "CREATE DATABASE " + name + " TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C'"
	if _, err := admin.Exec(create); err != nil {
		admin.Close()
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.Exec("DROP DATABASE " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("drop test database: %v", err)
		}
	})
	u, err := url.Parse(server)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
