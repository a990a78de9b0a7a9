package readwisesync

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"spark.dev/spark/readwise"
	"spark.dev/spark/store"
)

var (
	newest = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	before = newest.Add(-5 * time.Minute)
)

func TestBooksUpdatedAfterStartsFromTheBeginningOrJustBeforeTheNewestBook(t *testing.T) {
	tests := map[string]struct {
		state store.ReadwiseState
		full  bool
		want  time.Time
	}{
		"no book stored yet":              {state: store.ReadwiseState{}, want: time.Time{}},
		"a full sync asked for":           {state: store.ReadwiseState{BooksUpdatedSeen: newest}, full: true, want: time.Time{}},
		"books stored: five minutes back": {state: store.ReadwiseState{BooksUpdatedSeen: newest}, want: before},
		"highlights do not count":         {state: store.ReadwiseState{HighlightsCursor: newest, FullSyncDone: true}, want: time.Time{}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := BooksUpdatedAfter(tc.state, tc.full); !got.Equal(tc.want) {
				t.Errorf("BooksUpdatedAfter = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestNewHighlightWalkIsFullUntilAFullSyncIsDone(t *testing.T) {
	synced := store.ReadwiseState{HighlightsCursor: newest, FullSyncDone: true}
	tests := map[string]struct {
		state store.ReadwiseState
		full  bool
		want  HighlightWalk
	}{
		"never synced":                   {state: store.ReadwiseState{}, want: HighlightWalk{Full: true}},
		"a full sync asked for":          {state: synced, full: true, want: HighlightWalk{Full: true}},
		"no full sync done yet":          {state: store.ReadwiseState{HighlightsCursor: newest}, want: HighlightWalk{Full: true}},
		"done but no highlight stored":   {state: store.ReadwiseState{FullSyncDone: true}, want: HighlightWalk{Full: true}},
		"synced: five minutes before it": {state: synced, want: HighlightWalk{UpdatedAfter: before, UpdatedSeen: newest}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := NewHighlightWalk(tc.state, tc.full); got != tc.want {
				t.Errorf("NewHighlightWalk = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestHighlightWalkFollowsTheCursorAndKeepsTheNewestUpdated(t *testing.T) {
	walk := HighlightWalk{UpdatedAfter: before, UpdatedSeen: newest}
	pages := []struct {
		page HighlightsProgress
		done bool
	}{
		{HighlightsProgress{NextCursor: "c1", UpdatedSeen: newest.Add(time.Hour)}, false},
		{HighlightsProgress{NextCursor: "c2"}, false}, // a page with no highlight keeps what was seen
		{HighlightsProgress{UpdatedSeen: newest.Add(time.Minute)}, true},
	}
	var cursors []string
	for i, p := range pages {
		if done := walk.Advance(p.page); done != p.done {
			t.Fatalf("page %d: done = %v, want %v", i, done, p.done)
		}
		cursors = append(cursors, walk.Cursor)
	}
	if !slices.Equal(cursors, []string{"c1", "c2", ""}) {
		t.Errorf("cursors after each page = %q, want each page's next cursor", cursors)
	}
	if want := newest.Add(time.Hour); !walk.UpdatedSeen.Equal(want) {
		t.Errorf("UpdatedSeen = %v, want the newest of all pages, %v", walk.UpdatedSeen, want)
	}
	if got, want := (HighlightWalk{Cursor: "c2", UpdatedAfter: before}).Query(), (readwise.ExportQuery{UpdatedAfter: before, Cursor: "c2"}); got != want {
		t.Errorf("Query = %+v, want %+v", got, want)
	}
	if walk.UpdatedAfter != before || walk.Full {
		t.Errorf("walk = %+v: Advance changed where the walk started", walk)
	}
}

// A walk travels in the event that continues a sync; runs in flight when
// this code is deployed carry the field names below.
func TestHighlightWalkKeepsItsWireNames(t *testing.T) {
	raw, err := json.Marshal(HighlightWalk{Cursor: "c", UpdatedAfter: before, UpdatedSeen: newest, Full: true})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"cursor":"c","updatedAfter":"2025-03-01T11:55:00Z","updatedSeen":"2025-03-01T12:00:00Z","full":true}`
	if string(raw) != want {
		t.Errorf("walk encodes as %s, want %s", raw, want)
	}
}
