package settings

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"

	"spark.dev/spark/credentials"
	"spark.dev/spark/internal/testenv"
	"spark.dev/spark/internal/testtoken"
	"spark.dev/spark/secure"
	"spark.dev/spark/store"
	"spark.dev/spark/store/postgres"
	"spark.dev/spark/store/sqlite"
	"spark.dev/spark/store/storetest"
)

// bothEngines opens a fresh store of each engine.
func bothEngines(t *testing.T) map[string]store.Store {
	sq, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "intake.db"))
	if err != nil {
		t.Fatal(err)
	}
	pg, err := postgres.Open(t.Context(), testenv.PostgresDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sq.Close(); pg.Close() })
	return map[string]store.Store{"sqlite": sq, "postgres": pg}
}

// A key the frontend saved in clear is taken in by a settings read, and by
// the vault read every job uses (inngest.WithCredential): the credential
// decrypts to it and the document keeps only its masked form.
func TestClearKeyTakenIn(t *testing.T) {
	cipher, err := secure.NewCipher(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	for engine, st := range bothEngines(t) {
		vault := credentials.NewVault(st, cipher)
		svc := NewService(st, vault)
		paths := map[string]func(userID string) error{
			"settings read": func(userID string) error { _, err := svc.Get(t.Context(), userID); return err },
			"readwise read": func(userID string) error { _, err := svc.ReadwiseStatus(t.Context(), userID); return err },
			"job path": func(userID string) error {
				if _, err := vault.Get(t.Context(), userID, store.Readwise); err != nil {
					return err
				}
				_, err := vault.Get(t.Context(), userID, store.Airtable)
				return err
			},
		}
		n := 0
		for name, read := range paths {
			n++
			userID := testtoken.UserID(n)
			doc := `{"theme":"dark","integrations":{"readwise":{"apiKey":"rw-clear-key-1234"},"airtable":{"apiKey":"patClearKey5678","baseId":"appABCDEFGHIJKLMN","tableId":"Sparks"}}}`
			if err := storetest.Inspect(t, st).SaveSettingsAsFrontend(t.Context(), userID, json.RawMessage(doc)); err != nil {
				t.Fatal(err)
			}
			if err := read(userID); err != nil && name != "readwise read" {
				t.Fatalf("%s %s: %v", engine, name, err)
			}
			if name == "readwise read" { // it reads only Readwise
				if err := vault.TakeIn(t.Context(), userID, store.Airtable); err != nil {
					t.Fatal(err)
				}
			}
			rw, err := vault.Token(t.Context(), userID, store.Readwise)
			if err != nil || rw != "rw-clear-key-1234" {
				t.Fatalf("%s %s: readwise token %q, %v", engine, name, rw, err)
			}
			at, err := vault.Stored(t.Context(), userID, store.Airtable)
			if err != nil || at != (credentials.Credential{Token: "patClearKey5678", BaseID: "appABCDEFGHIJKLMN", TableID: "Sparks"}) {
				t.Fatalf("%s %s: airtable %+v, %v", engine, name, at, err)
			}
			raw, err := st.GetSettings(t.Context(), userID)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(raw, []byte("rw-clear-key")) || bytes.Contains(raw, []byte("patClearKey")) ||
				!bytes.Contains(raw, []byte(secure.Mask("rw-clear-key-1234"))) || !bytes.Contains(raw, []byte(secure.Mask("patClearKey5678"))) {
				t.Fatalf("%s %s: the document is %s", engine, name, raw)
			}
		}
	}
}

// A masked value or "" in the document is no key: nothing is stored.
func TestMaskedOrEmptyKeyNotTakenIn(t *testing.T) {
	cipher, err := secure.NewCipher(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	for engine, st := range bothEngines(t) {
		vault := credentials.NewVault(st, cipher)
		userID := testtoken.UserID(1)
		doc := `{"integrations":{"readwise":{"apiKey":"••••1234"},"airtable":{"apiKey":"","baseId":"appABCDEFGHIJKLMN"}}}`
		if err := storetest.Inspect(t, st).SaveSettingsAsFrontend(t.Context(), userID, json.RawMessage(doc)); err != nil {
			t.Fatal(err)
		}
		if _, err := NewService(st, vault).Get(t.Context(), userID); err != nil {
			t.Fatal(err)
		}
		for _, p := range []store.Provider{store.Readwise, store.Airtable} {
			if c, err := st.GetCredential(t.Context(), userID, p); err == nil {
				t.Fatalf("%s: %s credential %+v stored from no key", engine, p, c)
			}
		}
	}
}
