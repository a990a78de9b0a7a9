package readwisesync

import (
	"time"

	"spark.dev/spark/readwise"
	"spark.dev/spark/store"
)

// overlap re-reads a little of what the last sync saw, so a change stamped
// just before the previous sync's newest `updated` is never missed. Upserts
// make the re-read harmless.
const overlap = 5 * time.Minute

// BooksUpdatedAfter is where a book sync starts: from the beginning (zero)
// when full is asked for or no book was stored yet, else a little before
// the newest `updated` stored.
func BooksUpdatedAfter(state store.ReadwiseState, full bool) time.Time {
	if full || state.BooksUpdatedSeen.IsZero() {
		return time.Time{}
	}
	return state.BooksUpdatedSeen.Add(-overlap)
}

// HighlightWalk is where a highlight sync's export walk stands. It is small
// and plain, so it can travel in a step's output and in the event that
// continues a sync in a new run.
type HighlightWalk struct {
	Cursor       string    `json:"cursor"`       // where the next page starts; "" is the first page, or none after one
	UpdatedAfter time.Time `json:"updatedAfter"` // zero for a full sync
	UpdatedSeen  time.Time `json:"updatedSeen"`  // newest highlight `updated` seen, the next sync's start
	Full         bool      `json:"full"`
}

// NewHighlightWalk is the walk a new highlight sync takes: the whole export
// for a full sync (asked for, or none done yet), else what changed since a
// little before the newest `updated` stored.
func NewHighlightWalk(state store.ReadwiseState, full bool) HighlightWalk {
	if full || !state.FullSyncDone || state.HighlightsCursor.IsZero() {
		return HighlightWalk{Full: true}
	}
	return HighlightWalk{UpdatedAfter: state.HighlightsCursor.Add(-overlap), UpdatedSeen: state.HighlightsCursor}
}

// Query asks for the walk's next page.
func (w HighlightWalk) Query() readwise.ExportQuery {
	return readwise.ExportQuery{UpdatedAfter: w.UpdatedAfter, Cursor: w.Cursor}
}

// Advance moves the walk past one page and reports whether it was the last.
func (w *HighlightWalk) Advance(page HighlightsProgress) (done bool) {
	w.Cursor = page.NextCursor
	w.UpdatedSeen = later(w.UpdatedSeen, page.UpdatedSeen)
	return w.Cursor == ""
}
