package e2e

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"testing"
	"time"

	"spark.dev/spark/internal/fakereadwise"
	"spark.dev/spark/internal/testenv"
)

// With Readwise answering 429s, 5xx and truncated bodies at random (on a
// fixed seed) and the app killed and restarted mid-sync, the sync still
// ends equal to the library, and its log is not left "started".
func TestEndToEndSyncSurvivesFaultsAndAKilledApp(t *testing.T) {
	rw := fakereadwise.New()
	t.Cleanup(rw.Close)
	const user, rwToken = "00000000-0000-4000-8000-000000000104", "rw-token-faults-0123456789"
	lib := fakereadwise.GenerateLibrary(11, 150, 3000)
	rw.AddUser(rwToken, lib)
	rw.SetExportPageSize(200) // 15 pages: many steps to cut off

	port := testenv.FreePort(t)
	appURL := fmt.Sprintf("http://127.0.0.1:%d", port)
	dev := testenv.StartDevServer(t, appURL+"/api/inngest")
	databaseURL := newDatabase(t)
	app := startProcessApp(t, port, appEnv(appURL, dev, rw, databaseURL))
	if status, raw := request(t, http.MethodPut, appURL+"/api/inngest", "", nil); status != http.StatusOK {
		t.Fatalf("syncing the app: %d %s", status, raw)
	}
	saveReadwiseKey(t, appURL, user, rwToken)
	// One of each fault for certain, then more at random on a fixed seed.
	rw.FailNext(1, fakereadwise.Fault{Status: http.StatusTooManyRequests, RetryAfter: "1"})
	rw.FailNext(1, fakereadwise.Fault{Status: http.StatusBadGateway})
	rw.FailNext(1, fakereadwise.Fault{Truncate: true})
	rw.SetRandomFaults(fakereadwise.RandomFaults{Seed: 42, RateLimit: 0.1, ServerError: 0.1, Truncate: 0.05, RetryAfter: time.Second})

	eventID := triggerJob(t, appURL, "/api/inngest/trigger-sync-highlights", user)

	// Kill the app once a few pages are in, then bring it back.
	testenv.WaitFor(t, syncTimeout, "the sync to store 600 highlights", func() bool {
		return countHighlights(t, databaseURL, user) >= 600
	})
	app.kill()
	stored := countHighlights(t, databaseURL, user)
	app.start()
	t.Logf("killed the app with %d of %d highlights stored", stored, len(lib.Highlights()))
	if stored >= len(lib.Highlights()) {
		t.Fatal("the sync finished before the app was killed: the test proves nothing")
	}

	run := dev.WaitForRuns(t, eventID, 1, syncTimeout)[0]
	if run.Status != "Completed" {
		t.Fatalf("the sync run ended %s: %s", run.Status, run.Output)
	}
	assertMirrors(t, databaseURL, user, lib)
	assertRunsLogged(t, appURL, user, map[string]int{"readwise-sync-highlights": 1, "readwise-sync-books": 1})
	injected := rw.Injected()
	t.Logf("faults injected: %v", injected)
	for _, kind := range []string{"429", "5xx", "truncated"} {
		if injected[kind] == 0 {
			t.Errorf("no %s was injected: the test proves less than it claims", kind)
		}
	}
	assertNoSecrets(t, app.logs, rwToken)
}

// Two users syncing at once each get exactly their own library, and one
// user's 429s stay that user's: its refused requests are retried once each,
// while the other user's requests each go through the first time. What is
// asserted is what each token saw, never which run ends first, so a slow
// machine cannot fail it.
func TestEndToEndOneUsersRateLimitDoesNotSlowAnother(t *testing.T) {
	s := startStack(t, nil)
	const limitedUser, freeUser = "00000000-0000-4000-8000-000000000107", "00000000-0000-4000-8000-000000000108"
	const limitedToken, freeToken = "rw-token-" + limitedUser, "rw-token-" + freeUser
	users := map[string]*fakereadwise.Library{
		limitedUser: fakereadwise.GenerateLibrary(21, 40, 800),
		freeUser:    fakereadwise.GenerateLibrary(22, 40, 800), // the same ids as the other library
	}
	for user, lib := range users {
		s.Readwise.AddUser("rw-token-"+user, lib)
		saveReadwiseKey(t, s.URL, user, "rw-token-"+user)
	}
	const refused = 3
	s.Readwise.RateLimitNext(limitedToken, refused, 5*time.Second)

	events := map[string]string{}
	for _, user := range []string{limitedUser, freeUser} {
		events[user] = triggerJob(t, s.URL, "/api/inngest/trigger-sync-highlights", user)
	}
	limited := s.Dev.WaitForRuns(t, events[limitedUser], 1, syncTimeout)[0]
	free := s.Dev.WaitForRuns(t, events[freeUser], 1, syncTimeout)[0]
	if limited.Status != "Completed" || free.Status != "Completed" {
		t.Fatalf("runs ended %s and %s", limited.Status, free.Status)
	}
	for user, lib := range users {
		assertMirrors(t, s.DatabaseURL, user, lib)
	}

	// Each library is one book page and one export page.
	freeRequests, limitedRequests := s.Readwise.Requests(freeToken), s.Readwise.Requests(limitedToken)
	t.Logf("Readwise requests: free user %v, rate-limited user %v", freeRequests, limitedRequests)
	want := map[string]int{fakereadwise.EndpointBooks: 1, fakereadwise.EndpointExport: 1}
	if !maps.Equal(freeRequests, want) {
		t.Errorf("the free user's sync made requests %v, want %v: the other user's limit reached it", freeRequests, want)
	}
	want[fakereadwise.EndpointBooks] += refused
	if !maps.Equal(limitedRequests, want) {
		t.Errorf("the rate-limited user's sync made requests %v, want %v: each refused request sent again once", limitedRequests, want)
	}
	if got := s.Readwise.Injected()["429"]; got != refused {
		t.Errorf("Readwise answered %d 429s, want the %d queued for the rate-limited user", got, refused)
	}
}

func countHighlights(t *testing.T, databaseURL, userID string) int {
	t.Helper()
	st := openDB(t, databaseURL)
	defer st.Close()
	n, err := st.CountHighlights(context.Background(), userID)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
