package airtableimport

import "errors"

// maxRestarts bounds how often one import starts its page walk again after
// Airtable expired an offset (it forgets them after a few minutes).
const maxRestarts = 20

// ErrTooManyRestarts ends an import whose offsets keep expiring.
var ErrTooManyRestarts = errors.New("Airtable expired the page offset 20 times during one import")

// Walk is where an import's page walk stands. It is small and plain, so it
// can travel in a step's output and in the event that continues an import
// in a new run.
type Walk struct {
	Offset   string   `json:"offset,omitempty"` // where the next page starts; "" is the first page
	Position int      `json:"position"`         // pages walked since the walk last started from page 1
	Counted  int      `json:"counted"`          // pages whose records are in Total
	Restarts int      `json:"restarts"`
	Total    Progress `json:"total"`
}

// Advance takes one page's outcome and reports whether the walk is done.
// An expired offset restarts the walk from the first page; pages walked
// again are not counted again (importing them again creates nothing).
func (w *Walk) Advance(page Progress) (done bool, err error) {
	if page.Expired {
		if w.Restarts++; w.Restarts > maxRestarts {
			return false, ErrTooManyRestarts
		}
		w.Offset, w.Position = "", 0
		return false, nil
	}
	if w.Position++; w.Position > w.Counted {
		w.Total, w.Counted = w.Total.Add(page), w.Counted+1
	}
	w.Offset = page.Offset
	return w.Offset == "", nil
}
