package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"spark.dev/spark/internal/fakereadwise"
	"spark.dev/spark/internal/testenv"
)

const syncTimeout = 3 * time.Minute

type syncResult struct {
	Success         bool   `json:"success"`
	SyncType        string `json:"syncType"`
	Pages           int    `json:"pages"`
	Upserted        int    `json:"upserted"`
	Deleted         int    `json:"deleted"`
	TotalInDatabase int    `json:"totalInDatabase"`
	HasMoreToSync   *bool  `json:"hasMoreToSync"`
	IsLastStep      bool   `json:"isLastStep"`
}

// syncHighlights triggers a highlight sync as userID on the app at baseURL
// and waits for its run; it returns the run's result.
func syncHighlights(t *testing.T, dev *testenv.DevServer, baseURL, userID string, body map[string]any) (testenv.Run, syncResult) {
	t.Helper()
	status, raw := request(t, http.MethodPost, baseURL+"/api/inngest/trigger-sync-highlights", token(t, userID), body)
	var answer struct {
		Success bool   `json:"success"`
		Message string `json:"message"`
		Data    struct {
			Triggered bool   `json:"triggered"`
			EventID   string `json:"eventId"`
		} `json:"data"`
	}
	if status != http.StatusOK || json.Unmarshal(raw, &answer) != nil || !answer.Data.Triggered ||
		answer.Message != "Readwise highlights sync automation triggered successfully" {
		t.Fatalf("trigger-sync-highlights: %d %s", status, raw)
	}
	run := dev.WaitForRuns(t, answer.Data.EventID, 1, syncTimeout)[0]
	var result syncResult
	if run.Status != "Completed" || json.Unmarshal(run.Output, &result) != nil || !result.Success || !result.IsLastStep ||
		result.HasMoreToSync == nil || *result.HasMoreToSync {
		t.Fatalf("highlight sync run ended %s: %s", run.Status, run.Output)
	}
	return run, result
}

// A first sync copies the whole library; after edits, additions and
// deletions a second sync makes the copy equal again with only the requests
// the changes need.
func TestEndToEndHighlightSyncMirrorsTheLibrary(t *testing.T) {
	s := startStack(t, nil)
	const user, rwToken = "00000000-0000-4000-8000-00000000010c", "rw-token-sync-0123456789"
	lib := fakereadwise.GenerateLibrary(7, 220, 5200)
	s.Readwise.AddUser(rwToken, lib)
	saveReadwiseKey(t, s.URL, user, rwToken)

	_, first := syncHighlights(t, s.Dev, s.URL, user, nil)
	if first.SyncType != "full" || first.Upserted != 5200 || first.TotalInDatabase != 5200 {
		t.Fatalf("first sync: %+v", first)
	}
	assertMirrors(t, s.DatabaseURL, user, lib)
	firstRequests := s.Readwise.Requests(rwToken)

	changeLibrary(t, lib)
	_, second := syncHighlights(t, s.Dev, s.URL, user, map[string]any{})
	if second.SyncType != "incremental" || second.Deleted != 20 || second.TotalInDatabase != len(lib.Highlights()) {
		t.Fatalf("second sync: %+v", second)
	}
	assertMirrors(t, s.DatabaseURL, user, lib)

	after := s.Readwise.Requests(rwToken)
	delta := map[string]int{}
	for endpoint, n := range after {
		delta[endpoint] = n - firstRequests[endpoint]
	}
	t.Logf("Readwise requests: first sync %v, second sync %v", firstRequests, delta)
	if delta[fakereadwise.EndpointBooks] != 1 || delta[fakereadwise.EndpointExport] != 1 || delta[fakereadwise.EndpointHighlights] != 0 {
		t.Errorf("the second sync made requests %v, want one book page and one export page", delta)
	}
	assertRunsLogged(t, s.URL, user, map[string]int{"readwise-sync-highlights": 2, "readwise-sync-books": 2})
	assertNoSecrets(t, s.logs, rwToken)
}

// changeLibrary edits 30 highlights, deletes 20, and adds 25, ten of them
// to a new book.
func changeLibrary(t *testing.T, lib *fakereadwise.Library) {
	t.Helper()
	highlights := lib.Highlights()
	for i := 0; i < 30; i++ {
		if err := lib.EditHighlight(highlights[i*7].ID, fmt.Sprintf("edited text %d — ✓", i)); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 20; i++ {
		if err := lib.DeleteHighlight(highlights[i*11+3].ID); err != nil {
			t.Fatal(err)
		}
	}
	book := lib.AddBook(fakereadwise.Book{Title: "A new book", Category: "books", Source: "kindle"})
	bookIDs := []int64{highlights[0].BookID, highlights[len(highlights)-1].BookID, book.ID}
	for i := 0; i < 25; i++ {
		bookID := bookIDs[i%3]
		if i >= 15 {
			bookID = book.ID
		}
		if _, err := lib.AddHighlight(bookID, fakereadwise.Highlight{Text: fmt.Sprintf("new highlight %d", i), LocationType: "order"}); err != nil {
			t.Fatal(err)
		}
	}
}

func saveReadwiseKey(t *testing.T, baseURL, userID, key string) {
	t.Helper()
	status, raw := request(t, http.MethodPatch, baseURL+"/api/user-settings", token(t, userID),
		map[string]any{"integrations": map[string]any{"readwise": map[string]any{"apiKey": key}}})
	if status != http.StatusOK {
		t.Fatalf("saving %s's key: %d %s", userID, status, raw)
	}
}
