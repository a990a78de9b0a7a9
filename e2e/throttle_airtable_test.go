package e2e

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"spark.dev/spark/internal/fakeairtable"
	"spark.dev/spark/internal/fakereadwise"
)

// Two app instances, each pacing Airtable at 5 requests a second per base
// on its own, behind one engine that spreads calls over both: an import of
// 30 pages never meets the fake's limit of 5 a second per base (whose 429
// blocks the base for 30 s, and whose retries would add requests). Every
// page is a run of airtable-page-request under the engine's per-user
// throttle (2 starts a second). On the dev server an invoked page takes
// about half a second from call to answer anyway, so this test passes with
// the throttle removed too: the throttle binds only on a faster engine.
func TestEndToEndAirtablePagesStayInBudgetAcrossTwoInstances(t *testing.T) {
	const user, pat = "00000000-0000-4000-8000-0000000000b2", "patAirtableThrottle.0123456789abcdef"
	const pages = 30
	at := fakeairtable.New()
	t.Cleanup(at.Close)
	records := fakeairtable.GenerateTable(41, pages*100, fakeairtable.DefaultTableOptions)
	at.AddTable(pat, airtableBase, airtableTable, records)
	rw := fakereadwise.New()
	t.Cleanup(rw.Close)

	appURL, dev, rr := twoInstances(t, rw, newDatabase(t), map[string]string{"AIRTABLE_API_URL": at.URL(), "LOG_LEVEL": "info"})

	started := time.Now()
	status, raw := request(t, http.MethodPost, appURL+"/api/inngest/trigger-airtable-import", token(t, user),
		map[string]any{"apiKey": pat, "baseId": airtableBase, "tableId": airtableTable})
	var answer struct{ EventID string }
	if status != http.StatusOK || json.Unmarshal(raw, &answer) != nil || answer.EventID == "" {
		t.Fatalf("trigger-airtable-import: %d %s", status, raw)
	}
	run := dev.WaitForRuns(t, answer.EventID, 1, 4*time.Minute)[0]
	var result struct{ TotalRecords int }
	if run.Status != "Completed" || json.Unmarshal(run.Output, &result) != nil || result.TotalRecords != len(records) {
		t.Fatalf("the import ended %s: %s", run.Status, run.Output)
	}
	t.Logf("%d pages in %s", pages, time.Since(started).Round(time.Second))
	if got := at.Requests(airtableBase); got != pages {
		t.Errorf("%d requests for %d pages: the fake's rate limit refused some, and they were sent again", got, pages)
	}
	calls := rr.engineCalls()
	t.Logf("engine calls per instance: %v", calls)
	for i, c := range calls {
		if c["spark-dev-airtable-page-request"] == 0 {
			t.Errorf("instance %d read no page: the test does not span two instances", i)
		}
	}
}
