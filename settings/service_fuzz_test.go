package settings

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"spark.dev/spark/credentials"
	"spark.dev/spark/internal/testenv"
	"spark.dev/spark/internal/testtoken"
	"spark.dev/spark/secure"
	"spark.dev/spark/store"
	"spark.dev/spark/store/postgres"
	"spark.dev/spark/store/sqlite"
)

// FuzzServiceWrite stores any JSON as a user's document, as the frontend
// can straight into the database, then writes any body with PUT or PATCH,
// on SQLite and on PostgreSQL. Reads never fail nor show a secret; a
// refused write changes nothing; an accepted one is what the engine
// gives back, within the limits.
func FuzzServiceWrite(f *testing.F) {
	addSettingsSeeds(f)
	engines := map[string]store.Store{}
	sq, err := sqlite.Open(f.Context(), filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	engines["sqlite"] = sq
	pg, err := postgres.Open(f.Context(), testenv.PostgresDatabase(f))
	if err != nil {
		f.Fatal(err)
	}
	engines["postgres"] = pg
	cipher, err := secure.NewCipher(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() {
		sq.Close()
		pg.Close()
	})
	var users atomic.Int64
	f.Fuzz(func(t *testing.T, stored, body []byte, put bool) {
		if _, ok := decodeBody(body); !ok {
			return
		}
		for engine, st := range engines {
			svc := NewService(st, credentials.NewVault(st, cipher))
			userID := testtoken.UserID(int(users.Add(1)))
			if !storeDirectly(t, st, userID, stored) {
				continue // the engine refuses it, so the frontend cannot store it either
			}
			checkRead(t, engine, svc, userID)
			before := snapshotOf(t, st, userID)
			named, _ := decodeBody(body)
			write := svc.Patch
			if put {
				write = svc.Put
			}
			if _, err := write(t.Context(), userID, named); err != nil {
				wantClientError(t, err, "Invalid settings: ", "Settings may ", "No settings to update")
				if after := snapshotOf(t, st, userID); !reflect.DeepEqual(before, after) {
					t.Fatalf("%s: a refused write changed %+v into %+v", engine, before, after)
				}
				continue
			}
			checkRead(t, engine, svc, userID)
			after := snapshotOf(t, st, userID)
			named, _ = decodeBody(body)
			w, _ := parseWrite(named)
			stored := decode(before.settings)
			runs := lastRuns(stored) // the merge changes stored
			want := keepLastRuns(merge(put)(stored, w.doc), runs)
			if got := withoutMirror(decode(after.settings)); !sameDocument(t, got, withoutMirror(decode(mustMarshal(t, want)))) {
				t.Fatalf("%s: saved %s, read back %s", engine, mustMarshal(t, want), after.settings)
			}
			if _, err := encode(decode(after.settings)); err != nil {
				t.Fatalf("%s: the saved %.300s is past a limit: %v", engine, after.settings, err)
			}
			if inDatabase, _ := decodeBody(after.settings); secretPath(inDatabase) != "" {
				t.Fatalf("%s: the database keeps %s", engine, secretPath(inDatabase))
			}
		}
	})
}

// storeDirectly saves doc as the user's document, bypassing validation;
// an empty doc leaves the user without one.
func storeDirectly(t *testing.T, st store.Store, userID string, doc []byte) bool {
	if len(doc) == 0 {
		return true
	}
	if !json.Valid(doc) {
		return false
	}
	err := st.UpdateSettings(t.Context(), userID, func(json.RawMessage) (store.SettingsUpdate, error) {
		return store.SettingsUpdate{Settings: doc}, nil
	})
	return err == nil
}

// checkRead reads the user's settings both ways a client can, which must
// work and show no secret.
func checkRead(t *testing.T, engine string, svc *Service, userID string) {
	t.Helper()
	view, err := svc.Get(t.Context(), userID)
	if err != nil {
		t.Fatalf("%s: GET failed: %v", engine, err)
	}
	answer := mustMarshal(t, view)
	var seen map[string]any
	if err := json.Unmarshal(answer, &seen); err != nil {
		// A number no double holds, stored by the frontend, is returned as stored.
		if !strings.Contains(err.Error(), "cannot unmarshal number") {
			t.Fatalf("%s: GET answered %.300s: %v", engine, answer, err)
		}
		return
	}
	if path := secretPath(seen); path != "" {
		t.Fatalf("%s: GET shows %s", engine, path)
	}
	for _, name := range []string{"readwise", "airtable"} {
		key, _ := seen["integrations"].(map[string]any)[name].(map[string]any)["apiKey"].(string)
		if key != "" && !secure.IsMasked(key) {
			t.Fatalf("%s: GET shows the %s key in clear", engine, name)
		}
	}
	if _, err := svc.Integration(t.Context(), userID, "airtable"); err != nil {
		t.Fatalf("%s: GET ?integration=airtable failed: %v", engine, err)
	}
}

// snapshot is everything a settings write may change for one user.
type snapshot struct {
	settings           json.RawMessage
	readwise, airtable store.Credential
	readwiseState      store.ReadwiseState
	airtableState      store.AirtableState
}

func snapshotOf(t *testing.T, st store.Store, userID string) snapshot {
	t.Helper()
	ctx := t.Context()
	var s snapshot
	var err error
	if s.settings, err = st.GetSettings(ctx, userID); err != nil && !errors.Is(err, store.ErrNotFound) {
		t.Fatal(err)
	}
	if s.readwise, err = st.GetCredential(ctx, userID, store.Readwise); err != nil && !errors.Is(err, store.ErrNotFound) {
		t.Fatal(err)
	}
	if s.airtable, err = st.GetCredential(ctx, userID, store.Airtable); err != nil && !errors.Is(err, store.ErrNotFound) {
		t.Fatal(err)
	}
	if s.readwiseState, err = st.GetReadwiseState(ctx, userID); err != nil {
		t.Fatal(err)
	}
	if s.airtableState, err = st.GetAirtableState(ctx, userID); err != nil {
		t.Fatal(err)
	}
	return s
}

// withoutMirror is doc without the integrations the backend mirrors its
// state into, which a write may add (docs/data.md).
func withoutMirror(doc document) document {
	if integrations, ok := doc["integrations"].(document); ok {
		delete(integrations, "readwise")
		delete(integrations, "airtable")
		if len(integrations) == 0 {
			delete(doc, "integrations")
		}
	}
	return doc
}
