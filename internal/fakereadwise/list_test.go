package fakereadwise

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

type bookList = listJSON[listBookJSON]

func TestListPagesByNumberWithAbsoluteLinks(t *testing.T) {
	s := newServer(t, "tok", GenerateLibrary(1, 250, 0))

	first := getJSON[bookList](t, s, "tok", "/books/")
	if first.Count != 250 || len(first.Results) != 100 || first.Previous != nil {
		t.Fatalf("page 1: count %d, %d results, previous %v", first.Count, len(first.Results), first.Previous)
	}
	if want := s.URL() + "/books/?page=2"; first.Next == nil || *first.Next != want {
		t.Fatalf("next = %v, want %s", first.Next, want)
	}

	third := getJSON[bookList](t, s, "tok", "/books/?page=3")
	if len(third.Results) != 50 || third.Next != nil {
		t.Fatalf("page 3: %d results, next %v", len(third.Results), third.Next)
	}
	if want := s.URL() + "/books/?page=2"; third.Previous == nil || *third.Previous != want {
		t.Fatalf("previous = %v, want %s", third.Previous, want)
	}
	second := getJSON[bookList](t, s, "tok", "/books/?page=2")
	if want := s.URL() + "/books/"; second.Previous == nil || *second.Previous != want {
		t.Fatalf("previous of page 2 = %v, want %s (DRF drops page=1)", second.Previous, want)
	}

	seen := map[int64]bool{}
	for _, page := range []bookList{first, second, third} {
		for _, b := range page.Results {
			if seen[b.ID] {
				t.Fatalf("book %d on two pages", b.ID)
			}
			seen[b.ID] = true
		}
	}
	if len(seen) != 250 {
		t.Fatalf("%d distinct books over the pages, want 250", len(seen))
	}
}

func TestListNextKeepsOtherParameters(t *testing.T) {
	s := newServer(t, "tok", GenerateLibrary(1, 30, 0))
	page := getJSON[bookList](t, s, "tok", "/books?page_size=10&updated__gt=2000-01-01T00:00:00Z")
	next, err := url.Parse(*page.Next)
	if err != nil {
		t.Fatal(err)
	}
	q := next.Query()
	if next.Path != "/api/v2/books" || q.Get("page") != "2" || q.Get("page_size") != "10" || q.Get("updated__gt") != "2000-01-01T00:00:00Z" {
		t.Fatalf("next = %s", *page.Next)
	}
}

func TestListPageSize(t *testing.T) {
	s := newServer(t, "tok", GenerateLibrary(1, 1200, 0))
	for _, tc := range []struct {
		query string
		want  int
	}{
		{"", 100},
		{"?page_size=7", 7},
		{"?page_size=5000", 1000},
		{"?page_size=0", 100},
		{"?page_size=abc", 100},
	} {
		if got := len(getJSON[bookList](t, s, "tok", "/books/"+tc.query).Results); got != tc.want {
			t.Errorf("%q: %d results, want %d", tc.query, got, tc.want)
		}
	}
}

func TestListInvalidPageIs404(t *testing.T) {
	s := newServer(t, "tok", GenerateLibrary(1, 10, 0))
	for _, page := range []string{"2", "0", "-1", "abc"} {
		status, _, body := get(t, s, "tok", "/books/?page="+page)
		if status != http.StatusNotFound || detailOf(t, body) != "Invalid page." {
			t.Errorf("page=%s: %d %s", page, status, body)
		}
	}
}

func TestListEmptyLibraryHasOnePage(t *testing.T) {
	s := newServer(t, "tok", NewLibrary())
	if got := getJSON[bookList](t, s, "tok", "/books/?page=1"); got.Count != 0 || got.Results == nil || got.Next != nil {
		t.Fatalf("empty library: %+v, want count 0, results [] and no next", got)
	}
}

func TestListUpdatedFiltersAreExclusive(t *testing.T) {
	lib := GenerateLibrary(2, 0, 40)
	s := newServer(t, "tok", lib)
	all := lib.Highlights()
	pivot := all[7].Updated
	var after, before int
	for _, h := range all {
		if h.Updated.After(pivot) {
			after++
		}
		if h.Updated.Before(pivot) {
			before++
		}
	}
	at := url.QueryEscape(pivot.Format(time.RFC3339Nano))
	if got := getJSON[listJSON[listHighlightJSON]](t, s, "tok", "/highlights/?updated__gt="+at).Count; got != after {
		t.Errorf("updated__gt: %d, want %d", got, after)
	}
	if got := getJSON[listJSON[listHighlightJSON]](t, s, "tok", "/highlights/?updated__lt="+at).Count; got != before {
		t.Errorf("updated__lt: %d, want %d", got, before)
	}
	status, _, body := get(t, s, "tok", "/highlights/?updated__gt=yesterday")
	if status != http.StatusBadRequest {
		t.Errorf("bad date: %d %s", status, body)
	}
}

func TestListHidesDeletedHighlights(t *testing.T) {
	lib := GenerateLibrary(3, 2, 5)
	s := newServer(t, "tok", lib)
	gone := lib.Highlights()[0].ID
	if err := lib.DeleteHighlight(gone); err != nil {
		t.Fatal(err)
	}
	page := getJSON[listJSON[listHighlightJSON]](t, s, "tok", "/highlights/")
	if page.Count != 4 {
		t.Fatalf("count %d, want 4", page.Count)
	}
	for _, h := range page.Results {
		if h.ID == gone {
			t.Fatal("deleted highlight listed")
		}
	}
}
