package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"spark.dev/spark/store"
)

func testSettingsNotFound(t *testing.T, s store.Store) {
	if _, err := s.GetSettings(t.Context(), userA); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("GetSettings = %v, want ErrNotFound", err)
	}
}

func testSettingsRoundTrip(t *testing.T, s store.Store) {
	docs := map[string]string{
		"empty object": `{}`,
		"nested":       `{"theme":"dark","integrations":{"readwise":{"enabled":true}},"n":12.5,"list":[1,"two",null]}`,
		"unicode":      `{"name":"Zoë ✨","quote":"\"x\""}`,
		"array":        `[1,2,3]`,
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			user := userFor(name)
			if err := saveSettings(s, t.Context(), user, json.RawMessage(doc), nil, nil); err != nil {
				t.Fatalf("saving settings: %v", err)
			}
			got, err := s.GetSettings(t.Context(), user)
			if err != nil {
				t.Fatalf("GetSettings: %v", err)
			}
			assertJSONEqual(t, got, json.RawMessage(doc))
		})
	}
}

func testSettingsReplaced(t *testing.T, s store.Store) {
	ctx := t.Context()
	if err := saveSettings(s, ctx, userA, json.RawMessage(`{"theme":"dark","keep":true}`), nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := saveSettings(s, ctx, userA, json.RawMessage(`{"theme":"light"}`), nil, nil); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetSettings(ctx, userA)
	if err != nil {
		t.Fatal(err)
	}
	assertJSONEqual(t, got, json.RawMessage(`{"theme":"light"}`))
}

func testSettingsInvalid(t *testing.T, s store.Store) {
	for _, doc := range []string{``, `{`, `{'theme':'dark'}`, `not json`} {
		if err := saveSettings(s, t.Context(), userA, json.RawMessage(doc), nil, nil); err == nil {
			t.Errorf("saving %q succeeded, want an error", doc)
		}
	}
	if _, err := s.GetSettings(t.Context(), userA); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("after rejected writes GetSettings = %v, want ErrNotFound", err)
	}
}

func testSettingsIsolation(t *testing.T, s store.Store) {
	ctx := t.Context()
	if err := saveSettings(s, ctx, userA, json.RawMessage(`{"owner":"a"}`), nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetSettings(ctx, userB); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("user-b sees settings: err = %v, want ErrNotFound", err)
	}
	if err := saveSettings(s, ctx, userB, json.RawMessage(`{"owner":"b"}`), nil, nil); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetSettings(ctx, userA)
	if err != nil {
		t.Fatal(err)
	}
	assertJSONEqual(t, got, json.RawMessage(`{"owner":"a"}`))
}

func testSaveSettingsWithCredentials(t *testing.T, s store.Store) {
	ctx := t.Context()
	if err := s.PutCredential(ctx, store.Credential{UserID: userA, Provider: store.Airtable, Secret: []byte("old")}); err != nil {
		t.Fatal(err)
	}
	puts := []store.Credential{{UserID: userA, Provider: store.Readwise, Secret: []byte("sealed")}}
	if err := saveSettings(s, ctx, userA, json.RawMessage(`{"theme":"dark"}`), puts, []store.Provider{store.Airtable}); err != nil {
		t.Fatalf("saving settings: %v", err)
	}
	if c, err := s.GetCredential(ctx, userA, store.Readwise); err != nil || string(c.Secret) != "sealed" {
		t.Errorf("readwise credential = %+v, %v", c, err)
	}
	if _, err := s.GetCredential(ctx, userA, store.Airtable); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("airtable credential not deleted: %v", err)
	}
}

func testSaveSettingsIsAllOrNothing(t *testing.T, s store.Store) {
	ctx := t.Context()
	if err := saveSettings(s, ctx, userA, json.RawMessage(`{"theme":"light"}`), nil, nil); err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct {
		doc  json.RawMessage
		puts []store.Credential
	}{
		"invalid document after a valid credential": {json.RawMessage(`{"theme":`), []store.Credential{{UserID: userA, Provider: store.Readwise, Secret: []byte("x")}}},
		"a credential of another user":              {json.RawMessage(`{"theme":"dark"}`), []store.Credential{{UserID: userB, Provider: store.Readwise, Secret: []byte("x")}}},
	}
	for name, c := range cases {
		if err := saveSettings(s, ctx, userA, c.doc, c.puts, nil); err == nil {
			t.Errorf("%s: SaveSettings succeeded, want an error", name)
		}
	}
	got, err := s.GetSettings(ctx, userA)
	if err != nil {
		t.Fatal(err)
	}
	assertJSONEqual(t, got, json.RawMessage(`{"theme":"light"}`))
	for _, user := range []string{userA, userB} {
		if _, err := s.GetCredential(ctx, user, store.Readwise); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a failed save left %s a credential: %v", user, err)
		}
	}
}

// saveSettings replaces the document and applies credential changes.
func saveSettings(s store.Store, ctx context.Context, userID string, doc json.RawMessage, puts []store.Credential, deletes []store.Provider) error {
	return s.UpdateSettings(ctx, userID, func(json.RawMessage) (store.SettingsUpdate, error) {
		return store.SettingsUpdate{Settings: doc, Puts: puts, Deletes: deletes}, nil
	})
}

// Read-modify-write updates of one user never lose each other's changes.
func testUpdateSettingsSerializesWriters(t *testing.T, s store.Store) {
	const writers = 20
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- markWriter(t.Context(), s, userA, i)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("UpdateSettings: %v", err)
		}
	}
	raw, err := s.GetSettings(t.Context(), userA)
	if err != nil {
		t.Fatal(err)
	}
	doc := map[string]any{}
	if err := json.Unmarshal(raw, &doc); err != nil || len(doc) != writers {
		t.Fatalf("after %d concurrent updates the document has %d keys: %s", writers, len(doc), raw)
	}
}

// The connection resets land with the document; an error from change
// writes nothing at all.
func testUpdateSettingsResetsAndAborts(t *testing.T, s store.Store) {
	ctx := t.Context()
	if err := s.RecordBookCount(ctx, userA, 3, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordAirtableImport(ctx, userA, json.RawMessage(`{"imported":1}`)); err != nil {
		t.Fatal(err)
	}
	before, err := s.GetSettings(ctx, userA) // the state records made it
	if err != nil {
		t.Fatal(err)
	}
	failed := errors.New("refused")
	if err := s.UpdateSettings(ctx, userA, func(json.RawMessage) (store.SettingsUpdate, error) {
		return store.SettingsUpdate{}, failed
	}); !errors.Is(err, failed) {
		t.Fatalf("UpdateSettings with a failing change = %v", err)
	}
	if after, err := s.GetSettings(ctx, userA); err != nil || !sameJSON(t, after, before) {
		t.Fatalf("a failed update changed the document %s into %s (%v)", before, after, err)
	}
	if err := s.UpdateSettings(ctx, userA, func(json.RawMessage) (store.SettingsUpdate, error) {
		return store.SettingsUpdate{Settings: json.RawMessage(`{}`), Reset: []store.Provider{store.Readwise, store.Airtable}}, nil
	}); err != nil {
		t.Fatal(err)
	}
	rw, err := s.GetReadwiseState(ctx, userA)
	if err != nil || rw.IsConnected || rw.BookCount != 3 {
		t.Errorf("readwise state after a reset: %+v, %v", rw, err)
	}
	at, err := s.GetAirtableState(ctx, userA)
	if err != nil || at.IsConnected || at.LastImport == nil {
		t.Errorf("airtable state after a reset: %+v, %v", at, err)
	}
}

// markWriter is one of many settings writes at once: it adds writer-<i> to
// the user's document.
func markWriter(ctx context.Context, s store.Store, userID string, i int) error {
	return s.UpdateSettings(ctx, userID, func(current json.RawMessage) (store.SettingsUpdate, error) {
		doc := map[string]any{}
		if len(current) > 0 {
			if err := json.Unmarshal(current, &doc); err != nil {
				return store.SettingsUpdate{}, err
			}
		}
		doc[fmt.Sprintf("writer-%d", i)] = true
		raw, err := json.Marshal(doc)
		return store.SettingsUpdate{Settings: raw}, err
	})
}
