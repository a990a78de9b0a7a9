package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
)

// isTrigger reports whether path is a trigger route, whose documented 502
// means the event could not be sent.
func isTrigger(path string) bool {
	return strings.HasPrefix(path, "/api/inngest/trigger-") && !strings.ContainsAny(path[len("/api/inngest/trigger-"):], "/")
}

// checkAnswer lists what is wrong with the answer to q.
func checkAnswer(q randomRequest, got answer, secrets []string) []string {
	var problems []string
	sdk := q.Path == "/api/inngest" && slices.Contains([]string{http.MethodGet, http.MethodPost, http.MethodPut}, q.Method)
	switch {
	case got.Status < 500:
	case got.Status == http.StatusBadGateway && q.Method == http.MethodPost && isTrigger(q.Path):
	case got.Status == http.StatusServiceUnavailable:
	default:
		problems = append(problems, fmt.Sprintf("status %d", got.Status))
	}
	if !sdk && q.Method != http.MethodHead {
		if got.Status >= 400 {
			if msg := errorMessage(got.Body, isAutomationRoute(q.Path)); msg == "" {
				problems = append(problems, "the error is not {\"error\": \"<message>\"}")
			}
		} else if len(got.Body) > 0 && !json.Valid(got.Body) {
			problems = append(problems, "the answer is not JSON")
		}
	}
	for _, secret := range secrets {
		if bytes.Contains(got.Body, []byte(secret)) {
			problems = append(problems, "the answer contains a stored secret")
		}
		for name, values := range got.Header {
			if slices.ContainsFunc(values, func(v string) bool { return strings.Contains(v, secret) }) {
				problems = append(problems, "the header "+name+" contains a stored secret")
			}
		}
	}
	return problems
}

// errorMessage is the message of an error body that is exactly
// {"error": "<non-empty string>"}, or "". With original set, the
// automation routes' {"success": false, "error": …} is one too.
func errorMessage(body []byte, original bool) string {
	var e map[string]any
	if json.Unmarshal(body, &e) != nil {
		return ""
	}
	if success, ok := e["success"]; ok && original && success == false {
		delete(e, "success")
	}
	if len(e) != 1 {
		return ""
	}
	msg, _ := e["error"].(string)
	return msg
}

// isAutomationRoute reports whether path is one of the automation routes,
// which answer the original's {success, …} shapes.
func isAutomationRoute(path string) bool {
	return strings.HasPrefix(path, "/api/automations/")
}

func formatTally(tally map[string]map[int]int) string {
	var lines []string
	for route, statuses := range tally {
		var parts []string
		for status, n := range statuses {
			parts = append(parts, fmt.Sprintf("%d×%d", status, n))
		}
		slices.Sort(parts)
		lines = append(lines, fmt.Sprintf("  %-45.45s %s", route, strings.Join(parts, " ")))
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// assertEveryRouteAnswered fails when some bearer or callback route never
// answered a 2xx: the random requests would then not reach its handler's
// work, and the test would prove less than it claims. Shorter runs are
// exempt: they may miss a route by chance (at 5,000 requests the callback,
// the least likely to succeed, answers about 13 2xx on average).
func assertEveryRouteAnswered(t *testing.T, routes []*echo.Route, tally map[string]map[int]int, drawn int) {
	t.Helper()
	if drawn < 5000 {
		return
	}
	for _, r := range routes {
		if r.Path == "/api/inngest" {
			continue // the SDK answers 2xx to signed requests of its own protocol only
		}
		if isAutomationRoute(r.Path) {
			continue // 2xx needs the id of an automation of the caller's, which random bodies never name
		}
		ok := 0
		for status, n := range tally[r.Method+" "+r.Path] {
			if status < 300 {
				ok += n
			}
		}
		if ok == 0 {
			t.Errorf("%s %s never answered 2xx in %d requests: %v", r.Method, r.Path, drawn, tally[r.Method+" "+r.Path])
		}
	}
}
