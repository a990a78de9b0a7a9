package app_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"spark.dev/spark/app"
	"spark.dev/spark/internal/testtoken"
)

// acceptingEvents accepts every send at once.
type acceptingEvents struct{}

func (acceptingEvents) Send(context.Context, any) (string, error) { return "evt-accepted", nil }

func (acceptingEvents) SendMany(_ context.Context, evts []any) ([]string, error) {
	return make([]string, len(evts)), nil
}

// A burst of triggers, of one user or of as many users as requests, each
// storing a new key, is answered 200 every time: writers wait their turn
// rather than give up on a lock (SQLite's "database is locked") or on a
// connection the server refuses (PostgreSQL's "too many clients").
func TestTriggerBurstAnswersNo5xx(t *testing.T) {
	const requests = 1000
	eachEngine(t, func(t *testing.T, env map[string]string) {
		a := newTestApp(t, env, app.WithEventSender(acceptingEvents{}))
		for _, users := range []int{1, requests} {
			statuses := map[string]int{}
			var mu sync.Mutex
			var wg sync.WaitGroup
			for i := range requests {
				wg.Go(func() {
					user := testtoken.UserID(i % users)
					status, _, err := a.tryAs(user, http.MethodPost, "/api/inngest/trigger-readwise", map[string]any{"apiKey": fmt.Sprintf("rw-burst-key-%04d", i)})
					outcome := fmt.Sprint(status)
					if err != nil {
						outcome = err.Error()
					}
					mu.Lock()
					statuses[outcome]++
					mu.Unlock()
				})
			}
			wg.Wait()
			if statuses["200"] != requests {
				t.Errorf("%d triggers of %d users answered %v, want all 200", requests, users, statuses)
			}
		}
	})
}
