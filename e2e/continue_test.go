package e2e

import (
	"encoding/json"
	"net/http"
	"testing"

	"spark.dev/spark/internal/fakeairtable"
	"spark.dev/spark/internal/fakereadwise"
)

// A sync or an import larger than one run's page budget continues in new
// runs and still ends exact, with the import's summary covering every run.
func TestEndToEndLargeJobsContinueInNewRuns(t *testing.T) {
	at := fakeairtable.New()
	t.Cleanup(at.Close)
	s := startStack(t, map[string]string{"AIRTABLE_API_URL": at.URL(), "PAGES_PER_RUN": "2"})

	const user, rwToken, pat = "00000000-0000-4000-8000-000000000105", "rw-token-large-0123456789", "patLargeAirtable.0123456789"
	lib := fakereadwise.GenerateLibrary(41, 210, 5100) // 6 export pages: 3 runs
	s.Readwise.AddUser(rwToken, lib)
	saveReadwiseKey(t, s.URL, user, rwToken)
	first := s.Dev.WaitForRuns(t, triggerJob(t, s.URL, "/api/inngest/trigger-sync-highlights", user), 1, syncTimeout)[0]
	var sync struct {
		HasMoreToSync bool `json:"hasMoreToSync"`
		Pages         int  `json:"pages"`
	}
	if first.Status != "Completed" || json.Unmarshal(first.Output, &sync) != nil || !sync.HasMoreToSync || sync.Pages != 2 {
		t.Fatalf("the first sync run: %s %s", first.Status, first.Output)
	}
	waitForCompletedRuns(t, s, user, "readwise-sync-highlights", 3)
	assertMirrors(t, s.DatabaseURL, user, lib)

	// Another user, whose tags come from Airtable alone.
	const importer = "00000000-0000-4000-8000-000000000106"
	records := fakeairtable.GenerateTable(17, 1050, fakeairtable.DefaultTableOptions) // 11 pages: 6 runs
	at.AddTable(pat, airtableBase, airtableTable, records)
	model := modelImport(records)
	status, raw := s.do(http.MethodPost, "/api/inngest/trigger-airtable-import", token(t, importer),
		map[string]any{"apiKey": pat, "baseId": airtableBase, "tableId": airtableTable})
	if status != http.StatusOK {
		t.Fatalf("trigger-airtable-import: %d %s", status, raw)
	}
	var answer struct {
		EventID string `json:"eventId"`
	}
	if err := json.Unmarshal(raw, &answer); err != nil {
		t.Fatal(err)
	}
	run := s.Dev.WaitForRuns(t, answer.EventID, 1, syncTimeout)[0]
	if run.Status != "Completed" || !json.Valid(run.Output) || !containsTrue(run.Output, "hasMoreToImport") {
		t.Fatalf("the first import run: %s %s", run.Status, run.Output)
	}
	waitForCompletedRuns(t, s, importer, "airtable-import-sparks", 6)
	assertImported(t, s.DatabaseURL, importer, model)
	var settings map[string]any
	s.getJSON("/api/user-settings?integration=airtable", importer, &settings)
	lastImport, _ := settings["lastImport"].(map[string]any)
	if lastImport["imported"] != float64(model.counts["importedRecords"]) || lastImport["totalRecords"] != float64(len(records)) {
		t.Errorf("lastImport after six runs = %v, want the whole import's counts", lastImport)
	}
	assertRunsLogged(t, s.URL, user, map[string]int{"readwise-sync-highlights": 3})
	assertRunsLogged(t, s.URL, importer, map[string]int{"airtable-import-sparks": 6})
}
