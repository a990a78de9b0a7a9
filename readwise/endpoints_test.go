package readwise_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"spark.dev/spark/internal/fakereadwise"
	"spark.dev/spark/readwise"
)

func TestCheckToken(t *testing.T) {
	_, client := newFake(t, fakereadwise.NewLibrary())
	if err := client.CheckToken(context.Background(), token); err != nil {
		t.Fatalf("valid token: %v", err)
	}
	err := client.CheckToken(context.Background(), "wrong-"+token)
	var unauthorized *readwise.UnauthorizedError
	if !errors.As(err, &unauthorized) || unauthorized.Status != 401 {
		t.Fatalf("invalid token: %v, want *UnauthorizedError 401", err)
	}
	if err.Error() != "Readwise rejected the API key (401)" {
		t.Fatalf("message %q", err)
	}
}

func TestCountBooksSendsOneRequest(t *testing.T) {
	srv, client := newFake(t, fakereadwise.GenerateLibrary(1, 37, 10))
	n, err := client.CountBooks(context.Background(), token)
	if err != nil || n != 37 {
		t.Fatalf("CountBooks = %d, %v; want 37", n, err)
	}
	if got := srv.Requests(token); got[fakereadwise.EndpointBooks] != 1 || len(got) != 1 {
		t.Fatalf("requests %v, want one Book LIST", got)
	}
}

func TestListBooksFollowsAbsoluteNextLinks(t *testing.T) {
	lib := fakereadwise.GenerateLibrary(2, 2345, 300)
	srv, client := newFake(t, lib)

	var got []readwise.Book
	q := readwise.BookQuery{}
	for {
		page, err := client.ListBooks(context.Background(), token, q)
		if err != nil {
			t.Fatal(err)
		}
		if page.Count != 2345 {
			t.Fatalf("count %d, want 2345", page.Count)
		}
		got = append(got, page.Books...)
		if page.Next == "" {
			break
		}
		if !strings.HasPrefix(page.Next, srv.URL()+"/books/") {
			t.Fatalf("next %q is not an absolute link on the fake", page.Next)
		}
		q.PageURL = page.Next
	}
	if n := srv.Requests(token)[fakereadwise.EndpointBooks]; n != 3 {
		t.Fatalf("%d requests, want 3 pages of 1000", n)
	}
	want := lib.Books()
	if len(got) != len(want) {
		t.Fatalf("%d books, want %d", len(got), len(want))
	}
	for i := range want {
		if w := wantListBook(want[i]); !reflect.DeepEqual(got[i], w) {
			t.Fatalf("book %d:\n got %+v\nwant %+v", i, got[i], w)
		}
	}
}

func TestListBooksUpdatedAfterIsIncremental(t *testing.T) {
	lib := fakereadwise.GenerateLibrary(3, 50, 0)
	_, client := newFake(t, lib)
	since := newest(lib)
	edited := lib.Books()[17].ID
	if err := lib.EditBook(edited, func(b *fakereadwise.Book) { b.Title = "Neu: Ünïcode" }); err != nil {
		t.Fatal(err)
	}
	page, err := client.ListBooks(context.Background(), token, readwise.BookQuery{UpdatedAfter: since})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Books) != 1 || page.Books[0].ID != edited || page.Books[0].Title != "Neu: Ünïcode" {
		t.Fatalf("got %+v, want only the edited book", page.Books)
	}
	if page, err = client.ListBooks(context.Background(), token, readwise.BookQuery{UpdatedAfter: page.Books[0].Updated}); err != nil || len(page.Books) != 0 {
		t.Fatalf("after the newest book: %d books, %v; want none (the filter is exclusive)", len(page.Books), err)
	}
}

// exportAll walks every page of Export from q.
func exportAll(t *testing.T, client *readwise.Client, q readwise.ExportQuery) (books map[int64]readwise.Book, highlights []readwise.Highlight, pages int) {
	t.Helper()
	books = map[int64]readwise.Book{}
	for {
		page, err := client.Export(context.Background(), token, q)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, b := range page.Books {
			books[b.ID] = b.Book
			highlights = append(highlights, b.Highlights...)
		}
		if q.Cursor = page.NextCursor; q.Cursor == "" {
			return books, highlights, pages
		}
	}
}

func TestExportFullThenIncremental(t *testing.T) {
	lib := fakereadwise.GenerateLibrary(5, 60, 700)
	srv, client := newFake(t, lib)
	srv.SetExportPageSize(64)

	books, highlights, pages := exportAll(t, client, readwise.ExportQuery{})
	if pages != 11 {
		t.Fatalf("%d pages, want ceil(700/64) = 11", pages)
	}
	byID := map[int64]readwise.Highlight{}
	for _, h := range highlights {
		byID[h.ID] = h
	}
	for _, h := range lib.Highlights() {
		if w := wantExportHighlight(h); !reflect.DeepEqual(byID[h.ID], w) {
			t.Fatalf("highlight %d:\n got %+v\nwant %+v", h.ID, byID[h.ID], w)
		}
	}
	for _, b := range lib.Books() {
		got, ok := books[b.ID]
		if ok != (b.NumHighlights > 0) {
			t.Fatalf("book %d with %d highlights exported: %v", b.ID, b.NumHighlights, ok)
		}
		if w := wantExportBook(b); ok && !reflect.DeepEqual(got, w) {
			t.Fatalf("book %d:\n got %+v\nwant %+v", b.ID, got, w)
		}
	}

	since := newest(lib)
	live := lib.Highlights()
	changed := map[int64]bool{}
	for _, h := range live[:3] {
		changed[h.ID] = true
		if err := lib.EditHighlight(h.ID, "edited "+h.Text); err != nil {
			t.Fatal(err)
		}
	}
	deleted := map[int64]bool{live[500].ID: true, live[600].ID: true}
	for id := range deleted {
		changed[id] = true
		if err := lib.DeleteHighlight(id); err != nil {
			t.Fatal(err)
		}
	}
	added, err := lib.AddHighlight(live[0].BookID, fakereadwise.Highlight{Text: "brand new"})
	if err != nil {
		t.Fatal(err)
	}
	changed[added.ID] = true

	srv.SetExportPageSize(2) // several pages: each must carry updatedAfter
	_, highlights, _ = exportAll(t, client, readwise.ExportQuery{UpdatedAfter: since})
	if len(highlights) != len(changed) {
		t.Fatalf("incremental export gave %d highlights, want the %d changed", len(highlights), len(changed))
	}
	for _, h := range highlights {
		if !changed[h.ID] || h.Deleted != deleted[h.ID] {
			t.Fatalf("highlight %d: changed %v, deleted %v", h.ID, changed[h.ID], h.Deleted)
		}
	}
}
