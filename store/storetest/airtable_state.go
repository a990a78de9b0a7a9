package storetest

import (
	"encoding/json"
	"testing"

	"spark.dev/spark/store"
)

func getAirtableState(t *testing.T, s store.Store, userID string) store.AirtableState {
	t.Helper()
	state, err := s.GetAirtableState(t.Context(), userID)
	if err != nil {
		t.Fatalf("GetAirtableState(%s): %v", userID, err)
	}
	return state
}

// assertAirtableState compares LastImport by JSON value.
func assertAirtableState(t *testing.T, got, want store.AirtableState) {
	t.Helper()
	if got.IsConnected != want.IsConnected || got.LastError != want.LastError || (got.LastImport == nil) != (want.LastImport == nil) {
		t.Errorf("airtable state = %+v, want %+v", got, want)
		return
	}
	if want.LastImport != nil {
		assertJSONEqual(t, got.LastImport, want.LastImport)
	}
}

func testAirtableStateRoundTrip(t *testing.T, s store.Store) {
	ctx := t.Context()
	assertAirtableState(t, getAirtableState(t, s, userA), store.AirtableState{})

	if err := s.RecordConnection(ctx, userA, store.Airtable, false, "token rejected"); err != nil {
		t.Fatalf("RecordConnection(airtable): %v", err)
	}
	assertAirtableState(t, getAirtableState(t, s, userA), store.AirtableState{LastError: "token rejected"})

	summary := json.RawMessage(`{"success":true,"importedRecords":3,"newTags":["über"],"at":"2025-01-02T03:04:05Z"}`)
	if err := s.RecordAirtableImport(ctx, userA, summary); err != nil {
		t.Fatalf("RecordAirtableImport: %v", err)
	}
	assertAirtableState(t, getAirtableState(t, s, userA), store.AirtableState{IsConnected: true, LastImport: summary})

	if err := s.RecordConnection(ctx, userA, store.Airtable, false, "token revoked"); err != nil {
		t.Fatal(err)
	}
	assertAirtableState(t, getAirtableState(t, s, userA), store.AirtableState{LastError: "token revoked", LastImport: summary})

	// A user's first record is an insert, and touches no one else.
	if err := s.RecordAirtableImport(ctx, userB, json.RawMessage(`{}`)); err != nil {
		t.Fatal(err)
	}
	assertAirtableState(t, getAirtableState(t, s, userB), store.AirtableState{IsConnected: true, LastImport: json.RawMessage(`{}`)})
	assertAirtableState(t, getAirtableState(t, s, userA), store.AirtableState{LastError: "token revoked", LastImport: summary})
}

func testAirtableImportMustBeAnObject(t *testing.T, s store.Store) {
	summary := json.RawMessage(`{"importedRecords":1}`)
	if err := s.RecordAirtableImport(t.Context(), userA, summary); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"", "null", "[1]", `"text"`, "{not json"} {
		if err := s.RecordAirtableImport(t.Context(), userA, json.RawMessage(bad)); err == nil {
			t.Errorf("RecordAirtableImport(%q) succeeded, want an error", bad)
		}
	}
	assertAirtableState(t, getAirtableState(t, s, userA), store.AirtableState{IsConnected: true, LastImport: summary})
}
