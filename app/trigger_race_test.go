package app_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"testing"
	"time"

	"spark.dev/spark/app"
	"spark.dev/spark/internal/testtoken"
	"spark.dev/spark/secure"
)

// cuedEvents holds every send until the test answers it: Send hands the
// test a cuedSend and returns what the test answers.
type cuedEvents struct{ sends chan cuedSend }

type cuedSend struct{ answer chan error }

var errSendRefused = errors.New("sending events: refused on cue")

func (e cuedEvents) Send(ctx context.Context, _ any) (string, error) {
	s := cuedSend{answer: make(chan error)}
	select {
	case e.sends <- s:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	if err := <-s.answer; err != nil {
		return "", err
	}
	return "evt-cued", nil
}

func (cuedEvents) SendMany(context.Context, []any) ([]string, error) {
	return nil, errSendRefused
}

// next waits for the next send.
func (e cuedEvents) next(t *testing.T) cuedSend {
	t.Helper()
	select {
	case s := <-e.sends:
		return s
	case <-time.After(10 * time.Second):
		t.Fatal("no send within 10 s")
		return cuedSend{}
	}
}

// triggerResult is what a trigger answered.
type triggerResult struct {
	status int
	err    error
}

// startTrigger sends trigger-readwise with key as user, answering on the
// returned channel.
func (a *testApp) startTrigger(user, key string) <-chan triggerResult {
	done := make(chan triggerResult, 1)
	go func() {
		status, _, err := a.tryAs(user, http.MethodPost, "/api/inngest/trigger-readwise", map[string]any{"apiKey": key})
		done <- triggerResult{status, err}
	}()
	return done
}

// storedKey is the user's Readwise key as the settings show it, masked.
func (a *testApp) storedKey(user string) any {
	a.t.Helper()
	_, settings := a.as(user, http.MethodGet, "/api/user-settings?integration=readwise", nil)
	return settings["apiKey"]
}

// Two triggers of one user, A then B, each storing a key before its send:
// in every order of their sends' outcomes the key left is one whose event
// was sent (B's when both were), or the one from before when neither was.
func TestConcurrentTriggersOfOneUserLeaveASentKey(t *testing.T) {
	const original, keyA, keyB = "rw-original-key-orig", "rw-request-key-aaaa", "rw-request-key-bbbb"
	orders := []string{"A settles before B stages", "A settles first", "B settles first"}
	eachEngine(t, func(t *testing.T, env map[string]string) {
		events := cuedEvents{sends: make(chan cuedSend)}
		a := newTestApp(t, env, app.WithEventSender(events))
		n := 0
		for _, from := range []string{"", original} {
			for _, order := range orders {
				for _, okA := range []bool{false, true} {
					for _, okB := range []bool{false, true} {
						n++
						user := testtoken.UserID(n)
						if from != "" {
							a.as(user, http.MethodPatch, "/api/user-settings", map[string]any{"integrations": map[string]any{"readwise": map[string]any{"apiKey": from}}})
						}
						runTwoTriggers(t, a, events, user, order, okA, okB, keyA, keyB)
						want := secure.Mask(from)
						switch {
						case okB:
							want = secure.Mask(keyB)
						case okA:
							want = secure.Mask(keyA)
						}
						if got := a.storedKey(user); got != want {
							t.Errorf("from %q, %s, A sent %v, B sent %v: stored key %v, want %q", from, order, okA, okB, got, want)
						}
					}
				}
			}
		}
	})
}

// runTwoTriggers runs trigger A then trigger B of user, settling their
// sends in order, and checks each answer: 200 when sent, else 502.
func runTwoTriggers(t *testing.T, a *testApp, events cuedEvents, user, order string, okA, okB bool, keyA, keyB string) {
	t.Helper()
	outcome := func(ok bool) error {
		if ok {
			return nil
		}
		return errSendRefused
	}
	settle := func(name string, send cuedSend, done <-chan triggerResult, ok bool) {
		t.Helper()
		send.answer <- outcome(ok)
		r := <-done
		want := http.StatusBadGateway
		if ok {
			want = http.StatusOK
		}
		if r.err != nil || r.status != want {
			t.Fatalf("trigger %s: %d %v, want %d", name, r.status, r.err, want)
		}
	}
	doneA := a.startTrigger(user, keyA)
	sendA := events.next(t)
	if order == "A settles before B stages" {
		settle("A", sendA, doneA, okA)
	}
	doneB := a.startTrigger(user, keyB)
	sendB := events.next(t)
	switch order {
	case "A settles before B stages":
		settle("B", sendB, doneB, okB)
	case "A settles first":
		settle("A", sendA, doneA, okA)
		settle("B", sendB, doneB, okB)
	case "B settles first":
		settle("B", sendB, doneB, okB)
		settle("A", sendA, doneA, okA)
	}
}

// flakyEvents fails about half the sends, after a random pause that lets
// concurrent triggers interleave.
type flakyEvents struct {
	mu  sync.Mutex
	rnd *rand.Rand
}

func (e *flakyEvents) Send(context.Context, any) (string, error) {
	e.mu.Lock()
	pause, fail := time.Duration(e.rnd.IntN(3000))*time.Microsecond, e.rnd.IntN(2) == 0
	e.mu.Unlock()
	time.Sleep(pause)
	if fail {
		return "", errSendRefused
	}
	return "evt-flaky", nil
}

func (*flakyEvents) SendMany(context.Context, []any) ([]string, error) {
	return nil, errSendRefused
}

// Many triggers of one user at once, some of whose sends fail: the key left
// is one whose event was sent, or the one from before when none was.
func TestConcurrentTriggersWithFailingSendsLeaveASentKey(t *testing.T) {
	const original, triggers, rounds = "rw-original-key-orig", 50, 4
	eachEngine(t, func(t *testing.T, env map[string]string) {
		seed := rand.Uint64()
		t.Logf("seed %d", seed)
		a := newTestApp(t, env, app.WithEventSender(&flakyEvents{rnd: rand.New(rand.NewPCG(seed, 0))}))
		for round := range rounds {
			user := testtoken.UserID(round)
			a.as(user, http.MethodPatch, "/api/user-settings", map[string]any{"integrations": map[string]any{"readwise": map[string]any{"apiKey": original}}})
			results := make([]triggerResult, triggers)
			var wg sync.WaitGroup
			for i := range triggers {
				wg.Go(func() { results[i] = <-a.startTrigger(user, fmt.Sprintf("rw-stress-key-%04d", i)) })
			}
			wg.Wait()
			sent := map[any]bool{}
			for i, r := range results {
				switch {
				case r.err != nil || (r.status != http.StatusOK && r.status != http.StatusBadGateway):
					t.Fatalf("trigger %d: %d %v, want 200 or 502", i, r.status, r.err)
				case r.status == http.StatusOK:
					sent[secure.Mask(fmt.Sprintf("rw-stress-key-%04d", i))] = true
				}
			}
			got := a.storedKey(user)
			if len(sent) == 0 && got != secure.Mask(original) || len(sent) > 0 && !sent[got] {
				t.Errorf("round %d: %d of %d sends went through, stored key %v: want one of theirs, or the original when none", round, len(sent), triggers, got)
			}
		}
	})
}
