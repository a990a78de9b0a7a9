package storetest

import (
	"context"
	"database/sql"
	"encoding/json"
	"io/fs"
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
		if err := saveSettings(first, t.Context(), userA, json.RawMessage(`{"kept":true}`), nil, nil); err != nil {
			t.Fatal(err)
		}
		if err := first.Close(); err != nil {
			t.Fatal(err)
		}
		second := mustOpen(t, open, dsn)
		defer second.Close()
		got, err := second.GetSettings(t.Context(), userA)
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
			if err := saveSettings(stores[i], t.Context(), userA, json.RawMessage(`{}`), nil, nil); err != nil {
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

// RunCredentialUpgrade checks that a credential stored before its writes
// were numbered (migration 0003) is kept: a trigger whose send fails after
// the upgrade puts it back. newDatabase returns the DSN of a fresh, empty
// database, which driver opens outside the store; migrations is the engine's
// migrations folder.
func RunCredentialUpgrade(t *testing.T, driver string, migrations fs.FS, newDatabase func(t *testing.T) string, open func(ctx context.Context, dsn string) (store.Store, error)) {
	dsn := newDatabase(t)
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(t.Context(), `CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY)`); err != nil {
		t.Fatal(err)
	}
	for version, name := range map[int]string{1: "0001_init.sql", 2: "0002_callback_nonces.sql"} {
		text, err := fs.ReadFile(migrations, name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(t.Context(), string(text)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, err := db.ExecContext(t.Context(), `INSERT INTO schema_migrations (version) VALUES ($1)`, version); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.ExecContext(t.Context(), `INSERT INTO credentials (user_id, provider, secret) VALUES ($1, 'readwise', $2)`, userA, []byte("old")); err != nil {
		t.Fatal(err)
	}

	s := mustOpen(t, open, dsn)
	defer s.Close()
	version, err := s.StageCredential(t.Context(), store.Credential{UserID: userA, Provider: store.Readwise, Secret: []byte("new")})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AbandonCredential(t.Context(), userA, store.Readwise, version); err != nil {
		t.Fatal(err)
	}
	if got, err := s.GetCredential(t.Context(), userA, store.Readwise); err != nil || string(got.Secret) != "old" {
		t.Errorf("after the upgrade and an abandoned write, GetCredential = %q, %v; want the secret from before", got.Secret, err)
	}
}
