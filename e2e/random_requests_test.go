package e2e

import (
	"cmp"
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/inngest/inngestgo"
	"github.com/labstack/echo/v4"

	"spark.dev/spark/internal/testtoken"
	"spark.dev/spark/middleware"
	"spark.dev/spark/secure"
)

// randomRequest is one request of the random test, with what it takes to
// send it again.
type randomRequest struct {
	Method, Path, Query string
	Header              http.Header
	Body                []byte
	User                string // the user a valid token names; "" when none does
	// Framing, when set, sends the request over a raw connection with a
	// body that does not match its declared framing: "short" or "long"
	// Content-Length, or "chunked" / "bad-chunked" transfer encoding.
	Framing string
}

// String shows the request the way a report needs it to reproduce it.
func (q randomRequest) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", q.Method, q.Path)
	if q.Query != "" {
		b.WriteString("?" + q.Query)
	}
	if q.Framing != "" {
		fmt.Fprintf(&b, " (framing %s)", q.Framing)
	}
	for name, values := range q.Header {
		for _, v := range values {
			fmt.Fprintf(&b, "\n  %s: %.200s", name, v)
		}
	}
	body := q.Body
	if len(body) > 600 {
		body = body[:600]
	}
	fmt.Fprintf(&b, "\n  body (%d bytes): %q", len(q.Body), body)
	return b.String()
}

// requestGen draws random requests for the routes of the app under test.
type requestGen struct {
	json           jsonGen
	routes         []*echo.Route
	owner          string // the user whose stored secrets the test watches
	jwtSecret      string
	callbackSecret []byte
	signingKey     string
}

var otherMethods = []string{
	http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete,
	http.MethodOptions, http.MethodHead, http.MethodTrace, "PROPFIND", "get", "X-CUSTOM",
}

// next draws one request: mostly a registered route with its own method, a
// plausible body and a valid token, with every part now and then wrong.
func (g *requestGen) next() randomRequest {
	route := pick(g.json, g.routes)
	q := randomRequest{Method: route.Method, Path: route.Path, Header: http.Header{}}
	if g.json.chance(0.2) {
		q.Method = pick(g.json, otherMethods)
	}
	if g.json.chance(0.1) {
		q.Path = g.oddPath(route.Path)
	}
	q.User = g.authorize(q.Header)
	q.Query = g.query(route.Path)
	q.Body = g.body(route, q.User)
	g.headers(q)
	if q.Path == "/api/readwise" {
		g.signCallback(q)
	}
	if q.Path == "/api/inngest" {
		g.signInngest(q)
	}
	if g.json.chance(0.06) {
		q.Framing = pick(g.json, []string{"short", "long", "chunked", "bad-chunked"})
	}
	return q
}

func (g requestGen) oddPath(path string) string {
	return pick(g.json, []string{
		path + "/", strings.ToUpper(path), path + "/extra", "/" + path, path + "%2F",
		path + "/..", "/api/inngest/trigger-", "/api/unknown", "/api/search", "/",
		path + strings.Repeat("a", 4000), "/api/user-settings%00", "/api/%F0%9F%94%A5",
	})
}

// tokenUsers are the subjects of valid tokens besides the owner: another
// user, and ids no real user has (no UUID: refused with 401).
var tokenUsers = []string{"00000000-0000-4000-8000-0000000000f1", "random-other-user", "ユーザー☃", strings.Repeat("long", 100), "x' OR '1'='1", "../../etc"}

// authorize sets an Authorization header, valid or not, and returns the
// user a valid one names ("" when the request is anonymous).
func (g requestGen) authorize(h http.Header) string {
	valid := func(sub string) string { return "Bearer " + testtoken.HS256(g.jwtSecret, sub, time.Hour) }
	switch n := g.json.r.IntN(20); {
	case n < 8:
		h.Set("Authorization", valid(g.owner))
		return g.owner
	case n < 11:
		user := pick(g.json, tokenUsers)
		h.Set("Authorization", valid(user))
		return user
	case n < 12:
		h.Set("Authorization", "bEaReR "+testtoken.HS256(g.jwtSecret, g.owner, time.Hour))
		return g.owner
	case n < 13:
		return ""
	}
	h.Set("Authorization", pick(g.json, []string{
		"Bearer " + testtoken.HS256(g.jwtSecret, g.owner, -time.Hour),
		"Bearer " + testtoken.HS256("another-secret-of-sufficient-length", g.owner, time.Hour),
		"Bearer " + testtoken.HS256(g.jwtSecret, g.owner, time.Hour, testtoken.WithClaim("sub", nil)),
		"Bearer " + testtoken.HS256(g.jwtSecret, g.owner, time.Hour, testtoken.WithClaim("sub", 42)),
		"Bearer " + testtoken.HS256(g.jwtSecret, "", time.Hour),
		"Bearer " + testtoken.HS256(g.jwtSecret, g.owner, time.Hour, testtoken.WithClaim("aud", []any{"x", 1})),
		"Bearer " + testtoken.HS256(g.jwtSecret, g.owner, time.Hour, testtoken.WithClaim("exp", "tomorrow")),
		"Bearer " + unsignedToken(g.owner),
		"Bearer ", "Bearer", "Bearer a.b.c", "Bearer ....", "Bearer a b", "Basic dXNlcjpwYXNz",
		"Bearer " + strings.Repeat("A", 8000), "Bearer \xff\xfe.\xff.\xff",
	}))
	return ""
}

// unsignedToken is a token with "alg": "none", which must never pass.
func unsignedToken(sub string) string {
	enc := base64.RawURLEncoding.EncodeToString
	claims := fmt.Sprintf(`{"sub":%q,"aud":"authenticated","role":"authenticated","exp":%d}`, sub, time.Now().Add(time.Hour).Unix())
	return enc([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + enc([]byte(claims)) + "."
}

// oddQueryValues are written into the query string as they are, escapes
// that do not decode included.
var oddQueryValues = []string{
	"", "0", "-1", "1e3", "99999999999999999999", "18446744073709551616", "1.5", "5%20",
	"%zz", "%", "%e2%82", "%00", "%FF%FE", "a+b", "%F0%9F%94%A5", strings.Repeat("9", 5000),
}

var functionLogParams = map[string][]string{
	"limit":           {"1", "20", "100", "101"},
	"offset":          {"0", "10", "1000000", "1000001"},
	"function_name":   {"readwise-sync-highlights", "readwise-count-books"},
	"status":          {"started", "completed", "failed", "running"},
	"order_by":        {"started_at", "completed_at", "duration_ms", "function_name", "user_id"},
	"order_direction": {"asc", "desc", "sideways"},
}

// query draws a query string for path: the parameters the route reads,
// valid or odd, repeated now and then, and now and then unrelated ones.
func (g requestGen) query(path string) string {
	var parts []string
	param := func(name string, valid []string) {
		v := url.QueryEscape(pick(g.json, valid))
		if g.json.chance(0.3) {
			v = pick(g.json, oddQueryValues)
		}
		parts = append(parts, name+"="+v)
	}
	switch path {
	case "/api/function-logs":
		for _, name := range []string{"limit", "offset", "function_name", "status", "order_by", "order_direction"} {
			if g.json.chance(0.3) {
				param(name, functionLogParams[name])
			}
		}
	case "/api/user-settings":
		if g.json.chance(0.4) {
			param("integration", []string{"readwise", "airtable", "notion", "READWISE"})
		}
	}
	if g.json.chance(0.1) && len(parts) > 0 {
		parts = append(parts, parts[g.json.r.IntN(len(parts))])
	}
	if g.json.chance(0.1) {
		param(pick(g.json, []string{"userId", "apiKey", "x", "%zz", "🔥"}), []string{"1", "u2"})
	}
	return strings.Join(parts, "&")
}

// body draws a body shaped for route, or for another route, then breaks it
// now and then. Routes without a body mostly get none.
func (g requestGen) body(route *echo.Route, user string) []byte {
	if route.Method == http.MethodGet && g.json.chance(0.7) {
		return nil
	}
	shape := route.Path
	if g.json.chance(0.2) {
		shape = pick(g.json, g.routes).Path
	}
	var body string
	switch {
	case strings.HasPrefix(shape, "/api/inngest/trigger-"):
		body = g.json.triggerBody(user)
	case shape == "/api/user-settings":
		body = g.json.settingsBody()
	case isAutomationRoute(shape):
		body = g.json.automationBody()
	case shape == "/api/highlights/search":
		body = g.json.searchBody()
	case shape == "/api/readwise":
		body = g.json.callbackBody(cmp.Or(user, g.owner)) // the route is public: any token will do
	default:
		body = g.json.value(3)
	}
	return g.json.mangle(body)
}

var contentTypes = []string{
	"application/json", "application/json; charset=utf-8", "application/json; charset=latin1",
	"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz",
	"application/xml", "", "garbage/☃", ";;;",
}

func (g requestGen) headers(q randomRequest) {
	if g.json.chance(0.8) {
		if ct := pick(g.json, contentTypes); ct != "" {
			q.Header.Set("Content-Type", ct)
		}
	}
	if g.json.chance(0.15) {
		q.Header.Set("Origin", pick(g.json, []string{corsOrigin, "https://evil.example.com", "null"}))
		q.Header.Set("Access-Control-Request-Method", pick(g.json, otherMethods))
		q.Header.Set("Access-Control-Request-Headers", pick(g.json, []string{"authorization, content-type", "x-evil"}))
	}
	if g.json.chance(0.1) {
		name, value := pick(g.json, []string{"X-Forwarded-For", "Accept", "Accept-Encoding", "Cookie", "Content-Encoding", "X-HTTP-Method-Override", "X-Huge"}), pick(g.json, []string{
			"::1, 10.0.0.1", "text/html", "gzip, br", "session=abc", "gzip", "DELETE", strings.Repeat("h", 8000), "\xff\xfe",
		})
		q.Header.Set(name, value)
	}
}

// signCallback signs the callback body, correctly or not, as the job does.
func (g requestGen) signCallback(q randomRequest) {
	switch n := g.json.r.IntN(10); {
	case n < 6:
		q.Header.Set(secure.CallbackSignatureHeader, secure.SignCallback(g.callbackSecret, time.Now(), q.Body))
	case n < 7:
		q.Header.Set(secure.CallbackSignatureHeader, secure.SignCallback(g.callbackSecret, time.Now().Add(-time.Hour), q.Body))
	case n < 8:
		q.Header.Set(secure.CallbackSignatureHeader, pick(g.json, []string{"t=abc,v1=zz", "t=1,v1=", "v1=00", "", ",,,", "t=99999999999999999999,v1=ab"}))
	}
}

// signInngest signs the body with the app's Inngest signing key now and
// then, so the SDK gets past its signature check with random input.
func (g requestGen) signInngest(q randomRequest) {
	switch n := g.json.r.IntN(10); {
	// Deeper bodies never reach the SDK, and signing one costs the square of its depth.
	case n < 3 && middleware.NestingDepth(q.Body) <= middleware.MaxInngestBodyDepth:
		sig, err := inngestgo.Sign(context.Background(), time.Now(), []byte(g.signingKey), q.Body)
		if err == nil {
			q.Header.Set("X-Inngest-Signature", sig)
		}
	case n < 5:
		q.Header.Set("X-Inngest-Signature", pick(g.json, []string{"t=1&s=00", "garbage", "t=&s="}))
	}
}
