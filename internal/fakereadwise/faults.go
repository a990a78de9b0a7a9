package fakereadwise

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"
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

// faults holds the fault switches; the Server's mutex guards it.
type faults struct {
	queue    []Fault            // FailNext: for the next requests of anyone
	queueFor map[string][]Fault // RateLimitNext: for the next requests of one token
	random   RandomFaults
	rng      *rand.Rand // nil when random faults are off
}

// FailNext makes the next n requests, whoever sends them, suffer f.
func (s *Server) FailNext(n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults.queue = append(s.faults.queue, f)
	}
}

// RateLimitNext answers the next n requests of token with 429 and
// retryAfter, in whole seconds, in both the header and the body. These
// come before any FailNext fault.
func (s *Server) RateLimitNext(token string, n int, retryAfter time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults.queueFor[token] = append(s.faults.queueFor[token], throttleFault(retryAfter))
	}
}

// SetRandomFaults replaces the random fault mode; the zero value turns it off.
func (s *Server) SetRandomFaults(rf RandomFaults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.random = rf
	s.faults.rng = nil
	if rf.RateLimit+rf.ServerError+rf.Truncate+rf.Slow > 0 {
		s.faults.rng = rand.New(rand.NewPCG(uint64(rf.Seed), uint64(rf.Seed)))
	}
}

// next takes the fault of the next request of token: a queued one first,
// else a random one; the zero Fault means none.
func (f *faults) next(token string) Fault {
	if q := f.queueFor[token]; len(q) > 0 {
		f.queueFor[token] = q[1:]
		return q[0]
	}
	if len(f.queue) > 0 {
		next := f.queue[0]
		f.queue = f.queue[1:]
		return next
	}
	if f.rng == nil {
		return Fault{}
	}
	rf := f.random
	switch x := f.rng.Float64(); {
	case x < rf.RateLimit:
		return throttleFault(cmp.Or(rf.RetryAfter, time.Second))
	case x < rf.RateLimit+rf.ServerError:
		return Fault{Status: []int{500, 502, 503}[f.rng.IntN(3)]}
	case x < rf.RateLimit+rf.ServerError+rf.Truncate:
		return Fault{Truncate: true}
	case x < rf.RateLimit+rf.ServerError+rf.Truncate+rf.Slow:
		return Fault{Delay: cmp.Or(rf.SlowDelay, 2*time.Second)}
	}
	return Fault{}
}

func throttleFault(retryAfter time.Duration) Fault {
	secs := max(1, int(math.Ceil(retryAfter.Seconds())))
	return Fault{Status: http.StatusTooManyRequests, RetryAfter: strconv.Itoa(secs), Detail: throttleDetail(secs)}
}

// response is the answer a fault with a Status gives instead of the real one.
func (f Fault) response() response {
	var resp response
	switch {
	case f.Detail == "" && f.Status >= 502 && f.Status <= 504:
		// Gateway errors come from a proxy in front of Readwise, as HTML.
		text := fmt.Sprintf("%d %s", f.Status, http.StatusText(f.Status))
		resp = response{
			status: f.Status,
			header: http.Header{"Content-Type": {"text/html"}},
			body:   fmt.Appendf(nil, "<html><head><title>%s</title></head><body><center><h1>%s</h1></center></body></html>\n", text, text),
		}
	default:
		resp = detailResponse(f.Status, cmp.Or(f.Detail, defaultDetail(f.Status)))
	}
	if f.RetryAfter != "" {
		resp.header.Set("Retry-After", f.RetryAfter)
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
