package e2e

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"spark.dev/spark/internal/fakereadwise"
	"spark.dev/spark/internal/testenv"
)

// The schedule runs each user's due tasks once per period: run again within
// the hour it sends nothing more; off and disabled tasks never go out; a
// user who is no admin runs only their own tasks; lastRun is written and
// reads back through the settings.
func TestEndToEndScheduledTasksRunOncePerPeriod(t *testing.T) {
	const (
		userA = "00000000-0000-4000-8000-0000000000a1"
		userB = "00000000-0000-4000-8000-0000000000b1"
		admin = "00000000-0000-4000-8000-0000000000c1"
	)
	s := startStack(t, map[string]string{"ADMIN_USER_IDS": admin})
	const rwToken = "rw-token-scheduled-tasks-abcdef"
	s.Readwise.AddUser(rwToken, fakereadwise.GenerateLibrary(7, 3, 6))
	saveReadwiseKey(t, s.URL, userA, rwToken)
	saveTasks(t, s, userA, map[string]any{
		"readwise-books-import":    map[string]any{"enabled": true, "frequency": "daily"},
		"generate-embeddings":      map[string]any{"enabled": true, "frequency": "hourly"},
		"readwise-highlights-sync": map[string]any{"enabled": true, "frequency": "off"},
		"airtable-import-sparks":   map[string]any{"enabled": false, "frequency": "hourly"},
	})
	saveTasks(t, s, userB, map[string]any{"generate-embeddings": map[string]any{"enabled": true, "frequency": "weekly"}})

	first := runSchedule(t, s, userA, "self")
	if first.Users != 1 || first.TriggeredTasks != 2 || first.NotDue != 0 {
		t.Fatalf("%s's first schedule: %+v", userA, first)
	}
	lastRuns := scheduledLastRuns(t, s, userA)
	ran, err := time.Parse(time.RFC3339, lastRuns["readwise-books-import"])
	if err != nil || lastRuns["generate-embeddings"] != lastRuns["readwise-books-import"] || time.Since(ran) > time.Hour {
		t.Fatalf("lastRun after the first schedule: %v", lastRuns)
	}
	for _, notRun := range []string{"readwise-highlights-sync", "airtable-import-sparks"} {
		if lastRuns[notRun] != "" {
			t.Errorf("%s has lastRun %q though it did not run", notRun, lastRuns[notRun])
		}
	}

	if again := runSchedule(t, s, userA, "self"); again.TriggeredTasks != 0 || again.NotDue != 2 {
		t.Errorf("%s's second schedule within the hour: %+v", userA, again)
	}
	if all := runSchedule(t, s, admin, "all"); all.Users != 2 || all.TriggeredTasks != 1 || all.NotDue != 2 {
		t.Errorf("the admin's schedule: %+v", all)
	}
	if allAgain := runSchedule(t, s, admin, "all"); allAgain.TriggeredTasks != 0 || allAgain.NotDue != 3 {
		t.Errorf("the admin's second schedule: %+v", allAgain)
	}
	if got := scheduledLastRuns(t, s, userA); got["generate-embeddings"] != lastRuns["generate-embeddings"] {
		t.Errorf("a schedule that sent nothing moved lastRun: %v, then %v", lastRuns, got)
	}

	want := []struct {
		event, user string
		n           int
	}{
		{"readwise/sync-books", userA, 1},
		{"embeddings/generate-highlight-embeddings", userA, 1},
		{"embeddings/generate-highlight-embeddings", userB, 1},
		{"airtable/import-sparks", userA, 0},
	}
	for _, w := range want {
		if n := countEvents(s.Dev.EventsNamed(t, w.event), w.user); n != w.n {
			t.Errorf("%d %s events for %s, want %d", n, w.event, w.user, w.n)
		}
	}
	assertNoSecrets(t, s.logs, rwToken)
}

// scheduleOutcome is the final output of a scheduled-tasks run.
type scheduleOutcome struct {
	Success        bool `json:"success"`
	Users          int  `json:"users"`
	TriggeredTasks int  `json:"triggeredTasks"`
	NotDue         int  `json:"notDue"`
	NoCredential   int  `json:"noCredential"`
}

// runSchedule POSTs trigger-schedule as userID and waits for the scheduled
// tasks run it requested.
func runSchedule(t *testing.T, s *stack, userID, wantScope string) scheduleOutcome {
	t.Helper()
	status, body := s.do(http.MethodPost, "/api/inngest/trigger-schedule", token(t, userID), nil)
	var answer struct {
		Message string `json:"message"`
		Data    struct {
			Scope                 string `json:"scope"`
			ScheduledTasksEventID string `json:"scheduledTasksEventId"`
		} `json:"data"`
	}
	if status != http.StatusOK || json.Unmarshal(body, &answer) != nil || answer.Data.Scope != wantScope ||
		answer.Data.ScheduledTasksEventID == "" || answer.Message != "Scheduled tasks cron triggered manually" {
		t.Fatalf("trigger-schedule as %s: %d %s", userID, status, body)
	}
	runs := s.Dev.WaitForRuns(t, answer.Data.ScheduledTasksEventID, 1, runTimeout)
	var out scheduleOutcome
	if runs[0].Status != "Completed" || json.Unmarshal(runs[0].Output, &out) != nil || !out.Success {
		t.Fatalf("scheduled tasks run as %s: %s %s", userID, runs[0].Status, runs[0].Output)
	}
	return out
}

func saveTasks(t *testing.T, s *stack, userID string, tasks map[string]any) {
	t.Helper()
	if status, body := s.do(http.MethodPatch, "/api/user-settings", token(t, userID), map[string]any{"scheduledTasks": tasks}); status != http.StatusOK {
		t.Fatalf("saving %s's scheduled tasks: %d %s", userID, status, body)
	}
}

// scheduledLastRuns is each task's lastRun as GET /api/user-settings shows it.
func scheduledLastRuns(t *testing.T, s *stack, userID string) map[string]string {
	t.Helper()
	var settings struct {
		ScheduledTasks map[string]struct {
			LastRun string `json:"lastRun"`
		} `json:"scheduledTasks"`
	}
	s.getJSON("/api/user-settings", userID, &settings)
	out := map[string]string{}
	for id, task := range settings.ScheduledTasks {
		out[id] = task.LastRun
	}
	return out
}

// countEvents counts the events whose data names userID.
func countEvents(events []testenv.SentEvent, userID string) int {
	n := 0
	for _, e := range events {
		var data struct {
			UserID string `json:"userId"`
		}
		if json.Unmarshal(e.Data, &data) == nil && data.UserID == userID {
			n++
		}
	}
	return n
}
