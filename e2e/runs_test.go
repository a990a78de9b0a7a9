package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"spark.dev/spark/internal/testenv"
)

// triggerJob POSTs to a trigger as userID, with no body, and returns the
// event id of its answer ({"data":{"eventId"}}).
func triggerJob(t *testing.T, baseURL, trigger, userID string) string {
	t.Helper()
	status, raw := request(t, http.MethodPost, baseURL+trigger, token(t, userID), nil)
	if status != http.StatusOK {
		t.Fatalf("POST %s as %s: %d %s", trigger, userID, status, raw)
	}
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

// loggedRun is one entry of GET /api/function-logs.
type loggedRun struct {
	FunctionName string `json:"function_name"`
	Status       string `json:"status"`
	DurationMS   *int64 `json:"duration_ms"`
}

// functionLogs reads the user's function logs.
func functionLogs(t *testing.T, baseURL, userID string) (logs []loggedRun, total int) {
	t.Helper()
	status, raw := request(t, http.MethodGet, baseURL+"/api/function-logs?limit=100", token(t, userID), nil)
	var answer struct {
		Data struct {
			Logs       []loggedRun `json:"logs"`
			Pagination struct {
				Total int `json:"total"`
			} `json:"pagination"`
		} `json:"data"`
	}
	if status != http.StatusOK || json.Unmarshal(raw, &answer) != nil {
		t.Fatalf("GET /api/function-logs: %d %s", status, raw)
	}
	return answer.Data.Logs, answer.Data.Pagination.Total
}

// assertRunsLogged waits until none of the user's logged runs is still
// "started" (runs that a run started, like the tag migration after a sync,
// may still be going), then checks that every run completed with a
// duration and that each function in want has that many runs.
func assertRunsLogged(t *testing.T, baseURL, userID string, want map[string]int) {
	t.Helper()
	var logs []loggedRun
	total := 0
	testenv.WaitFor(t, runTimeout, "every logged run of "+userID+" to finish", func() bool {
		logs, total = functionLogs(t, baseURL, userID)
		for _, l := range logs {
			if l.Status == "started" {
				return false
			}
		}
		return true
	})
	completed := map[string]int{}
	for _, l := range logs {
		if l.Status != "completed" || l.DurationMS == nil {
			t.Errorf("a %s run is logged %s", l.FunctionName, l.Status)
		}
		completed[l.FunctionName]++
	}
	for fn, n := range want {
		if completed[fn] != n {
			t.Errorf("%d completed %s runs logged, want %d (logged: %v)", completed[fn], fn, n, completed)
		}
	}
	if total != len(logs) {
		t.Errorf("pagination total %d for %d logs", total, len(logs))
	}
}

// waitForCompletedRuns waits until the user's logs show n completed runs of fn.
func waitForCompletedRuns(t *testing.T, s *stack, userID, fn string, n int) {
	t.Helper()
	testenv.WaitFor(t, runTimeout, fmt.Sprintf("%d completed %s runs", n, fn), func() bool {
		logs, _ := functionLogs(t, s.URL, userID)
		done := 0
		for _, l := range logs {
			if l.FunctionName == fn && l.Status == "completed" {
				done++
			}
		}
		return done >= n
	})
}

// containsTrue reports whether a run's output has key set to true.
func containsTrue(output json.RawMessage, key string) bool {
	var m map[string]any
	return json.Unmarshal(output, &m) == nil && m[key] == true
}
