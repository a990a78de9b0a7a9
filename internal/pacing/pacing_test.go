package pacing

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

func TestForgetsOnlyIdleKeys(t *testing.T) {
	p := New(Limit{Rate: rate.Every(time.Second), Burst: 1}, Limit{Rate: rate.Every(time.Second), Burst: 1})
	now := time.Now()
	p.reserve("busy", 1, now)
	p.reserve("idle", 0, now).CancelAt(now)

	p.dropIdle(now)
	if len(p.buckets) != 1 {
		t.Fatalf("%d keys kept, want only the busy one", len(p.buckets))
	}
	p.dropIdle(now.Add(time.Second)) // the busy bucket has refilled
	if len(p.buckets) != 0 {
		t.Fatalf("%d keys kept after they all went idle", len(p.buckets))
	}
}

func TestSweepsAsTheMapGrows(t *testing.T) {
	p := New(Limit{Rate: 1, Burst: 1})
	now := time.Now()
	for i := 0; i <= minSweep; i++ {
		p.reserve(strconv.Itoa(i), 0, now).CancelAt(now)
	}
	if len(p.buckets) != 1 {
		t.Fatalf("%d buckets after a sweep of idle keys, want 1", len(p.buckets))
	}
}

// Keys and kinds have buckets of their own; a wait that would outlast the
// deadline answers at once with when to come back.
func TestBucketsAreApartAndDeadlinesAnswerAtOnce(t *testing.T) {
	p := New(Limit{Rate: rate.Every(time.Hour), Burst: 1}, Limit{Rate: rate.Every(time.Hour), Burst: 1})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, call := range []struct {
		key  string
		kind int
	}{{"a", 0}, {"a", 1}, {"b", 0}} {
		if err := p.Wait(ctx, call.key, call.kind); err != nil {
			t.Fatalf("first request of %s/%d: %v", call.key, call.kind, err)
		}
	}
	err := p.Wait(ctx, "a", 0)
	var soon *TooSoonError
	if !errors.As(err, &soon) || soon.At.Before(time.Now().Add(59*time.Minute)) {
		t.Fatalf("a second request within the hour: %v, want TooSoonError about an hour away", err)
	}
}
