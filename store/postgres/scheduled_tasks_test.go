package postgres_test

import (
	"testing"

	"spark.dev/spark/internal/testenv"
	"spark.dev/spark/store"
	"spark.dev/spark/store/postgres"
	"spark.dev/spark/store/storetest"
)

func TestScheduledTasks(t *testing.T) {
	storetest.RunScheduledTasks(t, func(t *testing.T) store.Store {
		s, err := postgres.Open(t.Context(), testenv.PostgresDatabase(t))
		if err != nil {
			t.Fatalf("open: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
