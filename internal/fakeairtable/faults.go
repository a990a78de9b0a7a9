package fakeairtable

import (
	"net/http"
	"time"

	"spark.dev/spark/internal/fakeapi"
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

// FailNext makes the next n requests, whatever they ask, suffer f.
func (s *Server) FailNext(n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.Add(n, f)
}

// RateLimitNext answers the next n requests to baseID with 429
// RATE_LIMIT_REACHED, without starting a penalty. These come before any
// other fault.
func (s *Server) RateLimitNext(baseID string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.AddFor(baseID, n, Fault{Status: http.StatusTooManyRequests})
}

// ExpireOffsets makes Airtable forget the offsets of the next n requests
// that carry one: each gets 422 LIST_RECORDS_ITERATOR_NOT_AVAILABLE, and so
// does any later request with the same offset. These come before FailNext
// faults.
func (s *Server) ExpireOffsets(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expiries += n
}

// SetRandomFaults replaces the random fault mode; the zero value turns it off.
func (s *Server) SetRandomFaults(rf RandomFaults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.random = rf
	s.draws.Reset(rf.Seed, rf.RateLimit+rf.ServerError+rf.Truncate+rf.ExpireOffset > 0)
}

// nextFault takes the fault of the next request to baseID, and whether its
// offset is to expire: a queued fault first, else a random one. The zero
// Fault means none.
func (s *Server) nextFault(baseID string, hasOffset bool) (Fault, bool) {
	if f, ok := s.faults.TakeFor(baseID); ok {
		return f, false
	}
	if hasOffset && s.expiries > 0 {
		s.expiries--
		return Fault{}, true
	}
	if f, ok := s.faults.Take(); ok {
		return f, false
	}
	rf := s.random
	switch s.draws.Draw(rf.RateLimit, rf.ServerError, rf.Truncate, rf.ExpireOffset) {
	case 0:
		return Fault{Status: http.StatusTooManyRequests}, false
	case 1:
		return Fault{Status: s.draws.ServerErrorStatus()}, false
	case 2:
		return Fault{Truncate: true}, false
	case 3:
		return Fault{}, hasOffset
	}
	return Fault{}, false
}

// response is the answer a fault with a Status gives instead of the real
// one: an Airtable error body of Type, or for a bare 404 the string form,
// for a bare 502-504 a proxy's HTML page.
func (f Fault) response() fakeapi.Response {
	var resp fakeapi.Response
	switch {
	case f.Type != "":
		resp = errorResponse(f.Status, f.Type)
	case f.Status == http.StatusNotFound:
		resp = notFound()
	case f.Status >= 502 && f.Status <= 504:
		resp = fakeapi.GatewayError(f.Status)
	default:
		resp = errorResponse(f.Status, defaultType(f.Status))
	}
	if f.RetryAfter != "" {
		resp.Header.Set("Retry-After", f.RetryAfter)
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
