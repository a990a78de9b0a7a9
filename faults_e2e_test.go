package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"spark.dev/api/internal/fakereadwise"
	"spark.dev/api/internal/testenv"
	"spark.dev/api/store/sqlite"
)

// With Readwise answering 429s, 5xx and truncated bodies at random (on a
// fixed seed) and the app killed and restarted mid-sync, the sync still
// ends equal to the library, and its log is not left "started".
func TestEndToEndSyncSurvivesFaultsAndAKilledApp(t *testing.T) {
	rw := fakereadwise.New()
	t.Cleanup(rw.Close)
	const user, rwToken = "user-faults", "rw-token-faults-0123456789"
	lib := fakereadwise.GenerateLibrary(11, 150, 3000)
	rw.AddUser(rwToken, lib)
	rw.SetExportPageSize(200) // 15 pages: many steps to cut off

	port := testenv.FreePort(t)
	appURL := fmt.Sprintf("http://127.0.0.1:%d", port)
	dev := testenv.StartDevServer(t, appURL+"/api/inngest")
	dbPath := filepath.Join(t.TempDir(), "spark.db")
	app := startProcessApp(t, port, map[string]string{
		"PORT": fmt.Sprint(port), "APP_URL": appURL, "DATABASE_URL": "sqlite:" + dbPath, "INNGEST_DEV": dev.URL,
		"SUPABASE_JWT_SECRET": testJWTSecret, "READWISE_API_URL": rw.URL(), "LOG_LEVEL": "debug",
	})
	if status, raw := request(t, http.MethodPut, appURL+"/api/inngest", "", nil); status != http.StatusOK {
		t.Fatalf("syncing the app: %d %s", status, raw)
	}
	saveReadwiseKey(t, appURL, user, rwToken)
	// One of each fault for certain, then more at random on a fixed seed.
	rw.FailNext(1, fakereadwise.Fault{Status: http.StatusTooManyRequests, RetryAfter: "1"})
	rw.FailNext(1, fakereadwise.Fault{Status: http.StatusBadGateway})
	rw.FailNext(1, fakereadwise.Fault{Truncate: true})
	rw.SetRandomFaults(fakereadwise.RandomFaults{Seed: 42, RateLimit: 0.1, ServerError: 0.1, Truncate: 0.05, RetryAfter: time.Second})

	status, raw := request(t, http.MethodPost, appURL+"/api/inngest/trigger-sync-highlights", token(t, user), nil)
	if status != http.StatusOK {
		t.Fatalf("trigger-sync-highlights: %d %s", status, raw)
	}
	eventID := decodeEventID(t, raw)

	// Kill the app once a few pages are in, then bring it back.
	testenv.WaitFor(t, syncTimeout, "the sync to store 600 highlights", func() bool {
		return countHighlights(t, dbPath, user) >= 600
	})
	app.kill()
	stored := countHighlights(t, dbPath, user)
	app.start()
	t.Logf("killed the app with %d of %d highlights stored", stored, len(lib.Highlights()))
	if stored >= len(lib.Highlights()) {
		t.Fatal("the sync finished before the app was killed: the test proves nothing")
	}

	run := dev.WaitForRuns(t, eventID, 1, syncTimeout)[0]
	if run.Status != "Completed" {
		t.Fatalf("the sync run ended %s: %s", run.Status, run.Output)
	}
	assertMirrors(t, dbPath, user, lib)
	assertRunsLogged(t, appURL, user, map[string]int{"readwise-sync-highlights": 1, "readwise-sync-books": 1})
	injected := rw.Injected()
	t.Logf("faults injected: %v", injected)
	for _, kind := range []string{"429", "5xx", "truncated"} {
		if injected[kind] == 0 {
			t.Errorf("no %s was injected: the test proves less than it claims", kind)
		}
	}
	if secretIn(app.logs.String(), rwToken) {
		t.Error("the token appears in the application log")
	}
}

// Two users syncing at once each get exactly their own library, and one
// user's 429s do not hold up the other's sync.
func TestEndToEndOneUsersRateLimitDoesNotSlowAnother(t *testing.T) {
	s := startStack(t, nil)
	users := map[string]*fakereadwise.Library{
		"user-limited": fakereadwise.GenerateLibrary(21, 40, 800),
		"user-free":    fakereadwise.GenerateLibrary(22, 40, 800), // the same ids as the other library
	}
	for user, lib := range users {
		s.Readwise.AddUser("rw-token-"+user, lib)
		saveReadwiseKey(t, s.URL, user, "rw-token-"+user)
	}
	s.Readwise.RateLimitNext("rw-token-user-limited", 3, 5*time.Second)

	events := map[string]string{}
	for _, user := range []string{"user-limited", "user-free"} {
		status, raw := s.do(http.MethodPost, "/api/inngest/trigger-sync-highlights", token(t, user), nil)
		if status != http.StatusOK {
			t.Fatalf("trigger-sync-highlights as %s: %d %s", user, status, raw)
		}
		events[user] = decodeEventID(t, raw)
	}
	limited := s.Dev.WaitForRuns(t, events["user-limited"], 1, syncTimeout)[0]
	free := s.Dev.WaitForRuns(t, events["user-free"], 1, syncTimeout)[0]
	if limited.Status != "Completed" || free.Status != "Completed" {
		t.Fatalf("runs ended %s and %s", limited.Status, free.Status)
	}
	if !free.EndedAt.Before(*limited.EndedAt) {
		t.Errorf("the free user's sync ended at %v, after the rate-limited one's at %v", free.EndedAt, limited.EndedAt)
	}
	for user, lib := range users {
		assertMirrors(t, s.DBPath, user, lib)
	}
}

func decodeEventID(t *testing.T, raw []byte) string {
	t.Helper()
	var answer struct {
		Data struct {
			EventID string `json:"eventId"`
		} `json:"data"`
	}
	if err := json.Unmarshal(raw, &answer); err != nil || answer.Data.EventID == "" {
		t.Fatalf("no event id in %s", raw)
	}
	return answer.Data.EventID
}

func countHighlights(t *testing.T, path, userID string) int {
	t.Helper()
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n, err := st.CountHighlights(context.Background(), userID)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
