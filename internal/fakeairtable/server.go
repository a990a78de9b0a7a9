// Package fakeairtable is an in-process Airtable Web API for tests. It
// serves List records the way Airtable does (Bearer tokens granted to
// bases, pages of at most 100 records with opaque offsets, empty cells left
// out, 5 requests per second per base and then 429 for 30 seconds, both
// shapes of error body) and can be told to fail: forced 429s, exhausted
// billing quotas, expired offsets, 5xx, truncated bodies and slow answers,
// at random with a fixed seed or for the next N requests.
//
// Where Airtable's documentation is silent the fake picks one reading and
// says so: it checks the route, then the token, then the base and table,
// then the billing quota, then the rate limit, then the query; it answers
// only GET List records (anything else is 404 {"error":"NOT_FOUND"}); and
// it refuses the query parameters it does not model with a 422.
package fakeairtable

import (
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"time"

	"spark.dev/spark/internal/fakeapi"
)

const apiPrefix = "/v0"

// Record is one record of a fake table. Fields holds any JSON-encodable
// cells; empty ones ("", false, nil, empty lists) are left out of answers.
type Record struct {
	ID          string
	CreatedTime time.Time
	Fields      map[string]any
}

// Server is a running fake. All its methods are safe for concurrent use,
// including while requests are being served.
type Server struct {
	ts *httptest.Server

	mu           sync.Mutex
	grants       map[string]map[string]bool // token → base ids it may read
	tables       map[tableKey]*table
	iterators    map[string]*table // iterator id (an offset's part before "/") → the table it walks
	nextIterator int
	requests     map[string]int // base id → count
	total        int
	injected     map[string]int // fault kind → count
	throttle     throttle
	faults       fakeapi.Queue[Fault] // FailNext for anyone, RateLimitNext per base
	expiries     int                  // ExpireOffsets: for the next requests with an offset
	random       RandomFaults
	draws        fakeapi.Random // of random faults
}

type tableKey struct {
	baseID, tableID string
}

type table struct {
	records []Record
	index   map[string]int // record id → position
}

// New starts a fake with no tables, Airtable's rate limit and no faults.
func New() *Server {
	s := &Server{
		grants:    map[string]map[string]bool{},
		tables:    map[tableKey]*table{},
		iterators: map[string]*table{},
		requests:  map[string]int{},
		injected:  map[string]int{},
		throttle:  newThrottle(),
	}
	s.ts = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	return s
}

// URL is the v0 base URL, e.g. http://127.0.0.1:PORT/v0.
func (s *Server) URL() string { return s.ts.URL + apiPrefix }

// Close shuts the server down.
func (s *Server) Close() { s.ts.Close() }

// AddTable grants token the base and puts records in the table, replacing
// any table of that id (and so expiring its offsets). tableID is matched
// exactly, so it may be a tbl id or a table name. Records keep their order;
// one without an ID or CreatedTime gets one. Duplicate record ids panic.
func (s *Server) AddTable(token, baseID, tableID string, records []Record) {
	t := &table{records: make([]Record, len(records)), index: map[string]int{}}
	for i, r := range records {
		if r.ID == "" {
			r.ID = fmt.Sprintf("rec%014d", i+1)
		}
		if r.CreatedTime.IsZero() {
			r.CreatedTime = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute)
		}
		if _, dup := t.index[r.ID]; dup {
			panic("fakeairtable: duplicate record id " + r.ID)
		}
		t.records[i] = r
		t.index[r.ID] = i
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.grants[token] == nil {
		s.grants[token] = map[string]bool{}
	}
	s.grants[token][baseID] = true
	s.tables[tableKey{baseID, tableID}] = t
}

// Requests counts the requests whose path names baseID, whatever the
// answer: failed and throttled requests count, since the client sent them.
func (s *Server) Requests(baseID string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[baseID]
}

// TotalRequests counts every request the fake received.
func (s *Server) TotalRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.total
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	segments := pathSegments(r.URL)
	fault := s.admit(segments, r.URL.Query().Get("offset"))
	fakeapi.Serve(w, r, fault.Delay, fault.Truncate, func() fakeapi.Response {
		if fault.Status != 0 {
			return fault.response()
		}
		return s.answer(r, segments)
	})
}

// admit counts the request and draws the fault it is to suffer, if any. An
// offset chosen to expire is forgotten here, so the answer, and every later
// request with that offset, finds it gone as on Airtable.
func (s *Server) admit(segments []string, offset string) Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.total++
	var baseID string
	if len(segments) > 0 {
		baseID = segments[0]
		s.requests[baseID]++
	}
	fault, expire := s.nextFault(baseID, offset != "")
	if expire {
		itr, _, _ := strings.Cut(offset, "/")
		delete(s.iterators, itr)
	}
	s.countInjected(fault, expire)
	return fault
}

// Injected counts the faults the fake has injected so far, by kind:
// "429", "5xx", "truncated", "expired offset".
func (s *Server) Injected() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.injected)
}

func (s *Server) countInjected(f Fault, expire bool) {
	kind := fakeapi.Kind(f.Status, f.Truncate)
	if expire {
		kind = "expired offset"
	}
	if kind != "" {
		s.injected[kind]++
	}
}

// answer is what Airtable would answer, checked in the package's order.
func (s *Server) answer(r *http.Request, segments []string) fakeapi.Response {
	if r.Method != http.MethodGet || len(segments) != 2 {
		return notFound()
	}
	key := tableKey{baseID: segments[0], tableID: segments[1]}
	s.mu.Lock()
	defer s.mu.Unlock()
	token, ok := tokenOf(r)
	if !ok || s.grants[token] == nil {
		return errorResponse(http.StatusUnauthorized, typeAuthenticationRequired)
	}
	t := s.tables[key]
	if !s.grants[token][key.baseID] || t == nil {
		return errorResponse(http.StatusForbidden, typeInvalidPermissions)
	}
	if s.throttle.billing[key.baseID] {
		return errorResponse(http.StatusTooManyRequests, typeBillingLimit)
	}
	if !s.throttle.allow(key.baseID) {
		return errorResponse(http.StatusTooManyRequests, typeRateLimit)
	}
	return s.listRecords(r.URL.Query(), t)
}

// pathSegments returns the unescaped segments after /v0, so that an escaped
// "/" inside a table name stays in its segment; nil for any other path.
func pathSegments(u *url.URL) []string {
	rest, ok := strings.CutPrefix(u.EscapedPath(), apiPrefix+"/")
	if !ok || rest == "" {
		return nil
	}
	segments := strings.Split(rest, "/")
	for i, seg := range segments {
		unescaped, err := url.PathUnescape(seg)
		if err != nil || unescaped == "" {
			return nil
		}
		segments[i] = unescaped
	}
	return segments
}

// tokenOf reads "Authorization: Bearer <t>".
func tokenOf(r *http.Request) (string, bool) {
	scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	token = strings.TrimSpace(token)
	return token, strings.EqualFold(scheme, "Bearer") && token != ""
}
