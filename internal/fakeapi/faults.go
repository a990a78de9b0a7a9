package fakeapi

import (
	"math/rand/v2"
	"net/http"
)

// Queue holds the faults of a fake's next requests: those for anyone, and
// those for one key (a token, a base). It does no locking: the fake's own
// mutex guards it, as it guards the state a fault changes.
type Queue[F any] struct {
	next  []F
	byKey map[string][]F
}

// Add queues f for the next n requests, whoever sends them.
func (q *Queue[F]) Add(n int, f F) {
	for range n {
		q.next = append(q.next, f)
	}
}

// AddFor queues f for the next n requests of key.
func (q *Queue[F]) AddFor(key string, n int, f F) {
	if q.byKey == nil {
		q.byKey = map[string][]F{}
	}
	for range n {
		q.byKey[key] = append(q.byKey[key], f)
	}
}

// TakeFor takes the next fault queued for key.
func (q *Queue[F]) TakeFor(key string) (F, bool) {
	f, rest, ok := take(q.byKey[key])
	if ok {
		q.byKey[key] = rest
	}
	return f, ok
}

// Take takes the next fault queued for anyone.
func (q *Queue[F]) Take() (F, bool) {
	f, rest, ok := take(q.next)
	if ok {
		q.next = rest
	}
	return f, ok
}

func take[F any](queue []F) (F, []F, bool) {
	if len(queue) == 0 {
		var none F
		return none, nil, false
	}
	return queue[0], queue[1:], true
}

// Random draws faults from one generator with a fixed seed, so that a
// sequential run of requests repeats itself. The zero value draws none.
// Like Queue it does no locking.
type Random struct {
	rng *rand.Rand // nil when random faults are off
}

// Reset starts the draws again from seed, with on, or turns them off.
func (r *Random) Reset(seed int64, on bool) {
	r.rng = nil
	if on {
		r.rng = rand.New(rand.NewPCG(uint64(seed), uint64(seed)))
	}
}

// Draw picks one kind of fault from one uniform draw, kind i with
// probability p[i]: its index, or -1 for none (always, when draws are off).
func (r *Random) Draw(p ...float64) int {
	if r.rng == nil {
		return -1
	}
	x, sum := r.rng.Float64(), 0.0
	for i, pi := range p {
		if sum += pi; x < sum {
			return i
		}
	}
	return -1
}

// ServerErrorStatus draws 500, 502 or 503, after a Draw chose a server error.
func (r *Random) ServerErrorStatus() int {
	return []int{500, 502, 503}[r.rng.IntN(3)]
}

// Kind names the fault of a status and a truncation for a fake's Injected
// counts: "429", "5xx", "truncated", or "" for none of these.
func Kind(status int, truncate bool) string {
	switch {
	case status == http.StatusTooManyRequests:
		return "429"
	case status >= 500:
		return "5xx"
	case truncate:
		return "truncated"
	}
	return ""
}
