package selfhost

import (
	"fmt"
	"testing"

	"spark.dev/spark/internal/fakereadwise"
)

// Two engine processes on one Redis and one PostgreSQL share the work: of
// 200 runs each completes exactly once, and both engines execute some.
func TestTwoEnginesShareTheRunsOnce(t *testing.T) {
	rw := fakereadwise.New()
	t.Cleanup(rw.Close)
	state := newEngineState(t)
	first, second := startEngine(t, state), startEngine(t, state)
	s := startApp(t, first, rw, nil, second)

	const users = 200
	lib := fakereadwise.GenerateLibrary(13, 3, 3)
	events := make([]string, users)
	for i := range users {
		user, rwToken := userID(i), fmt.Sprintf("rw-token-two-engines-%04d", i)
		rw.AddUser(rwToken, lib)
		events[i] = trigger(t, s.URL, "trigger-readwise", user, map[string]any{"apiKey": rwToken})
	}
	for i, eventID := range events {
		engine := first
		if i%2 == 1 {
			engine = second // either engine's API reports every run
		}
		completed(t, engine, eventID)
	}

	// The count itself is a run of readwise-list-request (no step of the
	// app's): the one book request per user below shows it ran once.
	done := s.Calls.StepsDone()
	report := s.App.Config.AppID + "-readwise-count-books/report-book-count"
	if done[report] != users {
		t.Errorf("report-book-count done %d times for %d runs", done[report], users)
	}
	for i := range users {
		if n := rw.Requests(fmt.Sprintf("rw-token-two-engines-%04d", i))[fakereadwise.EndpointBooks]; n != 1 {
			t.Errorf("user %d: %d book count requests, want 1", i, n)
		}
	}
	calls, runs := s.Calls.By()
	a, b := calls[first.PID()], calls[second.PID()]
	t.Logf("calls to the app: first engine %d (for %d runs), second %d (for %d runs), unattributed %d; RSS: first %d MiB, second %d MiB",
		a, runs[first.PID()], b, runs[second.PID()], calls[0], first.RSS()/1024, second.RSS()/1024)
	// A call whose socket the /proc lookup missed (the engine may close it
	// first) is unattributed: it counts for neither engine, and the steps
	// above still prove each ran once.
	if a == 0 || b == 0 {
		t.Errorf("calls split %d / %d (unattributed %d), want both engines to take a share", a, b, calls[0])
	}
}

// userID is the i-th test user, a UUID.
func userID(i int) string {
	return fmt.Sprintf("00000000-0000-4000-8000-%012d", 1000+i)
}
