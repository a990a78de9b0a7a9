package airtable

import (
	"strconv"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

func TestPacerForgetsOnlyIdleBases(t *testing.T) {
	p := NewPacer(Limit{Rate: rate.Every(time.Second), Burst: 1})
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	p.reserve("appBusy", now)
	p.reserve("appIdle", now).CancelAt(now)

	p.dropIdle(now)
	if len(p.buckets) != 1 {
		t.Fatalf("%d bases kept, want only the busy one", len(p.buckets))
	}
	p.dropIdle(now.Add(time.Second)) // the busy bucket has refilled
	if len(p.buckets) != 0 {
		t.Fatalf("%d bases kept after they all went idle", len(p.buckets))
	}
}

func TestPacerSweepsAsTheMapGrows(t *testing.T) {
	p := NewPacer(DefaultLimit)
	now := time.Now()
	for i := range minSweep + 1 {
		p.reserve(strconv.Itoa(i), now).CancelAt(now)
	}
	if len(p.buckets) != 1 {
		t.Fatalf("%d buckets after a sweep of idle bases, want 1", len(p.buckets))
	}
}
