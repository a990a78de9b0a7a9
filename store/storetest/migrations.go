package storetest

import (
	"context"
	"encoding/json"
	"sync"
	"testing"

	"spark.dev/spark/store"
)

// RunMigrations checks start-up against one database opened several times:
// newDatabase returns the DSN of a fresh, empty database, removed when t ends;
// open is the engine's Open.
func RunMigrations(t *testing.T, newDatabase func(t *testing.T) string, open func(ctx context.Context, dsn string) (store.Store, error)) {
	t.Run("reopening keeps the schema and its data", func(t *testing.T) {
		t.Parallel()
		dsn := newDatabase(t)
		first := mustOpen(t, open, dsn)
		if err := saveSettings(first, t.Context(), "user-a", json.RawMessage(`{"kept":true}`), nil, nil); err != nil {
			t.Fatal(err)
		}
		if err := first.Close(); err != nil {
			t.Fatal(err)
		}
		second := mustOpen(t, open, dsn)
		defer second.Close()
		got, err := second.GetSettings(t.Context(), "user-a")
		if err != nil {
			t.Fatalf("GetSettings after reopening: %v", err)
		}
		assertJSONEqual(t, got, json.RawMessage(`{"kept":true}`))
	})

	t.Run("concurrent start-ups all succeed", func(t *testing.T) {
		t.Parallel()
		dsn := newDatabase(t)
		const processes = 8
		stores := make([]store.Store, processes)
		errs := make([]error, processes)
		var wg sync.WaitGroup
		for i := range processes {
			wg.Go(func() { stores[i], errs[i] = open(t.Context(), dsn) })
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("start-up %d: %v", i, err)
				continue
			}
			if err := saveSettings(stores[i], t.Context(), "user-a", json.RawMessage(`{}`), nil, nil); err != nil {
				t.Errorf("write after start-up %d: %v", i, err)
			}
			stores[i].Close()
		}
	})
}

func mustOpen(t *testing.T, open func(ctx context.Context, dsn string) (store.Store, error), dsn string) store.Store {
	t.Helper()
	s, err := open(t.Context(), dsn)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	return s
}
