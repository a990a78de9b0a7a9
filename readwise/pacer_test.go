package readwise

import (
	"strconv"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

func TestPacerForgetsOnlyIdleTokens(t *testing.T) {
	limit := Limit{Rate: rate.Every(time.Second), Burst: 1}
	p := NewPacer(limit, limit)
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	p.reserve("busy", listBucket, now)
	p.reserve("idle", listBucket, now).CancelAt(now)

	p.dropIdle(now)
	if len(p.buckets) != 1 {
		t.Fatalf("%d tokens kept, want only the busy one", len(p.buckets))
	}
	p.dropIdle(now.Add(time.Second)) // the busy bucket has refilled
	if len(p.buckets) != 0 {
		t.Fatalf("%d tokens kept after they all went idle", len(p.buckets))
	}
}

func TestPacerSweepsAsTheMapGrows(t *testing.T) {
	p := NewPacer(DefaultListLimit, DefaultOtherLimit)
	now := time.Now()
	for i := range minSweep + 1 {
		p.reserve(strconv.Itoa(i), otherBucket, now).CancelAt(now)
	}
	if len(p.buckets) != 1 {
		t.Fatalf("%d buckets after a sweep of idle tokens, want 1", len(p.buckets))
	}
}
