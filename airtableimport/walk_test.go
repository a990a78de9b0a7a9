package airtableimport

import (
	"errors"
	"testing"
)

func page(offset string, imported int) Progress {
	return Progress{Offset: offset, TotalRecords: 100, ImportedRecords: imported}
}

func TestWalkCountsEachPageOnceAcrossRestarts(t *testing.T) {
	var w Walk
	outcomes := []Progress{
		page("o1", 10), page("o2", 20),
		{Expired: true},              // restart: pages 1 and 2 come again
		page("o1", 0), page("o2", 0), // walked, not counted
		page("o3", 30), {Expired: true}, // restart again
		page("o1", 0), page("o2", 0), page("o3", 0), page("", 40),
	}
	for i, p := range outcomes {
		done, err := w.Advance(p)
		if err != nil {
			t.Fatal(err)
		}
		if done != (i == len(outcomes)-1) {
			t.Fatalf("after outcome %d done = %v", i, done)
		}
	}
	if w.Total.ImportedRecords != 100 || w.Total.TotalRecords != 400 || w.Counted != 4 || w.Restarts != 2 {
		t.Fatalf("walk = %+v, want 4 pages counted once, 100 imported, 2 restarts", w)
	}
}

func TestWalkGivesUpWhenOffsetsKeepExpiring(t *testing.T) {
	var w Walk
	var err error
	for i := 0; i <= maxRestarts && err == nil; i++ {
		_, err = w.Advance(Progress{Expired: true})
	}
	if !errors.Is(err, ErrTooManyRestarts) {
		t.Fatalf("after %d expiries: %v", maxRestarts+1, err)
	}
}
