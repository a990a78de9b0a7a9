package e2e

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxSDKDepth is the deepest body sent to /api/inngest (see keptOut).
const maxSDKDepth = 1000

// keptOut names the finding that keeps q from being sent to the app on the
// store engine, or is "". Each is a failure the random test found that is
// reported but not fixed yet; delete its entry with the fix, so the test
// covers the case again.
func keptOut(q randomRequest, engine string) string {
	switch {
	// The Inngest SDK's handler answers a body it cannot read (cut short,
	// bad chunking) with 500 {"code":"unknown","message":"error reading request body"}.
	case q.Path == "/api/inngest" && q.Framing != "":
		return "inngest-sdk-body-read-500"
	// The Inngest SDK canonicalizes a body (JCS) before it compares the
	// signature, for anyone sending a fresh timestamp, in time quadratic in
	// the body's depth: seconds for 200 KB, minutes for the 1 MiB the route
	// does not even limit.
	case q.Path == "/api/inngest" && nestingDepth(q.Body) > maxSDKDepth:
		return "inngest-sdk-quadratic-canonicalization"
	// PostgreSQL's jsonb refuses \u0000: a settings document (or callback)
	// holding one answers 500 instead of 400.
	case engine == "postgres" && bytes.Contains(bytes.ToLower(q.Body), []byte(`\u0000`)):
		return "postgres-nul-in-json"
	// PostgreSQL refuses text that is not UTF-8 or holds NUL: a function_name
	// filter like %FF or %00 answers 500 instead of 400 (or no rows).
	case engine == "postgres" && q.Path == "/api/function-logs" && !postgresText(q.Query, "function_name"):
		return "postgres-function-name-not-text"
	}
	return ""
}

// postgresText reports whether every value of the query parameter is text
// PostgreSQL stores: UTF-8 without NUL.
func postgresText(rawQuery, name string) bool {
	values, _ := url.ParseQuery(rawQuery)
	for _, v := range values[name] {
		if !utf8.ValidString(v) || strings.ContainsRune(v, 0) {
			return false
		}
	}
	return true
}

// knownBugs is the random test's allowlist: 500s from bugs that are known
// and being fixed elsewhere. Each entry names its bug; delete an entry (and
// this file once empty) when its fix is merged, so the test enforces the
// contract again.
type knownBugs struct {
	// settingsOverflowed holds the users whose settings hold a number
	// beyond float64 (KNOWN BUG settings-number-overflow).
	settingsOverflowed map[string]bool
	// allowed counts the 500s let through, per bug.
	allowed map[string]int
}

func newKnownBugs() *knownBugs {
	return &knownBugs{settingsOverflowed: map[string]bool{}, allowed: map[string]int{}}
}

// allows reports whether the 500 answering q is one of the known bugs, and
// records what it leaves behind.
func (k *knownBugs) allows(q randomRequest, got answer) bool {
	if got.Status != http.StatusInternalServerError || q.Path != "/api/user-settings" || q.User == "" {
		return false
	}
	writes := q.Method == http.MethodPut || q.Method == http.MethodPatch
	// KNOWN BUG settings-number-overflow: a settings write holding a number
	// beyond float64 (1e400) is stored as sent, then reading it back fails,
	// so the write answers 500 and every later GET, PUT and PATCH of that
	// user's settings answers 500 too (settings/service.go decode).
	if (writes && overflowsFloat64(q.Body)) || k.settingsOverflowed[q.User] {
		k.settingsOverflowed[q.User] = true
		k.allowed["settings-number-overflow"]++
		return true
	}
	// KNOWN BUG settings-too-deep: a settings document nested deeper than
	// SQLite's JSON limit (1,000 levels) but within encoding/json's (10,000)
	// fails the store's json_valid check: 500 instead of 400.
	if writes && nestingDepth(q.Body) > 1000 {
		k.allowed["settings-too-deep"]++
		return true
	}
	return false
}

// overflowsFloat64 reports whether body is JSON holding a number that
// float64 cannot hold.
func overflowsFloat64(body []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		if n, ok := tok.(json.Number); ok {
			if _, err := strconv.ParseFloat(string(n), 64); err != nil {
				return true
			}
		}
	}
}
