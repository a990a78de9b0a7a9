package storetest

import (
	"encoding/json"
	"errors"
	"testing"

	"spark.dev/api/store"
)

func testSettingsNotFound(t *testing.T, s store.Store) {
	if _, err := s.GetSettings(t.Context(), "user-a"); !errors.Is(err, store.ErrNotFound) {
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
			user := "user-" + name
			if err := s.SaveSettings(t.Context(), user, json.RawMessage(doc), nil, nil); err != nil {
				t.Fatalf("SaveSettings: %v", err)
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
	if err := s.SaveSettings(ctx, "user-a", json.RawMessage(`{"theme":"dark","keep":true}`), nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveSettings(ctx, "user-a", json.RawMessage(`{"theme":"light"}`), nil, nil); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetSettings(ctx, "user-a")
	if err != nil {
		t.Fatal(err)
	}
	assertJSONEqual(t, got, json.RawMessage(`{"theme":"light"}`))
}

func testSettingsInvalid(t *testing.T, s store.Store) {
	for _, doc := range []string{``, `{`, `{'theme':'dark'}`, `not json`} {
		if err := s.SaveSettings(t.Context(), "user-a", json.RawMessage(doc), nil, nil); err == nil {
			t.Errorf("SaveSettings(%q) succeeded, want an error", doc)
		}
	}
	if _, err := s.GetSettings(t.Context(), "user-a"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("after rejected writes GetSettings = %v, want ErrNotFound", err)
	}
}

func testSettingsIsolation(t *testing.T, s store.Store) {
	ctx := t.Context()
	if err := s.SaveSettings(ctx, "user-a", json.RawMessage(`{"owner":"a"}`), nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetSettings(ctx, "user-b"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("user-b sees settings: err = %v, want ErrNotFound", err)
	}
	if err := s.SaveSettings(ctx, "user-b", json.RawMessage(`{"owner":"b"}`), nil, nil); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetSettings(ctx, "user-a")
	if err != nil {
		t.Fatal(err)
	}
	assertJSONEqual(t, got, json.RawMessage(`{"owner":"a"}`))
}

func testSaveSettingsWithCredentials(t *testing.T, s store.Store) {
	ctx := t.Context()
	if err := s.PutCredential(ctx, store.Credential{UserID: "user-a", Provider: store.Airtable, Secret: []byte("old")}); err != nil {
		t.Fatal(err)
	}
	puts := []store.Credential{{UserID: "user-a", Provider: store.Readwise, Secret: []byte("sealed")}}
	if err := s.SaveSettings(ctx, "user-a", json.RawMessage(`{"theme":"dark"}`), puts, []store.Provider{store.Airtable}); err != nil {
		t.Fatalf("SaveSettings: %v", err)
	}
	if c, err := s.GetCredential(ctx, "user-a", store.Readwise); err != nil || string(c.Secret) != "sealed" {
		t.Errorf("readwise credential = %+v, %v", c, err)
	}
	if _, err := s.GetCredential(ctx, "user-a", store.Airtable); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("airtable credential not deleted: %v", err)
	}
}

func testSaveSettingsIsAllOrNothing(t *testing.T, s store.Store) {
	ctx := t.Context()
	if err := s.SaveSettings(ctx, "user-a", json.RawMessage(`{"theme":"light"}`), nil, nil); err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct {
		doc  json.RawMessage
		puts []store.Credential
	}{
		"invalid document after a valid credential": {json.RawMessage(`{"theme":`), []store.Credential{{UserID: "user-a", Provider: store.Readwise, Secret: []byte("x")}}},
		"a credential of another user":              {json.RawMessage(`{"theme":"dark"}`), []store.Credential{{UserID: "user-b", Provider: store.Readwise, Secret: []byte("x")}}},
	}
	for name, c := range cases {
		if err := s.SaveSettings(ctx, "user-a", c.doc, c.puts, nil); err == nil {
			t.Errorf("%s: SaveSettings succeeded, want an error", name)
		}
	}
	got, err := s.GetSettings(ctx, "user-a")
	if err != nil {
		t.Fatal(err)
	}
	assertJSONEqual(t, got, json.RawMessage(`{"theme":"light"}`))
	for _, user := range []string{"user-a", "user-b"} {
		if _, err := s.GetCredential(ctx, user, store.Readwise); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a failed save left %s a credential: %v", user, err)
		}
	}
}
