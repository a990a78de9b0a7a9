package e2e

import (
	"encoding/json"
	"net/http"
	"testing"

	"spark.dev/spark/internal/fakeairtable"
)

const (
	airtableBase  = "appSPARKSPARKSPA1"
	airtableTable = "tblSPARKSPARKSPA1"
)

// startAirtableStack is the app with a fake Airtable beside the fake Readwise.
func startAirtableStack(t *testing.T) (*stack, *fakeairtable.Server) {
	t.Helper()
	at := fakeairtable.New()
	t.Cleanup(at.Close)
	return startStack(t, map[string]string{"AIRTABLE_API_URL": at.URL()}), at
}

// importTable triggers an import as userID with body and waits for its run.
func importTable(t *testing.T, s *stack, userID string, body map[string]any) map[string]any {
	t.Helper()
	status, raw := s.do(http.MethodPost, "/api/inngest/trigger-airtable-import", token(t, userID), body)
	var answer struct {
		Success bool   `json:"success"`
		EventID string `json:"eventId"`
	}
	if status != http.StatusOK || json.Unmarshal(raw, &answer) != nil || !answer.Success || answer.EventID == "" {
		t.Fatalf("trigger-airtable-import: %d %s", status, raw)
	}
	run := s.Dev.WaitForRuns(t, answer.EventID, 1, syncTimeout)[0]
	result := map[string]any{}
	if run.Status != "Completed" || json.Unmarshal(run.Output, &result) != nil || result["success"] != true {
		t.Fatalf("import run ended %s: %s", run.Status, run.Output)
	}
	return result
}

// assertCounts compares a run's counters with the model's; newCategories
// and newTags are lists whose lengths count.
func assertCounts(t *testing.T, result map[string]any, want map[string]int) {
	t.Helper()
	for key, n := range want {
		got := result[key]
		if list, ok := got.([]any); ok {
			got = float64(len(list))
		}
		if got != float64(n) {
			t.Errorf("result %s = %v, want %d (result: %v)", key, result[key], n, result)
		}
	}
}

// An import of a table with every kind of defect gives exactly the expected
// sparks, categories, tags and counters; importing it again creates nothing.
func TestEndToEndAirtableImportIsExactAndIdempotent(t *testing.T) {
	s, at := startAirtableStack(t)
	const user, pat = "00000000-0000-4000-8000-000000000101", "patAirtableToken.0123456789abcdef"
	records := fakeairtable.GenerateTable(5, 1050, fakeairtable.DefaultTableOptions) // 11 pages
	at.AddTable(pat, airtableBase, airtableTable, records)
	model := modelImport(records)
	if model.counts["skippedDuplicates"] == 0 || model.counts["skippedNoUid"] == 0 || model.counts["skippedNoTags"] == 0 {
		t.Fatalf("the generated table lacks defects: %v", model.counts)
	}

	first := importTable(t, s, user, map[string]any{"apiKey": pat, "baseId": airtableBase, "tableId": airtableTable})
	assertCounts(t, first, model.counts)
	assertImported(t, s.DatabaseURL, user, model)
	if at.Requests(airtableBase) != 11 {
		t.Errorf("the import made %d requests, want 11 (one per page)", at.Requests(airtableBase))
	}

	// The stored credential is used now; nothing new comes of a second run.
	second := importTable(t, s, user, nil)
	assertCounts(t, second, map[string]int{"totalRecords": len(records), "importedRecords": 0, "newCategories": 0, "newTags": 0,
		"skippedDuplicates": model.counts["skippedDuplicates"] + model.counts["importedRecords"]})
	assertImported(t, s.DatabaseURL, user, model)

	var settings map[string]any
	s.getJSON("/api/user-settings?integration=airtable", user, &settings)
	lastImport, _ := settings["lastImport"].(map[string]any)
	if settings["isConnected"] != true || settings["apiKey"] != "••••cdef" || settings["baseId"] != airtableBase ||
		lastImport["imported"] != float64(0) || lastImport["totalRecords"] != float64(len(records)) {
		t.Errorf("airtable settings after two imports: %v", settings)
	}
	assertNoSecrets(t, s.logs, pat)
	assertRunsLogged(t, s.URL, user, map[string]int{"airtable-import-sparks": 2})
}

// Two users importing tables with the same uids, tag names and category
// names each get their own rows.
func TestEndToEndAirtableImportsOfTwoUsersStayApart(t *testing.T) {
	s, at := startAirtableStack(t)
	records := fakeairtable.GenerateTable(9, 230, fakeairtable.DefaultTableOptions)
	model := modelImport(records)
	users := map[string]string{"00000000-0000-4000-8000-000000000102": "appUSERONEUSERONE", "00000000-0000-4000-8000-000000000103": "appUSERTWOUSERTWO"}
	for user, base := range users {
		at.AddTable("pat-"+user+"-token", base, airtableTable, records)
	}
	for user, base := range users {
		result := importTable(t, s, user, map[string]any{"apiKey": "pat-" + user + "-token", "baseId": base, "tableId": airtableTable})
		assertCounts(t, result, model.counts)
	}
	for user := range users {
		assertImported(t, s.DatabaseURL, user, model)
	}
}

// With the fake answering 429s, 5xx, truncated bodies and expired offsets at
// random on a fixed seed, the import still ends exact.
func TestEndToEndAirtableImportSurvivesFaults(t *testing.T) {
	s, at := startAirtableStack(t)
	const user, pat = "00000000-0000-4000-8000-000000000104", "patFaultyAirtable.0123456789"
	records := fakeairtable.GenerateTable(13, 1020, fakeairtable.DefaultTableOptions)
	at.AddTable(pat, airtableBase, airtableTable, records)
	at.SetRandomFaults(fakeairtable.RandomFaults{Seed: 8, RateLimit: 0.04, ServerError: 0.08, Truncate: 0.04, ExpireOffset: 0.12})
	model := modelImport(records)

	result := importTable(t, s, user, map[string]any{"apiKey": pat, "baseId": airtableBase, "tableId": airtableTable})
	assertCounts(t, result, model.counts)
	assertImported(t, s.DatabaseURL, user, model)
	injected := at.Injected()
	t.Logf("the import made %d requests for 11 pages; faults injected: %v", at.Requests(airtableBase), injected)
	for _, kind := range []string{"429", "5xx", "truncated", "expired offset"} {
		if injected[kind] == 0 {
			t.Errorf("no %s was injected: the test proves less than it claims", kind)
		}
	}
}
