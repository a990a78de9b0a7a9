package fakeairtable

import (
	"math/rand/v2"
	"net/http"
	"time"
)

// Fault is what one request suffers instead of, or on top of, its answer.
type Fault struct {
	Status     int           // answer with this status instead (429, 500, 502, 503, 422, ...)
	Type       string        // Airtable error type of that answer; "" a default per status (see response)
	RetryAfter string        // Retry-After header sent with Status; "" sends none, as Airtable does
	Truncate   bool          // send only half of the body, then drop the connection
	Delay      time.Duration // wait this long before answering
}

// RandomFaults makes each request fail with the given probabilities, drawn
// from one generator seeded with Seed, so a sequential run repeats itself.
// ExpireOffset only touches requests that carry an offset.
type RandomFaults struct {
	Seed         int64
	RateLimit    float64 // 429 RATE_LIMIT_REACHED, for this request only
	ServerError  float64 // 500, 502 or 503
	Truncate     float64 // half a body, then a dropped connection
	ExpireOffset float64 // the request's offset is forgotten: 422 LIST_RECORDS_ITERATOR_NOT_AVAILABLE
}

// faults holds the fault switches; the Server's mutex guards it.
type faults struct {
	queue         []Fault            // FailNext: for the next requests of anyone
	queueFor      map[string][]Fault // RateLimitNext: for the next requests to one base
	expireOffsets int                // ExpireOffsets: for the next requests with an offset
	random        RandomFaults
	rng           *rand.Rand // nil when random faults are off
}

// FailNext makes the next n requests, whatever they ask, suffer f.
func (s *Server) FailNext(n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults.queue = append(s.faults.queue, f)
	}
}

// RateLimitNext answers the next n requests to baseID with 429
// RATE_LIMIT_REACHED, without starting a penalty. These come before any
// other fault.
func (s *Server) RateLimitNext(baseID string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults.queueFor[baseID] = append(s.faults.queueFor[baseID], Fault{Status: http.StatusTooManyRequests})
	}
}

// ExpireOffsets makes Airtable forget the offsets of the next n requests
// that carry one: each gets 422 LIST_RECORDS_ITERATOR_NOT_AVAILABLE, and so
// does any later request with the same offset. These come before FailNext
// faults.
func (s *Server) ExpireOffsets(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.expireOffsets += n
}

// SetRandomFaults replaces the random fault mode; the zero value turns it off.
func (s *Server) SetRandomFaults(rf RandomFaults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.random = rf
	s.faults.rng = nil
	if rf.RateLimit+rf.ServerError+rf.Truncate+rf.ExpireOffset > 0 {
		s.faults.rng = rand.New(rand.NewPCG(uint64(rf.Seed), uint64(rf.Seed)))
	}
}

// next takes the fault of the next request to baseID, and whether its
// offset is to expire: a queued fault first, else a random one. The zero
// Fault means none.
func (f *faults) next(baseID string, hasOffset bool) (Fault, bool) {
	if q := f.queueFor[baseID]; len(q) > 0 {
		f.queueFor[baseID] = q[1:]
		return q[0], false
	}
	if hasOffset && f.expireOffsets > 0 {
		f.expireOffsets--
		return Fault{}, true
	}
	if len(f.queue) > 0 {
		next := f.queue[0]
		f.queue = f.queue[1:]
		return next, false
	}
	if f.rng == nil {
		return Fault{}, false
	}
	rf := f.random
	switch x := f.rng.Float64(); {
	case x < rf.RateLimit:
		return Fault{Status: http.StatusTooManyRequests}, false
	case x < rf.RateLimit+rf.ServerError:
		return Fault{Status: []int{500, 502, 503}[f.rng.IntN(3)]}, false
	case x < rf.RateLimit+rf.ServerError+rf.Truncate:
		return Fault{Truncate: true}, false
	case x < rf.RateLimit+rf.ServerError+rf.Truncate+rf.ExpireOffset:
		return Fault{}, hasOffset
	}
	return Fault{}, false
}

// response is the answer a fault with a Status gives instead of the real
// one: an Airtable error body of Type, or for a bare 404 the string form,
// for a bare 502-504 a proxy's HTML page.
func (f Fault) response() response {
	var resp response
	switch {
	case f.Type != "":
		resp = errorResponse(f.Status, f.Type)
	case f.Status == http.StatusNotFound:
		resp = notFound()
	case f.Status >= 502 && f.Status <= 504:
		resp = gatewayError(f.Status)
	default:
		resp = errorResponse(f.Status, defaultType(f.Status))
	}
	if f.RetryAfter != "" {
		resp.header.Set("Retry-After", f.RetryAfter)
	}
	return resp
}

func defaultType(status int) string {
	switch {
	case status == http.StatusUnauthorized:
		return typeAuthenticationRequired
	case status == http.StatusForbidden:
		return typeInvalidPermissions
	case status == http.StatusTooManyRequests:
		return typeRateLimit
	case status >= 500:
		return typeServerError
	}
	return typeInvalidRequest
}
