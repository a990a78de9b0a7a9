package storetest

import (
	"encoding/json"
	"testing"

	"spark.dev/spark/store"
)

// takeAs is a take that stores the key as the secret and masks it as
// "masked", and records what it was shown.
func takeAs(userID string, p store.Provider, seen *[]store.SettingsKey) func(store.SettingsKey) (store.Credential, string, bool, error) {
	return func(k store.SettingsKey) (store.Credential, string, bool, error) {
		*seen = append(*seen, k)
		return store.Credential{UserID: userID, Provider: p, Secret: []byte(k.APIKey), BaseID: k.BaseID, TableID: k.TableID}, "masked", true, nil
	}
}

// A clear key in the document becomes the credential, the masked form stays
// in the document, and the connection is unproven.
func testTakeInSettingsKey(t *testing.T, s store.Store) {
	ctx := t.Context()
	front := Inspect(t, s)
	if err := front.SaveSettingsAsFrontend(ctx, userA, json.RawMessage(
		`{"theme":"dark","integrations":{"airtable":{"apiKey":"pat-clear","baseId":"appB","tableId":"T","x":1}}}`)); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordConnection(ctx, userA, store.Airtable, true, ""); err != nil {
		t.Fatal(err)
	}
	var seen []store.SettingsKey
	took, err := s.TakeInSettingsKey(ctx, userA, store.Airtable, takeAs(userA, store.Airtable, &seen))
	if err != nil || !took {
		t.Fatalf("TakeInSettingsKey = %v, %v", took, err)
	}
	if len(seen) != 1 || seen[0] != (store.SettingsKey{APIKey: "pat-clear", BaseID: "appB", TableID: "T"}) {
		t.Fatalf("take saw %+v", seen)
	}
	c, err := s.GetCredential(ctx, userA, store.Airtable)
	if err != nil || string(c.Secret) != "pat-clear" || c.BaseID != "appB" || c.TableID != "T" {
		t.Fatalf("credential %+v, %v", c, err)
	}
	doc := settingsDoc(t, s, userA)
	if at(doc, "integrations", "airtable", "apiKey") != "masked" || doc["theme"] != "dark" || at(doc, "integrations", "airtable", "x") != 1.0 {
		t.Fatalf("document after the intake: %v", doc)
	}
	if st, _ := s.GetAirtableState(ctx, userA); st.IsConnected {
		t.Error("a key taken in counts as working")
	}
	// No document, no key, or a key take refuses: nothing happens.
	for _, user := range []string{userB, userA} {
		took, err := s.TakeInSettingsKey(ctx, user, store.Readwise, func(store.SettingsKey) (store.Credential, string, bool, error) {
			t.Fatalf("take called for %s without a key", user)
			return store.Credential{}, "", false, nil
		})
		if err != nil || took {
			t.Fatalf("TakeInSettingsKey without a key = %v, %v", took, err)
		}
	}
}

// A frontend change between the intake's read and its write is kept: a
// change beside the key lands with the masked key; a new key is read again
// and taken in instead.
func testTakeInKeepsFrontendChange(t *testing.T, s store.Store) {
	ctx := t.Context()
	front := Inspect(t, s)
	save := func(doc string) {
		t.Helper()
		if err := front.SaveSettingsAsFrontend(ctx, userA, json.RawMessage(doc)); err != nil {
			t.Fatal(err)
		}
	}
	save(`{"integrations":{"readwise":{"apiKey":"old-key"}}}`)
	var seen []store.SettingsKey
	take := takeAs(userA, store.Readwise, &seen)
	first := true
	took, err := s.TakeInSettingsKey(ctx, userA, store.Readwise, func(k store.SettingsKey) (store.Credential, string, bool, error) {
		if first { // the frontend saves a new key meanwhile
			first = false
			save(`{"theme":"dark","integrations":{"readwise":{"apiKey":"new-key"}}}`)
		}
		return take(k)
	})
	if err != nil || !took || len(seen) != 2 || seen[1].APIKey != "new-key" {
		t.Fatalf("TakeInSettingsKey = %v, %v after seeing %+v", took, err, seen)
	}
	if c, err := s.GetCredential(ctx, userA, store.Readwise); err != nil || string(c.Secret) != "new-key" {
		t.Fatalf("credential %q, %v; want the new key", c.Secret, err)
	}
	doc := settingsDoc(t, s, userA)
	if doc["theme"] != "dark" || at(doc, "integrations", "readwise", "apiKey") != "masked" {
		t.Fatalf("document %v", doc)
	}

	save(`{"integrations":{"readwise":{"apiKey":"third-key"}}}`)
	seen = nil
	took, err = s.TakeInSettingsKey(ctx, userA, store.Readwise, func(k store.SettingsKey) (store.Credential, string, bool, error) {
		save(`{"theme":"light","integrations":{"readwise":{"apiKey":"third-key","custom":true}}}`)
		return take(k)
	})
	doc = settingsDoc(t, s, userA)
	if err != nil || !took || doc["theme"] != "light" || at(doc, "integrations", "readwise", "custom") != true ||
		at(doc, "integrations", "readwise", "apiKey") != "masked" {
		t.Fatalf("TakeInSettingsKey = %v, %v; document %v", took, err, doc)
	}
}
