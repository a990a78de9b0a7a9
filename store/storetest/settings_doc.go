package storetest

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"spark.dev/spark/store"
)

// sameJSON reports whether a and b hold the same JSON value.
func sameJSON(t *testing.T, a, b json.RawMessage) bool {
	t.Helper()
	var va, vb any
	if err := json.Unmarshal(a, &va); err != nil {
		t.Fatalf("unmarshal %s: %v", a, err)
	}
	if err := json.Unmarshal(b, &vb); err != nil {
		t.Fatalf("unmarshal %s: %v", b, err)
	}
	return reflect.DeepEqual(va, vb)
}

// settingsDoc reads the user's document as a value.
func settingsDoc(t *testing.T, s store.Store, userID string) map[string]any {
	t.Helper()
	raw, err := s.GetSettings(t.Context(), userID)
	if err != nil {
		t.Fatalf("GetSettings: %v", err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("document %s: %v", raw, err)
	}
	return doc
}

// at is the value at path in doc, nil when missing.
func at(doc map[string]any, path ...string) any {
	var v any = doc
	for _, key := range path {
		obj, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = obj[key]
	}
	return v
}

// A user without a document gets the signup default with the state fields
// the frontend reads; each record of state writes its fields there.
func testStateMirroredIntoDocument(t *testing.T, s store.Store) {
	ctx := t.Context()
	synced := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	if err := s.RecordBookCount(ctx, userA, 42, synced); err != nil {
		t.Fatal(err)
	}
	doc := settingsDoc(t, s, userA)
	want := map[string]any{"bookCount": 42.0, "lastSyncTime": "2025-03-04T05:06:07Z", "isConnected": false} // no token: not connected
	if !reflect.DeepEqual(at(doc, "integrations", "readwise"), want) || doc["theme"] != "system" || at(doc, "leftSidebar", "width") != 360.0 {
		t.Fatalf("after a book count the document is %v", doc)
	}
	if err := s.PutCredential(ctx, store.Credential{UserID: userA, Provider: store.Readwise, Secret: []byte("s")}); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordConnection(ctx, userA, store.Readwise, true, ""); err != nil {
		t.Fatal(err)
	}
	if got := at(settingsDoc(t, s, userA), "integrations", "readwise", "isConnected"); got != true {
		t.Fatalf("after a working connection isConnected = %v", got)
	}
	later := synced.Add(time.Hour)
	if err := s.RecordHighlightSync(ctx, userA, later, later, false); err != nil {
		t.Fatal(err)
	}
	if got := at(settingsDoc(t, s, userA), "integrations", "readwise", "lastSyncTime"); got != "2025-03-04T06:06:07Z" {
		t.Fatalf("after a highlight sync lastSyncTime = %v", got)
	}
	if err := s.PutCredential(ctx, store.Credential{UserID: userA, Provider: store.Airtable, Secret: []byte("s"), BaseID: "b", TableID: "t"}); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordAirtableImport(ctx, userA, json.RawMessage(`{"date":"2025-03-04T07:00:00Z","imported":3}`)); err != nil {
		t.Fatal(err)
	}
	want = map[string]any{"isConnected": true, "lastImported": "2025-03-04T07:00:00Z"}
	if got := at(settingsDoc(t, s, userA), "integrations", "airtable"); !reflect.DeepEqual(got, want) {
		t.Fatalf("after an import integrations.airtable = %v, want %v", got, want)
	}
	if err := s.RecordConnection(ctx, userA, store.Airtable, false, "refused"); err != nil {
		t.Fatal(err)
	}
	if got := at(settingsDoc(t, s, userA), "integrations", "airtable", "isConnected"); got != false {
		t.Fatalf("after a rejection isConnected = %v", got)
	}
	// A settings write replacing the document gets the fields back.
	if err := saveSettings(s, ctx, userA, json.RawMessage(`{"theme":"dark"}`), nil, nil); err != nil {
		t.Fatal(err)
	}
	if got := at(settingsDoc(t, s, userA), "integrations", "readwise", "bookCount"); got != 42.0 {
		t.Fatalf("after a settings write bookCount = %v", got)
	}
	if _, err := s.GetSettings(ctx, userB); err == nil {
		t.Fatal("another user got a document")
	}
}

// The frontend rewrites the whole document (read, modify, upsert); the
// backend writes only its fields. Guaranteed: a backend update after a
// frontend rewrite keeps every field of that rewrite, and a frontend rewrite
// of a document that already held the backend's fields keeps them. Not
// guaranteed: a frontend rewrite of a document read before a backend update
// (a stale read) drops that update's fields, as any last-writer-wins
// rewrite does; the next record of state writes them again, and the API's
// settings answer reads the state tables, never these fields.
func testMirrorAndFrontendRewrites(t *testing.T, s store.Store) {
	ctx := t.Context()
	front := Inspect(t, s)
	if err := front.SaveSettingsAsFrontend(ctx, userA, json.RawMessage(`{"theme":"dark","integrations":{"readwise":{"apiKey":"••••1234","custom":1}}}`)); err != nil {
		t.Fatal(err)
	}
	stale := settingsDoc(t, s, userA) // the frontend reads
	if err := s.RecordBookCount(ctx, userA, 7, time.Now()); err != nil {
		t.Fatal(err)
	}
	doc := settingsDoc(t, s, userA)
	if doc["theme"] != "dark" || at(doc, "integrations", "readwise", "custom") != 1.0 ||
		at(doc, "integrations", "readwise", "apiKey") != "••••1234" || at(doc, "integrations", "readwise", "bookCount") != 7.0 {
		t.Fatalf("a backend update after the frontend's rewrite made %v", doc)
	}
	// A fresh frontend read-modify-write keeps the backend's fields.
	doc["theme"] = "light"
	raw, _ := json.Marshal(doc)
	if err := front.SaveSettingsAsFrontend(ctx, userA, raw); err != nil {
		t.Fatal(err)
	}
	if got := at(settingsDoc(t, s, userA), "integrations", "readwise", "bookCount"); got != 7.0 {
		t.Fatalf("a fresh frontend rewrite left bookCount %v", got)
	}
	// The stale rewrite drops them, until the next record of state.
	stale["theme"] = "system"
	raw, _ = json.Marshal(stale)
	if err := front.SaveSettingsAsFrontend(ctx, userA, raw); err != nil {
		t.Fatal(err)
	}
	if got := at(settingsDoc(t, s, userA), "integrations", "readwise", "bookCount"); got != nil {
		t.Fatalf("the stale rewrite kept bookCount %v: the test no longer shows the race", got)
	}
	if err := s.RecordConnection(ctx, userA, store.Readwise, false, "refused"); err != nil {
		t.Fatal(err)
	}
	doc = settingsDoc(t, s, userA)
	if doc["theme"] != "system" || at(doc, "integrations", "readwise", "bookCount") != 7.0 || at(doc, "integrations", "readwise", "custom") != 1.0 {
		t.Fatalf("the next record of state made %v", doc)
	}
	// A document the frontend made no object is left alone.
	if err := front.SaveSettingsAsFrontend(ctx, userB, json.RawMessage(`[1]`)); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordBookCount(ctx, userB, 1, time.Now()); err != nil {
		t.Fatal(err)
	}
	if raw, err := s.GetSettings(ctx, userB); err != nil || !sameJSON(t, raw, json.RawMessage(`[1]`)) {
		t.Fatalf("a non-object document became %s (%v)", raw, err)
	}
}
