package e2e

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"

	"spark.dev/spark/internal/fakereadwise"
)

// readwiseListBudget is Readwise's LIST limit: requests in any minute.
const readwiseListBudget = 20

// Two app instances, each pacing Readwise at the real budget on its own,
// behind one engine that spreads calls over both: a sync of 21 book pages
// (more than a minute's budget alone) and six book counts sent with it
// (27 LIST requests for one user) never send more than
// 20 LIST requests in any 60 seconds, because every LIST request is a run
// of readwise-list-request under the engine's per-user throttle. Alone,
// the two pacers would allow 40.
func TestEndToEndListRequestsStayInBudgetAcrossTwoInstances(t *testing.T) {
	const user, rwToken = "00000000-0000-4000-8000-0000000000b1", "rw-token-throttle-0123456789"
	const books, counts = 20_500, 6 // 21 pages of 1000
	rw := fakereadwise.New()
	t.Cleanup(rw.Close)
	lib := fakereadwise.GenerateLibrary(31, books, 0)
	rw.AddUser(rwToken, lib)

	databaseURL := newDatabase(t)
	appURL, dev, rr := twoInstances(t, rw, databaseURL, map[string]string{"LOG_LEVEL": "info"})
	saveReadwiseKey(t, appURL, user, rwToken)

	started := time.Now()
	syncEvent := triggerJob(t, appURL, "/api/inngest/trigger-sync-books", user)
	var countEvents []string
	for range counts {
		countEvents = append(countEvents, countBooks(t, appURL, user))
	}
	sync := dev.WaitForRuns(t, syncEvent, 1, 4*time.Minute)[0]
	var synced struct {
		Success                 bool
		ReadwiseBooks, Imported int
	}
	if sync.Status != "Completed" || json.Unmarshal(sync.Output, &synced) != nil || !synced.Success ||
		synced.ReadwiseBooks != books || synced.Imported != books {
		t.Fatalf("the book sync ended %s: %s", sync.Status, sync.Output)
	}
	for _, event := range countEvents {
		run := dev.WaitForRuns(t, event, 1, time.Minute)[0]
		var counted struct{ BookCount int }
		if run.Status != "Completed" || json.Unmarshal(run.Output, &counted) != nil || counted.BookCount != books {
			t.Fatalf("a book count ended %s: %s", run.Status, run.Output)
		}
	}
	t.Logf("sync and counts took %s", time.Since(started).Round(time.Second))
	assertMirrors(t, databaseURL, user, lib)

	lists := listRequestTimes(rw.RequestLog(rwToken))
	busiest := busiestMinute(lists)
	t.Logf("%d LIST requests; at most %d in any 60 s (budget %d)", len(lists), busiest, readwiseListBudget)
	if len(lists) < 21+counts {
		t.Errorf("%d LIST requests, want at least 27: the test asks for more than one minute's budget", len(lists))
	}
	if busiest > readwiseListBudget {
		t.Errorf("%d LIST requests in one 60 s window, Readwise allows %d", busiest, readwiseListBudget)
	}

	calls := rr.engineCalls()
	t.Logf("engine calls per instance: %v", calls)
	for i, c := range calls {
		if c["spark-dev-readwise-list-request"] == 0 {
			t.Errorf("instance %d ran no LIST request: the test does not span two instances", i)
		}
	}
	assertRunsLogged(t, appURL, user, map[string]int{"readwise-sync-books": 1, "readwise-count-books": counts, "readwise-list-request": 0})
}

// countBooks triggers a book count as userID and returns its event id.
func countBooks(t *testing.T, baseURL, userID string) string {
	t.Helper()
	status, raw := request(t, http.MethodPost, baseURL+"/api/inngest/trigger-readwise", token(t, userID), map[string]any{})
	var answer struct{ EventID string }
	if status != http.StatusOK || json.Unmarshal(raw, &answer) != nil || answer.EventID == "" {
		t.Fatalf("trigger-readwise: %d %s", status, raw)
	}
	return answer.EventID
}

// listRequestTimes are the arrival times of the LIST requests in log.
func listRequestTimes(log []fakereadwise.Request) []time.Time {
	var times []time.Time
	for _, r := range log {
		if r.Endpoint == fakereadwise.EndpointBooks || r.Endpoint == fakereadwise.EndpointHighlights {
			times = append(times, r.At)
		}
	}
	slices.SortFunc(times, time.Time.Compare)
	return times
}

// busiestMinute is the most requests in any 60 s window (t-60 s, t], the
// window Readwise's limiter counts.
func busiestMinute(times []time.Time) int {
	most, first := 0, 0
	for last, at := range times {
		for !times[first].After(at.Add(-time.Minute)) {
			first++
		}
		most = max(most, last-first+1)
	}
	return most
}
