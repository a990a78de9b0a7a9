package fakereadwise

import (
	"cmp"
	"math"
	"net/http"
	"strconv"
	"time"

	"spark.dev/spark/internal/fakeapi"
)

// Fault is what one request suffers instead of, or on top of, its answer.
type Fault struct {
	Status     int           // answer with this status instead (429, 500, 502, 503, ...)
	RetryAfter string        // Retry-After header sent with Status: seconds or an HTTP date; "" sends none
	Detail     string        // "detail" of the JSON body sent with Status; "" a default (502-504: a proxy's HTML page)
	Truncate   bool          // send only half of the body, then drop the connection
	Delay      time.Duration // wait this long before answering
}

// RandomFaults makes each request fail with the given probabilities, drawn
// from one generator seeded with Seed, so a sequential run repeats itself.
type RandomFaults struct {
	Seed        int64
	RateLimit   float64       // 429 with Retry-After
	ServerError float64       // 500, 502 or 503
	Truncate    float64       // half a body, then a dropped connection
	Slow        float64       // an answer delayed by SlowDelay
	RetryAfter  time.Duration // of a random 429; default 1 s
	SlowDelay   time.Duration // default 2 s
}

// FailNext makes the next n requests, whoever sends them, suffer f.
func (s *Server) FailNext(n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.Add(n, f)
}

// RateLimitNext answers the next n requests of token with 429 and
// retryAfter, in whole seconds, in both the header and the body. These
// come before any FailNext fault.
func (s *Server) RateLimitNext(token string, n int, retryAfter time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.AddFor(token, n, throttleFault(retryAfter))
}

// SetRandomFaults replaces the random fault mode; the zero value turns it off.
func (s *Server) SetRandomFaults(rf RandomFaults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.random = rf
	s.draws.Reset(rf.Seed, rf.RateLimit+rf.ServerError+rf.Truncate+rf.Slow > 0)
}

// nextFault takes the fault of the next request of token: a queued one
// first, else a random one; the zero Fault means none.
func (s *Server) nextFault(token string) Fault {
	if f, ok := s.faults.TakeFor(token); ok {
		return f
	}
	if f, ok := s.faults.Take(); ok {
		return f
	}
	rf := s.random
	switch s.draws.Draw(rf.RateLimit, rf.ServerError, rf.Truncate, rf.Slow) {
	case 0:
		return throttleFault(cmp.Or(rf.RetryAfter, time.Second))
	case 1:
		return Fault{Status: s.draws.ServerErrorStatus()}
	case 2:
		return Fault{Truncate: true}
	case 3:
		return Fault{Delay: cmp.Or(rf.SlowDelay, 2*time.Second)}
	}
	return Fault{}
}

func throttleFault(retryAfter time.Duration) Fault {
	secs := max(1, int(math.Ceil(retryAfter.Seconds())))
	return Fault{Status: http.StatusTooManyRequests, RetryAfter: strconv.Itoa(secs), Detail: throttleDetail(secs)}
}

// response is the answer a fault with a Status gives instead of the real one.
func (f Fault) response() fakeapi.Response {
	var resp fakeapi.Response
	switch {
	case f.Detail == "" && f.Status >= 502 && f.Status <= 504:
		resp = fakeapi.GatewayError(f.Status) // from a proxy in front of Readwise
	default:
		resp = detailResponse(f.Status, cmp.Or(f.Detail, defaultDetail(f.Status)))
	}
	if f.RetryAfter != "" {
		resp.Header.Set("Retry-After", f.RetryAfter)
	}
	return resp
}

// defaultDetail is DRF's wording where it has one.
func defaultDetail(status int) string {
	switch status {
	case http.StatusTooManyRequests:
		return "Request was throttled."
	case http.StatusInternalServerError:
		return "A server error occurred."
	}
	return http.StatusText(status)
}
