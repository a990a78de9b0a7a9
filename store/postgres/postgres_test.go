package postgres_test

import (
	"os"
	"testing"

	"spark.dev/spark/internal/testenv"
	"spark.dev/spark/store"
	"spark.dev/spark/store/postgres"
	"spark.dev/spark/store/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := postgres.Open(t.Context(), testenv.PostgresDatabase(t))
		if err != nil {
			t.Fatalf("open: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func TestSearch(t *testing.T) {
	storetest.RunSearch(t, func(t *testing.T) store.Store {
		s, err := postgres.Open(t.Context(), testenv.PostgresDatabase(t))
		if err != nil {
			t.Fatalf("open: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func TestMigrations(t *testing.T) {
	storetest.RunMigrations(t, func(t *testing.T) string { return testenv.PostgresDatabase(t) }, postgres.Open)
}

func TestCredentialUpgrade(t *testing.T) {
	storetest.RunCredentialUpgrade(t, "pgx", os.DirFS("migrations"), func(t *testing.T) string { return testenv.PostgresDatabase(t) }, postgres.Open)
}

// BenchmarkSearch: scripts/bench-search.sh runs it on both engines.
func BenchmarkSearch(b *testing.B) {
	s, err := postgres.Open(b.Context(), testenv.PostgresDatabase(b))
	if err != nil {
		b.Fatalf("open: %v", err)
	}
	defer s.Close()
	storetest.BenchSearch(b, s, 20)
}

func BenchmarkApplyHighlights(b *testing.B) {
	s, err := postgres.Open(b.Context(), testenv.PostgresDatabase(b))
	if err != nil {
		b.Fatalf("open: %v", err)
	}
	defer s.Close()
	storetest.BenchApplyHighlights(b, s)
}
