package app_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"spark.dev/spark/internal/testtoken"
	"spark.dev/spark/secure"
)

func TestHealthReportsEnvironmentAndStore(t *testing.T) {
	a := newTestApp(t, nil)
	status, body := a.request(http.MethodGet, "/api/health", nil, nil)
	want := map[string]any{"status": "ok", "environment": "development", "appId": "spark-dev", "store": "sqlite"}
	if status != http.StatusOK || !equalJSON(body, want) {
		t.Fatalf("GET /api/health = %d %v, want 200 %v", status, body, want)
	}
}

func TestHealthIs503WhenTheStoreIsDown(t *testing.T) {
	a := newTestApp(t, nil)
	a.App.Store.Close()
	status, body := a.request(http.MethodGet, "/api/health", nil, nil)
	if status != http.StatusServiceUnavailable || body["status"] != "unavailable" {
		t.Fatalf("GET /api/health with a closed store = %d %v", status, body)
	}
}

// publicRoutes answer without a bearer token: Inngest signs its own
// requests, health is for anyone, and jobs sign their callbacks.
var publicRoutes = []string{
	"GET /api/inngest", "POST /api/inngest", "PUT /api/inngest",
	"GET /api/health",
	"POST /api/readwise",
}

// bearerRoutes lists every registered route but the public ones, sorted,
// as "METHOD /path"; it fails the test when a public route is missing or a
// known bearer route is not among them, so the list cannot silently empty.
func bearerRoutes(t *testing.T, a *testApp) []string {
	t.Helper()
	var routes []string
	for _, r := range a.App.Echo.Routes() {
		routes = append(routes, r.Method+" "+r.Path)
	}
	for _, public := range publicRoutes {
		i := slices.Index(routes, public)
		if i < 0 {
			t.Fatalf("the public route %s is not registered: %v", public, routes)
		}
		routes = slices.Delete(routes, i, i+1)
	}
	for _, known := range []string{"POST /api/inngest/trigger-readwise", "POST /api/inngest/trigger-schedule",
		"GET /api/readwise", "GET /api/function-logs", "PATCH /api/user-settings"} {
		if !slices.Contains(routes, known) {
			t.Fatalf("the bearer route %s is not registered: %v", known, routes)
		}
	}
	slices.Sort(routes)
	return routes
}

// Every bearer route refuses a request without a valid token, before it
// looks at the body.
func TestBearerRoutesRequireAValidToken(t *testing.T) {
	a := newTestApp(t, nil)
	headers := []struct {
		name, authorization, want string
	}{
		{"no header", "", "Authentication required"},
		{"not bearer", "Basic dXNlcjpwYXNz", "Authentication required"},
		{"garbage token", "Bearer not-a-jwt", "Authentication failed"},
		{"wrong secret", "Bearer " + testtoken.HS256("another-secret-entirely-different", u1, time.Hour), "Authentication failed"},
		{"expired", "Bearer " + testtoken.HS256(jwtSecret, u1, -time.Hour), "Authentication failed"},
		{"wrong audience", "Bearer " + testtoken.HS256(jwtSecret, u1, time.Hour, testtoken.WithClaim("aud", "anon")), "Authentication failed"},
	}
	for _, route := range bearerRoutes(t, a) {
		method, path, _ := strings.Cut(route, " ")
		for _, h := range headers {
			t.Run(route+" "+h.name, func(t *testing.T) {
				hdr := map[string]string{}
				if h.authorization != "" {
					hdr["Authorization"] = h.authorization
				}
				// An invalid body must not matter: authentication comes first.
				status, body := a.request(method, path, hdr, []byte("{not json"))
				if status != http.StatusUnauthorized || body["error"] != h.want {
					t.Fatalf("got %d %v, want 401 %q", status, body, h.want)
				}
			})
		}
	}
}

var readwiseTriggers = []struct{ path, failure string }{
	{"/api/inngest/trigger-readwise", "Failed to trigger Readwise book count automation"},
	{"/api/inngest/trigger-connection-test", "Failed to trigger Readwise connection test"},
	{"/api/inngest/trigger-sync-books", "Failed to trigger Readwise book import automation"},
	{"/api/inngest/trigger-sync-highlights", "Failed to trigger Readwise highlights sync automation"},
}

func TestTriggersRefuseAnotherUsersID(t *testing.T) {
	a := newTestApp(t, nil)
	paths := []string{"/api/inngest/trigger-schedule"}
	for _, trigger := range readwiseTriggers {
		paths = append(paths, trigger.path)
	}
	for _, path := range paths {
		status, body := a.as(u1, http.MethodPost, path, map[string]any{"userId": u2, "apiKey": "rw-key-123456"})
		if status != http.StatusForbidden || body["error"] != "Unauthorized: Cannot access another user's data" {
			t.Errorf("POST %s for another user = %d %v", path, status, body)
		}
	}
	if status, body := a.as(u1, http.MethodGet, "/api/readwise", nil); status != http.StatusOK || body["hasApiKey"] != false {
		t.Errorf("a refused trigger stored a key: %d %v", status, body)
	}
}

func TestReadwiseTriggersNeedAKey(t *testing.T) {
	a := newTestApp(t, nil)
	for _, trigger := range readwiseTriggers {
		for _, body := range []any{nil, []byte("null"), map[string]any{}, map[string]any{"apiKey": "   "}, map[string]any{"apiKey": "••••abcd"}} {
			status, answer := a.as(u1, http.MethodPost, trigger.path, body)
			if status != http.StatusBadRequest || answer["error"] != "API key is required" {
				t.Errorf("%s with body %v: got %d %v", trigger.path, body, status, answer)
			}
		}
	}
}

func TestReadwiseTriggersAnswer502WhenInngestIsUnreachable(t *testing.T) {
	a := newTestApp(t, nil)
	for _, trigger := range readwiseTriggers {
		status, body := a.as(u1, http.MethodPost, trigger.path, map[string]any{"apiKey": "rw-key-12345678", "fullSync": true})
		if status != http.StatusBadGateway || body["error"] != trigger.failure {
			t.Errorf("%s: got %d %v, want 502 %q", trigger.path, status, body, trigger.failure)
		}
	}
	if _, body := a.as(u1, http.MethodGet, "/api/readwise", nil); body["hasApiKey"] != false {
		t.Fatalf("failed triggers left a key behind: %v", body)
	}
}

func TestFunctionLogsValidatesItsQuery(t *testing.T) {
	a := newTestApp(t, nil)
	cases := map[string]string{
		"limit=0":                 "limit must be a whole number from 1 to 100",
		"limit=101":               "limit must be a whole number from 1 to 100",
		"limit=ten":               "limit must be a whole number from 1 to 100",
		"offset=-1":               "offset must be a whole number from 0 to 1000000",
		"status=running":          "status must be one of: started, completed, failed",
		"function_name=%00":       "function_name must be UTF-8 text without NUL",
		"function_name=%FF":       "function_name must be UTF-8 text without NUL",
		"order_by=user_id":        "order_by must be one of: started_at, completed_at, duration_ms, function_name, status",
		"order_direction=sideway": "order_direction must be asc or desc",
	}
	for query, want := range cases {
		status, body := a.as(u1, http.MethodGet, "/api/function-logs?"+query, nil)
		if status != http.StatusBadRequest || body["error"] != want {
			t.Errorf("?%s: got %d %v, want 400 %q", query, status, body, want)
		}
	}
	status, body := a.as(u1, http.MethodGet, "/api/function-logs?limit=5&offset=10&order_by=duration_ms&order_direction=asc&status=completed", nil)
	if status != http.StatusOK || body["success"] != true || dig(body, "data", "pagination", "limit") != float64(5) ||
		dig(body, "data", "pagination", "offset") != float64(10) || dig(body, "data", "pagination", "total") != float64(0) {
		t.Fatalf("a valid query: %d %v", status, body)
	}
	if logs, ok := dig(body, "data", "logs").([]any); !ok || len(logs) != 0 {
		t.Fatalf("logs = %v, want an empty list", dig(body, "data", "logs"))
	}
	// The original frontend's table sorts by each column it shows.
	for _, column := range []string{"started_at", "function_name", "status", "duration_ms"} {
		if status, body := a.as(u1, http.MethodGet, "/api/function-logs?order_by="+column, nil); status != http.StatusOK {
			t.Errorf("order_by=%s: %d %v, want 200", column, status, body)
		}
	}
}

// When Inngest cannot be reached the trigger answers 502 and keeps the key
// the user had before, not the one sent along with the failed trigger.
func TestTriggerReadwiseWhenInngestIsUnreachable(t *testing.T) {
	a := newTestApp(t, nil)
	if status, body := a.as(u1, http.MethodPost, "/api/inngest/trigger-readwise", map[string]any{"apiKey": "rw-first-key-aaaa"}); status != http.StatusBadGateway ||
		body["error"] != "Failed to trigger Readwise book count automation" {
		t.Fatalf("got %d %v, want 502", status, body)
	}
	if _, body := a.as(u1, http.MethodGet, "/api/readwise", nil); body["hasApiKey"] != false {
		t.Fatalf("a failed trigger left a key behind: %v", body)
	}

	a.as(u1, http.MethodPatch, "/api/user-settings", map[string]any{"integrations": map[string]any{"readwise": map[string]any{"apiKey": "rw-saved-key-bbbb"}}})
	if status, _ := a.as(u1, http.MethodPost, "/api/inngest/trigger-readwise", map[string]any{"apiKey": "rw-other-key-cccc"}); status != http.StatusBadGateway {
		t.Fatalf("got %d, want 502", status)
	}
	_, settings := a.as(u1, http.MethodGet, "/api/user-settings?integration=readwise", nil)
	if settings["apiKey"] != "••••bbbb" {
		t.Fatalf("after a failed trigger the stored key is %v, want the saved one", settings["apiKey"])
	}
}

func TestMalformedAndOversizedBodies(t *testing.T) {
	a := newTestApp(t, nil)
	huge := append([]byte(`{"theme":"dark","pad":"`), bytes.Repeat([]byte("x"), 1<<20)...)
	huge = append(huge, '"', '}')
	cases := []struct {
		name, method, path string
		body               []byte
		status             int
		message            string
	}{
		{"malformed trigger", http.MethodPost, "/api/inngest/trigger-readwise", []byte(`{"apiKey":`), 400, "Invalid JSON in request body"},
		{"array trigger", http.MethodPost, "/api/inngest/trigger-readwise", []byte(`[1,2]`), 400, "Request body must be a JSON object"},
		{"wrong type", http.MethodPost, "/api/inngest/trigger-readwise", []byte(`{"apiKey":42}`), 400, "Invalid JSON: apiKey must be a string"},
		{"two objects", http.MethodPost, "/api/inngest/trigger-readwise", []byte(`{} {}`), 400, "Request body must be a single JSON object"},
		{"malformed settings", http.MethodPatch, "/api/user-settings", []byte(`{"theme":`), 400, "Invalid JSON in request body"},
		{"empty settings", http.MethodPut, "/api/user-settings", []byte(``), 400, "Request body must be a JSON object"},
		{"oversized settings", http.MethodPut, "/api/user-settings", huge, 413, "Request body is larger than 1 MiB"},
		{"oversized trigger", http.MethodPost, "/api/inngest/trigger-readwise", huge, 413, "Request body is larger than 1 MiB"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, body := a.request(c.method, c.path, map[string]string{"Authorization": bearer(u1)}, c.body)
			if status != c.status || body["error"] != c.message {
				t.Fatalf("got %d %v, want %d %q", status, body, c.status, c.message)
			}
		})
	}
	if _, settings := a.as(u1, http.MethodGet, "/api/user-settings", nil); settings["theme"] != "light" || settings["pad"] != nil {
		t.Fatalf("a refused body changed the settings: %v", settings)
	}
}

func TestCallbackNeedsAFreshValidSignature(t *testing.T) {
	secret := bytes.Repeat([]byte{7}, 32)
	a := newTestApp(t, map[string]string{"CALLBACK_SECRET": encodeBase64(secret)})
	body := []byte(`{"userId":"00000000-0000-4000-8000-000000000001","bookCount":17,"syncTime":"2026-11-27T03:00:00Z"}`)
	now := time.Now()
	cases := []struct {
		name      string
		signature string
		body      []byte
		status    int
	}{
		{"missing", "", body, 401},
		{"wrong secret", secure.SignCallback(bytes.Repeat([]byte{8}, 32), now, body), body, 401},
		{"stale", secure.SignCallback(secret, now.Add(-6*time.Minute), body), body, 401},
		{"from the future", secure.SignCallback(secret, now.Add(6*time.Minute), body), body, 401},
		{"tampered body", secure.SignCallback(secret, now, body), []byte(`{"userId":"00000000-0000-4000-8000-000000000002","bookCount":17}`), 401},
		{"garbage", "t=abc,v1=zz", body, 401},
		{"valid but invalid report", secure.SignCallback(secret, now, []byte(`{"userId":"00000000-0000-4000-8000-000000000001"}`)), []byte(`{"userId":"00000000-0000-4000-8000-000000000001"}`), 400},
		{"valid but of a user id that is no UUID", secure.SignCallback(secret, now, []byte(`{"userId":"u1","bookCount":1}`)), []byte(`{"userId":"u1","bookCount":1}`), 400},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			hdr := map[string]string{}
			if c.signature != "" {
				hdr[secure.CallbackSignatureHeader] = c.signature
			}
			status, answer := a.request(http.MethodPost, "/api/readwise", hdr, c.body)
			if status != c.status {
				t.Fatalf("got %d %v, want %d", status, answer, c.status)
			}
			if status == 401 && answer["error"] != "Invalid signature" {
				t.Fatalf("got %v", answer)
			}
		})
	}
	if _, st := a.as(u1, http.MethodGet, "/api/readwise", nil); st["bookCount"] != float64(0) {
		t.Fatalf("a refused callback changed the count: %v", st)
	}

	status, answer := a.request(http.MethodPost, "/api/readwise",
		map[string]string{secure.CallbackSignatureHeader: secure.SignCallback(secret, now, body)}, body)
	if status != http.StatusOK || answer["success"] != true {
		t.Fatalf("valid callback: %d %v", status, answer)
	}
	_, st := a.as(u1, http.MethodGet, "/api/readwise", nil)
	if st["bookCount"] != float64(17) || st["lastSyncTime"] != "2026-11-27T03:00:00Z" {
		t.Fatalf("after the callback GET /api/readwise = %v", st)
	}
	if _, other := a.as(u2, http.MethodGet, "/api/readwise", nil); other["bookCount"] != float64(0) {
		t.Fatalf("u1's callback changed u2: %v", other)
	}
}

func TestCORSAllowsOnlyConfiguredOrigins(t *testing.T) {
	a := newTestApp(t, map[string]string{"CORS_ALLOWED_ORIGINS": "https://app.example.com, https://staging.example.com"})
	for origin, allowed := range map[string]bool{"https://app.example.com": true, "https://evil.example.com": false} {
		req, _ := http.NewRequest(http.MethodOptions, a.URL+"/api/user-settings", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", http.MethodPatch)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Access-Control-Allow-Origin") == origin; got != allowed {
			t.Errorf("preflight from %s: allowed=%v, want %v", origin, got, allowed)
		}
	}
}

func equalJSON(got map[string]any, want map[string]any) bool {
	a, _ := json.Marshal(got)
	b, _ := json.Marshal(want)
	return string(a) == string(b)
}
