package postgres_test

import (
	"crypto/rand"
	"database/sql"
	"net/url"
	"os"
	"strings"
	"testing"

	"spark.dev/api/store"
	"spark.dev/api/store/postgres"
	"spark.dev/api/store/storetest"
)

// serverURL is the PostgreSQL server the tests create their databases on.
func serverURL(t *testing.T) string {
	server := os.Getenv("SPARK_TEST_POSTGRES_URL")
	if server == "" {
		t.Fatal("SPARK_TEST_POSTGRES_URL is not set: run the project's test script, which starts PostgreSQL and sets it")
	}
	return server
}

// newDatabase creates an empty database on server and drops it when t ends.
func newDatabase(t *testing.T, server string) string {
	t.Helper()
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatal(err)
	}
	name := "spark_test_" + strings.ToLower(rand.Text())
	// A language collation, as hosted servers often have, so that a query
	// relying on byte order fails here too.
	create := "CREATE DATABASE " + name + " TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C'"
	if _, err := admin.ExecContext(t.Context(), create); err != nil {
		admin.Close()
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		// t.Context() is already done during cleanup.
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

func TestStore(t *testing.T) {
	server := serverURL(t)
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := postgres.Open(t.Context(), newDatabase(t, server))
		if err != nil {
			t.Fatalf("open: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func TestMigrations(t *testing.T) {
	server := serverURL(t)
	newDB := func(t *testing.T) string { return newDatabase(t, server) }
	storetest.RunMigrations(t, newDB, postgres.Open)
}
