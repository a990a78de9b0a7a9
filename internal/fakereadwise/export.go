package fakereadwise

import (
	"cmp"
	"encoding/base64"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"spark.dev/spark/internal/fakeapi"
)

type exportJSON struct {
	Count          int              `json:"count"`
	NextPageCursor *string          `json:"nextPageCursor"`
	Results        []exportBookJSON `json:"results"`
}

// exportKey orders the export: by book, then highlight. A cursor is the key
// of the last highlight sent, so a walk neither skips nor repeats a
// highlight when the library changes between pages.
type exportKey struct {
	book, highlight int64
}

func (k exportKey) compare(o exportKey) int {
	return cmp.Or(cmp.Compare(k.book, o.book), cmp.Compare(k.highlight, o.highlight))
}

// export answers EXPORT. Its documented parameters:
//   - updatedAfter keeps highlights updated strictly after it;
//   - ids keeps the books (user_book_id) listed, comma-separated;
//   - includeDeleted=true keeps deleted highlights, with is_deleted;
//   - pageCursor continues a walk.
//
// Readwise does not say whether a book comes back for a change of its own;
// the fake takes the strict reading: a book appears only with at least one
// selected highlight, so book changes must come from Book LIST. count is
// the number of books in the whole result, every page included.
func export(r *http.Request, lib *Library, pageSize int) fakeapi.Response {
	query := r.URL.Query()
	var after time.Time
	if v := query.Get("updatedAfter"); v != "" {
		t, err := parseTime(v)
		if err != nil {
			return jsonResponse(http.StatusBadRequest, map[string][]string{"updatedAfter": {"Enter a valid date/time."}})
		}
		after = t
	}
	ids, err := parseIDs(query.Get("ids"))
	if err != nil {
		return jsonResponse(http.StatusBadRequest, map[string][]string{"ids": {"Enter a whole number."}})
	}
	includeDeleted := strings.EqualFold(query.Get("includeDeleted"), "true")
	from, err := decodeCursor(query.Get("pageCursor"))
	if err != nil {
		return detailResponse(http.StatusNotFound, "Invalid cursor")
	}

	snap := lib.snapshot()
	filter := fmt.Sprint(after.UnixNano(), includeDeleted, query.Get("ids"))
	sel := snap.exportSelection(filter, func() *exportSelection {
		// Pointers into the snapshot: a walk over a large library must not
		// copy every highlight for every page.
		var selected []*Highlight
		for i := range snap.exportOrder {
			h := &snap.exportOrder[i]
			if (includeDeleted || !h.Deleted) && (after.IsZero() || h.Updated.After(after)) && (ids == nil || ids[h.BookID]) {
				selected = append(selected, h)
			}
		}
		return &exportSelection{highlights: selected, books: countBooks(selected)}
	})
	selected := sel.highlights

	start, _ := slices.BinarySearchFunc(selected, from, func(h *Highlight, k exportKey) int {
		return keyOf(*h).compare(k)
	})
	if start < len(selected) && keyOf(*selected[start]) == from {
		start++
	}
	end := min(start+pageSize, len(selected))
	body := exportJSON{Count: sel.books, Results: []exportBookJSON{}}
	if end < len(selected) {
		next := encodeCursor(keyOf(*selected[end-1]))
		body.NextPageCursor = &next
	}
	bookByID := snap.bookByID
	for page := selected[start:end]; len(page) > 0; {
		n := 1
		for n < len(page) && page[n].BookID == page[0].BookID {
			n++
		}
		highlights := make([]Highlight, n)
		for i, h := range page[:n] {
			highlights[i] = *h
		}
		body.Results = append(body.Results, renderExportBook(bookByID[page[0].BookID], highlights))
		page = page[n:]
	}
	return jsonResponse(http.StatusOK, body)
}

func keyOf(h Highlight) exportKey { return exportKey{book: h.BookID, highlight: h.ID} }

// countBooks counts the distinct books of highlights sorted by book.
func countBooks(sorted []*Highlight) int {
	n := 0
	for i, h := range sorted {
		if i == 0 || h.BookID != sorted[i-1].BookID {
			n++
		}
	}
	return n
}

// parseIDs reads a comma-separated id list; "" selects every book (nil).
func parseIDs(v string) (map[int64]bool, error) {
	if v == "" {
		return nil, nil
	}
	ids := map[int64]bool{}
	for _, s := range strings.Split(v, ",") {
		id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil {
			return nil, err
		}
		ids[id] = true
	}
	return ids, nil
}

// Cursors are opaque to clients: base64 of the last key sent. The empty
// cursor starts before every key, since ids are positive.
func encodeCursor(k exportKey) string {
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "%d:%d", k.book, k.highlight))
}

func decodeCursor(c string) (exportKey, error) {
	if c == "" {
		return exportKey{}, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return exportKey{}, err
	}
	var k exportKey
	if _, err := fmt.Sscanf(string(raw), "%d:%d", &k.book, &k.highlight); err != nil {
		return exportKey{}, err
	}
	return k, nil
}
