package fakereadwise

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

// exportAll walks every page of /export/ with query, following the cursor.
func exportAll(t *testing.T, s *Server, query url.Values) (pages []exportJSON) {
	t.Helper()
	for {
		page := getJSON[exportJSON](t, s, "tok", "/export/?"+query.Encode())
		pages = append(pages, page)
		if page.NextPageCursor == nil {
			return pages
		}
		query.Set("pageCursor", *page.NextPageCursor)
	}
}

func exportedHighlights(t *testing.T, pages []exportJSON) []exportHighlightJSON {
	t.Helper()
	var all []exportHighlightJSON
	for _, p := range pages {
		for _, b := range p.Results {
			for _, h := range b.Highlights {
				if h.BookID != b.UserBookID {
					t.Fatalf("highlight %d of book %d listed under book %d", h.ID, h.BookID, b.UserBookID)
				}
				all = append(all, h)
			}
		}
	}
	return all
}

func TestExportCursorWalksEveryHighlightOnce(t *testing.T) {
	lib := GenerateLibrary(4, 12, 100)
	s := newServer(t, "tok", lib)
	s.SetExportPageSize(7)

	pages := exportAll(t, s, url.Values{})
	if len(pages) != 15 {
		t.Fatalf("%d pages, want ceil(100/7) = 15", len(pages))
	}
	got := exportedHighlights(t, pages)
	if len(got) != 100 {
		t.Fatalf("%d highlights, want 100", len(got))
	}
	seen := map[int64]bool{}
	for _, h := range got {
		if seen[h.ID] {
			t.Fatalf("highlight %d exported twice", h.ID)
		}
		seen[h.ID] = true
	}
	booksWithHighlights := 0
	for _, b := range lib.Books() {
		if b.NumHighlights > 0 {
			booksWithHighlights++
		}
	}
	for _, p := range pages {
		if p.Count != booksWithHighlights {
			t.Fatalf("count %d, want %d books in the whole result", p.Count, booksWithHighlights)
		}
	}
}

func TestExportCursorSurvivesChangesBetweenPages(t *testing.T) {
	lib := GenerateLibrary(5, 3, 30)
	s := newServer(t, "tok", lib)
	s.SetExportPageSize(10)

	first := getJSON[exportJSON](t, s, "tok", "/export/")
	sent := exportedHighlights(t, []exportJSON{first})
	if err := lib.DeleteHighlight(sent[0].ID); err != nil { // already sent: must not shift the rest
		t.Fatal(err)
	}
	rest := exportAll(t, s, url.Values{"pageCursor": {*first.NextPageCursor}})
	if n := len(sent) + len(exportedHighlights(t, rest)); n != 30 {
		t.Fatalf("%d highlights over the walk, want 30", n)
	}
}

func TestExportDeletionsOnlyWithIncludeDeleted(t *testing.T) {
	lib := GenerateLibrary(6, 2, 6)
	s := newServer(t, "tok", lib)
	gone := lib.Highlights()[2].ID
	if err := lib.DeleteHighlight(gone); err != nil {
		t.Fatal(err)
	}
	find := func(query url.Values) *exportHighlightJSON {
		for _, h := range exportedHighlights(t, exportAll(t, s, query)) {
			if h.ID == gone {
				return &h
			}
		}
		return nil
	}
	if find(url.Values{}) != nil {
		t.Error("deleted highlight exported without includeDeleted")
	}
	if h := find(url.Values{"includeDeleted": {"true"}}); h == nil || !h.IsDeleted {
		t.Errorf("with includeDeleted: %+v, want is_deleted", h)
	}
}

func TestExportUpdatedAfterAndIDs(t *testing.T) {
	lib := GenerateLibrary(7, 5, 50)
	s := newServer(t, "tok", lib)
	since := time.Now().Add(-time.Second) // generated times are in 2023
	edited := lib.Highlights()[10]
	if err := lib.EditHighlight(edited.ID, "changed"); err != nil {
		t.Fatal(err)
	}

	got := exportedHighlights(t, exportAll(t, s, url.Values{"updatedAfter": {since.Format(time.RFC3339Nano)}}))
	if len(got) != 1 || got[0].ID != edited.ID || got[0].Text != "changed" {
		t.Fatalf("updatedAfter: %+v, want only the edited highlight", got)
	}

	pages := exportAll(t, s, url.Values{"ids": {formatID(edited.BookID)}})
	for _, p := range pages {
		for _, b := range p.Results {
			if b.UserBookID != edited.BookID {
				t.Fatalf("ids: got book %d", b.UserBookID)
			}
		}
	}
}

func TestExportBadCursorIs404(t *testing.T) {
	s := newServer(t, "tok", GenerateLibrary(8, 1, 1))
	status, _, body := get(t, s, "tok", "/export/?pageCursor=not-a-cursor")
	if status != http.StatusNotFound {
		t.Fatalf("%d %s", status, body)
	}
}
