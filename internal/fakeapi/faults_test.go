package fakeapi

import (
	"slices"
	"testing"
)

func TestQueueServesEachKeyAndThenAnyone(t *testing.T) {
	var q Queue[string]
	q.Add(2, "anyone")
	q.AddFor("a", 1, "a's")
	if f, ok := q.TakeFor("b"); ok {
		t.Fatalf("b took %q, queued for nobody", f)
	}
	if f, ok := q.TakeFor("a"); !ok || f != "a's" {
		t.Fatalf("a took %q %v", f, ok)
	}
	if _, ok := q.TakeFor("a"); ok {
		t.Fatal("a's fault was served twice")
	}
	var got []string
	for f, ok := q.Take(); ok; f, ok = q.Take() {
		got = append(got, f)
	}
	if !slices.Equal(got, []string{"anyone", "anyone"}) {
		t.Fatalf("took %v", got)
	}
}

func TestRandomRepeatsForASeed(t *testing.T) {
	run := func() []int {
		var r Random
		r.Reset(42, true)
		var kinds []int
		for range 200 {
			kind := r.Draw(0.2, 0.3)
			if kind == 1 {
				kind = r.ServerErrorStatus()
			}
			kinds = append(kinds, kind)
		}
		return kinds
	}
	first, second := run(), run()
	if !slices.Equal(first, second) {
		t.Fatalf("same seed, different draws:\n%v\n%v", first, second)
	}
	for _, want := range []int{-1, 0, 500, 502, 503} {
		if !slices.Contains(first, want) {
			t.Fatalf("no %d in %v", want, first)
		}
	}
}

func TestRandomOffDrawsNothing(t *testing.T) {
	var r Random
	if kind := r.Draw(1); kind != -1 {
		t.Fatalf("the zero Random drew %d", kind)
	}
	r.Reset(1, true)
	r.Reset(1, false)
	if kind := r.Draw(1); kind != -1 {
		t.Fatalf("a Random turned off drew %d", kind)
	}
}
