package app_test

import (
	"net/http"
	"testing"
)

func TestAirtableTriggerValidatesWhatTheImportNeeds(t *testing.T) {
	a := newTestApp(t, nil)
	const key, base, table = "patAbcdefghijklmn.1234", "appABCDEFGHIJKLMN", "tblABCDEFGHIJKLMN"
	cases := []struct {
		name string
		body map[string]any
		want string
	}{
		{"nothing stored or sent", map[string]any{}, "API key is required"},
		{"no base", map[string]any{"apiKey": key, "tableId": table}, "Base ID is required"},
		{"no table", map[string]any{"apiKey": key, "baseId": base}, "Table ID is required"},
		{"bad base", map[string]any{"apiKey": key, "baseId": "base123", "tableId": table}, "Base ID must be app followed by 14 letters or digits"},
		{"bad table", map[string]any{"apiKey": key, "baseId": base, "tableId": "a\nb"}, "Table ID must be a table id (tbl followed by 14 letters or digits) or a table name"},
		{"masked key is no key", map[string]any{"apiKey": "••••1234", "baseId": base, "tableId": table}, "API key is required"},
	}
	for _, c := range cases {
		status, body := a.as(u1, http.MethodPost, "/api/inngest/trigger-airtable-import", c.body)
		if status != http.StatusBadRequest || body["error"] != c.want {
			t.Errorf("%s: got %d %v, want 400 %q", c.name, status, body, c.want)
		}
	}
	if status, body := a.as(u1, http.MethodPost, "/api/inngest/trigger-airtable-import", map[string]any{"userId": u2}); status != http.StatusForbidden {
		t.Errorf("another user's id: %d %v", status, body)
	}
	if _, at := a.as(u1, http.MethodGet, "/api/user-settings?integration=airtable", nil); at["apiKey"] != "" || at["baseId"] != "" {
		t.Fatalf("refused triggers stored a credential: %v", at)
	}
}

// A failed send keeps the credential the user had before.
func TestAirtableTriggerWhenInngestIsUnreachable(t *testing.T) {
	a := newTestApp(t, nil)
	a.as(u1, http.MethodPatch, "/api/user-settings", map[string]any{"integrations": map[string]any{"airtable": map[string]any{
		"apiKey": "patSavedToken.aaaa", "baseId": "appSAVEDSAVEDSAVE", "tableId": "Sparks table"}}})
	status, body := a.as(u1, http.MethodPost, "/api/inngest/trigger-airtable-import",
		map[string]any{"apiKey": "patOtherToken.bbbb", "baseId": "appOTHEROTHEROTHE"})
	if status != http.StatusBadGateway || body["error"] != "Failed to trigger Airtable import" {
		t.Fatalf("got %d %v, want 502", status, body)
	}
	_, at := a.as(u1, http.MethodGet, "/api/user-settings?integration=airtable", nil)
	if at["apiKey"] != "••••aaaa" || at["baseId"] != "appSAVEDSAVEDSAVE" || at["tableId"] != "Sparks table" {
		t.Fatalf("after a failed trigger the credential is %v, want the saved one", at)
	}
}

func TestMigrateTagsTrigger(t *testing.T) {
	a := newTestApp(t, nil)
	if status, body := a.as(u1, http.MethodPost, "/api/inngest/trigger-migrate-tags", map[string]any{"userId": u2}); status != http.StatusForbidden {
		t.Errorf("another user's id: %d %v", status, body)
	}
	status, body := a.as(u1, http.MethodPost, "/api/inngest/trigger-migrate-tags", nil)
	if status != http.StatusBadGateway || body["error"] != "Failed to trigger highlight tag migration" {
		t.Errorf("with Inngest unreachable: %d %v", status, body)
	}
}
