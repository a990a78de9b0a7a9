package e2e

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"spark.dev/spark/internal/fakereadwise"
)

const runTimeout = 60 * time.Second

type triggerAnswer struct {
	Success bool   `json:"success"`
	Message string `json:"message"`
	EventID string `json:"eventId"`
}

// The documented flow: the frontend triggers a count, the dev server runs
// readwise-count-books against the app, the job reports the count to
// /api/readwise, and GET /api/readwise shows it.
func TestEndToEndTriggerReadwiseCountsBooks(t *testing.T) {
	s := startStack(t, nil)
	const user, rwToken = "00000000-0000-4000-8000-000000000109", "rw-token-count-0123456789"
	s.Readwise.AddUser(rwToken, fakereadwise.GenerateLibrary(1, 42, 100))

	status, body := s.do(http.MethodPost, "/api/inngest/trigger-readwise", token(t, user),
		map[string]string{"userId": user, "apiKey": rwToken})
	if status != http.StatusOK {
		t.Fatalf("trigger-readwise: %d %s", status, body)
	}
	var answer triggerAnswer
	if err := json.Unmarshal(body, &answer); err != nil || !answer.Success || answer.EventID == "" ||
		answer.Message != "Readwise book count automation triggered successfully" {
		t.Fatalf("trigger-readwise answered %s", body)
	}

	runs := s.Dev.WaitForRuns(t, answer.EventID, 1, runTimeout)
	if runs[0].Status != "Completed" {
		t.Fatalf("run ended %s: %s", runs[0].Status, runs[0].Output)
	}
	var output struct {
		Success    bool `json:"success"`
		BookCount  int  `json:"bookCount"`
		IsLastStep bool `json:"isLastStep"`
	}
	if err := json.Unmarshal(runs[0].Output, &output); err != nil || !output.Success || output.BookCount != 42 || !output.IsLastStep {
		t.Fatalf("run output %s", runs[0].Output)
	}

	got := s.readwiseStatus(user)
	if got.BookCount != 42 || !got.HasAPIKey || !got.IsConnected || got.LastSyncTime == "" {
		t.Fatalf("GET /api/readwise = %+v", got)
	}
	if _, err := time.Parse(time.RFC3339Nano, got.LastSyncTime); err != nil {
		t.Errorf("lastSyncTime %q is not ISO 8601", got.LastSyncTime)
	}

	// The token was typed once: it is stored, never sent along with the event.
	event := s.Dev.Event(t, answer.EventID)
	if strings.Contains(string(event), rwToken) || !strings.Contains(string(event), user) {
		t.Errorf("event carries %s", event)
	}
	if strings.Contains(string(runs[0].Output), rwToken) {
		t.Error("the run output carries the token")
	}
	var settings map[string]any
	s.getJSON("/api/user-settings", user, &settings)
	raw, _ := json.Marshal(settings)
	if strings.Contains(string(raw), rwToken) || !strings.Contains(string(raw), "••••"+rwToken[len(rwToken)-4:]) {
		t.Errorf("settings show the key as %s", raw)
	}
	assertNoSecrets(t, s.logs, rwToken)
}

// A token Readwise rejects fails the run for good, without retries, and
// the user sees why.
func TestEndToEndRejectedTokenFailsWithoutRetry(t *testing.T) {
	s := startStack(t, nil)
	const user, badToken = "00000000-0000-4000-8000-00000000010a", "rw-token-unknown-to-readwise"

	status, body := s.do(http.MethodPost, "/api/inngest/trigger-readwise", token(t, user), map[string]string{"apiKey": badToken})
	if status != http.StatusOK {
		t.Fatalf("trigger-readwise: %d %s", status, body)
	}
	var answer triggerAnswer
	if err := json.Unmarshal(body, &answer); err != nil {
		t.Fatal(err)
	}
	runs := s.Dev.WaitForRuns(t, answer.EventID, 1, runTimeout)
	if runs[0].Status != "Failed" {
		t.Fatalf("run ended %s, want Failed: %s", runs[0].Status, runs[0].Output)
	}
	if got := s.Readwise.Requests(badToken); got[fakereadwise.EndpointBooks] != 1 || len(got) != 1 {
		t.Errorf("Readwise saw requests %v with the rejected token, want one /books/ (no retries)", got)
	}
	got := s.readwiseStatus(user)
	if got.IsConnected || !got.HasAPIKey || !strings.Contains(got.LastError, "Readwise rejected the API key") {
		t.Errorf("GET /api/readwise = %+v, want the rejection explained", got)
	}
	var logs struct {
		Data struct {
			Logs []struct {
				FunctionName string  `json:"function_name"`
				Status       string  `json:"status"`
				ErrorMessage *string `json:"error_message"`
			} `json:"logs"`
		} `json:"data"`
	}
	s.getJSON("/api/function-logs?status=failed", user, &logs)
	if len(logs.Data.Logs) != 1 || logs.Data.Logs[0].FunctionName != "readwise-count-books" || logs.Data.Logs[0].ErrorMessage == nil ||
		!strings.Contains(*logs.Data.Logs[0].ErrorMessage, "Readwise rejected the API key") {
		t.Errorf("failed runs logged: %+v", logs.Data.Logs)
	}
	assertNoSecrets(t, s.logs, badToken)
}

// An admin's schedule counts every user's books; anyone else's counts only
// their own.
func TestEndToEndScheduleScopes(t *testing.T) {
	const admin = "00000000-0000-4000-8000-00000000010b"
	s := startStack(t, map[string]string{"ADMIN_USER_IDS": "someone-else, " + admin})
	users := map[string]int{"00000000-0000-4000-8000-00000000000a": 3, "00000000-0000-4000-8000-00000000000b": 5, "00000000-0000-4000-8000-00000000000c": 7}
	for user, books := range users {
		rwToken := "rw-token-" + user + "-abcdef"
		s.Readwise.AddUser(rwToken, fakereadwise.GenerateLibrary(int64(books), books, books*2))
		status, body := s.do(http.MethodPatch, "/api/user-settings", token(t, user),
			map[string]any{"integrations": map[string]any{"readwise": map[string]any{"apiKey": rwToken}}})
		if status != http.StatusOK {
			t.Fatalf("saving %s's key: %d %s", user, status, body)
		}
	}

	scheduleRun := func(userID, wantScope string, wantUsers int) {
		t.Helper()
		status, body := s.do(http.MethodPost, "/api/inngest/trigger-schedule", token(t, userID), nil)
		var answer struct {
			Success bool `json:"success"`
			Data    struct {
				Triggered bool   `json:"triggered"`
				Scope     string `json:"scope"`
				EventID   string `json:"eventId"`
			} `json:"data"`
		}
		if status != http.StatusOK || json.Unmarshal(body, &answer) != nil || answer.Data.Scope != wantScope {
			t.Fatalf("trigger-schedule as %s: %d %s", userID, status, body)
		}
		runs := s.Dev.WaitForRuns(t, answer.Data.EventID, 1, runTimeout)
		var output struct {
			Users      int `json:"users"`
			EventsSent int `json:"eventsSent"`
		}
		if runs[0].Status != "Completed" || json.Unmarshal(runs[0].Output, &output) != nil || output.Users != wantUsers {
			t.Fatalf("schedule run as %s: %s %s", userID, runs[0].Status, runs[0].Output)
		}
	}
	waitForCount := func(user string, want int) {
		t.Helper()
		deadline := time.Now().Add(runTimeout)
		for s.readwiseStatus(user).BookCount != want {
			if time.Now().After(deadline) {
				t.Fatalf("%s's book count never became %d: %+v", user, want, s.readwiseStatus(user))
			}
			time.Sleep(200 * time.Millisecond)
		}
	}

	scheduleRun("00000000-0000-4000-8000-00000000000b", "self", 1)
	waitForCount("00000000-0000-4000-8000-00000000000b", 5)
	for _, other := range []string{"00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000c"} {
		if got := s.readwiseStatus(other); got.BookCount != 0 || got.LastSyncTime != "" {
			t.Errorf("a non-admin's schedule touched %s: %+v", other, got)
		}
		if n := s.Readwise.Requests("rw-token-" + other + "-abcdef"); len(n) != 0 {
			t.Errorf("a non-admin's schedule made Readwise requests %v for %s", n, other)
		}
	}

	scheduleRun(admin, "all", len(users))
	for user, books := range users {
		waitForCount(user, books)
	}
}
