package selfhost

import (
	"context"
	"fmt"
	"testing"
	"time"

	"spark.dev/spark/internal/fakereadwise"
	"spark.dev/spark/internal/testenv"
)

// The engine is SIGKILLed while a page of a sync is being fetched and then
// restarted on the same Redis and PostgreSQL: the run resumes where it was,
// the library ends exact, and no page that had completed is fetched again.
func TestSyncSurvivesTheEnginesDeath(t *testing.T) {
	rw := fakereadwise.New()
	t.Cleanup(rw.Close)
	rw.SetExportPageSize(100)
	eng := startEngine(t, newEngineState(t))
	s := startApp(t, eng, rw, nil)

	const user, rwToken = "00000000-0000-4000-8000-0000000000a2", "rw-token-engine-kill-0123456789"
	const pages = 30
	lib := fakereadwise.GenerateLibrary(12, 150, pages*100)
	rw.AddUser(rwToken, lib)
	saveReadwiseKey(t, s.URL, user, rwToken)
	eventID := trigger(t, s.URL, "trigger-sync-highlights", user, nil)

	// Hold the 11th page at the fake, then kill the engine while it waits.
	const held = 11
	step := func(page int) string {
		return fmt.Sprintf("%s-readwise-sync-highlights/highlights-page-%d", s.App.Config.AppID, page)
	}
	testenv.WaitFor(t, runTimeout, fmt.Sprintf("%d pages to be fetched", held-1), func() bool {
		return s.Calls.StepsDone()[step(held-1)] > 0
	})
	rw.FailNext(1, fakereadwise.Fault{Delay: 5 * time.Second})
	testenv.WaitFor(t, 30*time.Second, "the held page to reach the fake", func() bool {
		return rw.Injected()["slow"] == 1
	})
	eng.Kill()
	eng.Start()

	completed(t, eng, eventID)
	stored, err := s.App.Store.CountHighlights(context.Background(), user)
	if err != nil || stored != pages*100 {
		t.Fatalf("stored %d highlights (%v), the library has %d", stored, err, pages*100)
	}
	done := s.Calls.StepsDone()
	for page := 1; page <= pages; page++ {
		name, want := step(page), 1
		if page == held {
			// Cut off mid-step: it may have finished in the app with nobody to hear it.
			want = done[name]
		}
		if done[name] != want || done[name] == 0 || done[name] > 2 {
			t.Errorf("%s was done %d times", name, done[name])
		}
	}
	exports := rw.Requests(rwToken)[fakereadwise.EndpointExport]
	t.Logf("export requests: %d for %d pages", exports, pages)
	if exports < pages || exports > pages+1 {
		t.Errorf("%d export requests for %d pages: only the held page may be fetched twice", exports, pages)
	}
}
