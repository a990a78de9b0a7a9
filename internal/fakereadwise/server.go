// Package fakereadwise is an in-process Readwise v2 API for tests. It follows
// the real contract (Token auth, page-number LIST with absolute next links,
// cursor EXPORT with deletions, per-token rate limits answered with 429 and
// Retry-After) and can be told to fail: forced 429s, 5xx, truncated bodies,
// slow answers, at random with a fixed seed or for the next N requests.
//
// Where Readwise's documentation is silent the fake picks one reading and
// says so: LIST orders by id; EXPORT pages hold a fixed number of
// highlights, so a book can span pages, and a book appears only with a
// selected highlight; dates are written in each of Readwise's formats
// (DRF's microseconds, Python's "+00:00", JavaScript's milliseconds).
package fakereadwise

import (
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"time"

	"spark.dev/spark/internal/fakeapi"
)

const apiPrefix = "/api/v2"

// Endpoint names, as Requests reports them.
const (
	EndpointAuth       = "/auth/"
	EndpointBooks      = "/books/"
	EndpointHighlights = "/highlights/"
	EndpointExport     = "/export/"
)

const defaultExportPageSize = 1000

// Server is a running fake. All its methods are safe for concurrent use,
// including while requests are being served.
type Server struct {
	ts *httptest.Server

	mu             sync.Mutex
	users          map[string]*Library
	requests       map[string]map[string]int // token → endpoint → count
	sent           map[string][]Request      // token → requests in arrival order
	injected       map[string]int            // fault kind → count
	throttle       throttle
	faults         fakeapi.Queue[Fault] // FailNext for anyone, RateLimitNext per token
	random         RandomFaults
	draws          fakeapi.Random // of random faults
	exportPageSize int
}

// New starts a fake with no users, Readwise's real rate limits and no faults.
func New() *Server {
	s := &Server{
		users:          map[string]*Library{},
		requests:       map[string]map[string]int{},
		sent:           map[string][]Request{},
		injected:       map[string]int{},
		throttle:       newThrottle(),
		exportPageSize: defaultExportPageSize,
	}
	s.ts = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	return s
}

// URL is the v2 base URL, e.g. http://127.0.0.1:PORT/api/v2.
func (s *Server) URL() string { return s.ts.URL + apiPrefix }

// Close shuts the server down.
func (s *Server) Close() { s.ts.Close() }

// AddUser makes token valid and gives it lib. Several tokens may share one
// library, like several keys of one account.
func (s *Server) AddUser(token string, lib *Library) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[token] = lib
}

// Requests counts the requests received with token, per endpoint (see the
// Endpoint constants; other paths count under their own path). Failed and
// throttled requests count too: the client sent them. A missing
// Authorization header counts under "".
func (s *Server) Requests(token string) map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.requests[token])
}

// Request is one request the fake received: its endpoint and arrival time.
type Request struct {
	Endpoint string
	At       time.Time
}

// RequestLog is every request received with token, in arrival order, with
// the same counting rules as Requests; a test computes rates from it.
func (s *Server) RequestLog(token string) []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.sent[token])
}

// SetExportPageSize sets how many highlights one EXPORT page holds.
func (s *Server) SetExportPageSize(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.exportPageSize = max(n, 1)
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	token, hasToken := tokenOf(r)
	endpoint := endpointOf(r.URL.Path)
	fault := s.admit(token, endpoint)
	fakeapi.Serve(w, r, fault.Delay, fault.Truncate, func() fakeapi.Response {
		if fault.Status != 0 {
			return fault.response()
		}
		return s.answer(r, token, hasToken, endpoint)
	})
}

// admit counts the request and draws the fault it is to suffer, if any.
func (s *Server) admit(token, endpoint string) Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.requests[token] == nil {
		s.requests[token] = map[string]int{}
	}
	s.requests[token][endpoint]++
	s.sent[token] = append(s.sent[token], Request{Endpoint: endpoint, At: time.Now()})
	fault := s.nextFault(token)
	kind := fakeapi.Kind(fault.Status, fault.Truncate)
	if kind == "" && fault.Delay > 0 {
		kind = "slow"
	}
	if kind != "" {
		s.injected[kind]++
	}
	return fault
}

// Injected counts the faults the fake has injected so far, by kind: "429",
// "5xx", "truncated", "slow". Its own rate limiting is not counted.
func (s *Server) Injected() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.injected)
}

// answer is what Readwise would answer, in DRF's order: routing,
// authentication, throttling, then the endpoint itself.
func (s *Server) answer(r *http.Request, token string, hasToken bool, endpoint string) fakeapi.Response {
	if !isEndpoint(endpoint) {
		return detailResponse(http.StatusNotFound, "Not found.")
	}
	s.mu.Lock()
	lib := s.users[token]
	s.mu.Unlock()
	switch {
	case !hasToken:
		return unauthorized("Authentication credentials were not provided.")
	case lib == nil:
		return unauthorized("Invalid token.")
	}
	if wait, ok := s.allow(token, endpoint); !ok {
		return throttled(wait)
	}
	if r.Method != http.MethodGet {
		return detailResponse(http.StatusMethodNotAllowed, `Method "`+r.Method+`" not allowed.`)
	}
	switch endpoint {
	case EndpointAuth:
		return fakeapi.Response{Status: http.StatusNoContent}
	case EndpointBooks:
		return listBooks(r, lib)
	case EndpointHighlights:
		return listHighlights(r, lib)
	default:
		s.mu.Lock()
		pageSize := s.exportPageSize
		s.mu.Unlock()
		return export(r, lib, pageSize)
	}
}

// tokenOf reads "Authorization: Token <t>". Another scheme counts as no
// credentials, as DRF's TokenAuthentication treats it.
func tokenOf(r *http.Request) (string, bool) {
	scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if !strings.EqualFold(scheme, "Token") {
		return "", false
	}
	return strings.TrimSpace(token), true
}

// endpointOf maps a path to its endpoint, with or without the trailing
// slash, as Readwise accepts both.
func endpointOf(path string) string {
	rest, ok := strings.CutPrefix(path, apiPrefix)
	if !ok {
		return path
	}
	return "/" + strings.Trim(rest, "/") + "/"
}

func isEndpoint(endpoint string) bool {
	switch endpoint {
	case EndpointAuth, EndpointBooks, EndpointHighlights, EndpointExport:
		return true
	}
	return false
}

func jsonResponse(status int, v any) fakeapi.Response {
	return fakeapi.JSON(status, "application/json", v)
}

func detailResponse(status int, detail string) fakeapi.Response {
	return jsonResponse(status, map[string]string{"detail": detail})
}

func unauthorized(detail string) fakeapi.Response {
	resp := detailResponse(http.StatusUnauthorized, detail)
	resp.Header.Set("WWW-Authenticate", "Token")
	return resp
}
