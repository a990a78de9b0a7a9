package storetest

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"spark.dev/spark/store"
)

// fullBook has every field set, in the forms a store must keep exactly.
func fullBook(rwID int64) store.Book {
	return store.Book{
		RWID:            rwID,
		Title:           "Über die Zeit — 時間について",
		Author:          "Zoë O'Brien",
		ReadableTitle:   "Über Die Zeit",
		Category:        "books",
		Source:          "kindle",
		NumHighlights:   1 << 20,
		LastHighlightAt: time.Date(2024, 12, 31, 23, 59, 59, 999999000, time.UTC),
		Updated:         time.Date(2025, 1, 2, 3, 4, 5, 6000, time.UTC),
		CoverImageURL:   "https://images.example/cover.jpg?size=l&x=✨",
		SourceURL:       "https://source.example/book",
		ASIN:            "B000TEST01",
		DocumentNote:    "a note\nwith lines and \"quotes\"",
		UniqueURL:       "https://unique.example/1",
		Summary:         "Summary ✨",
		ReadwiseURL:     "https://readwise.io/bookreview/1",
		ExternalID:      "ext-1",
		Tags:            []string{"philosophy", "à lire"},
	}
}

func upsertBooks(t *testing.T, s store.Store, userID string, books ...store.Book) (inserted, updated int) {
	t.Helper()
	inserted, updated, err := s.UpsertBooks(t.Context(), userID, books)
	if err != nil {
		t.Fatalf("UpsertBooks(%s): %v", userID, err)
	}
	return inserted, updated
}

// allBooks pages through every book of the user.
func allBooks(t *testing.T, s store.Store, userID string) []store.Book {
	t.Helper()
	in := Inspect(t, s)
	var all []store.Book
	for after := int64(0); ; {
		page, err := in.Books(t.Context(), userID, after, 1000)
		if err != nil {
			t.Fatalf("Books(%s, after %d): %v", userID, after, err)
		}
		if len(page) == 0 {
			return all
		}
		all = append(all, page...)
		after = page[len(page)-1].RWID
	}
}

func testUpsertBooksCounts(t *testing.T, s store.Store) {
	if ins, upd := upsertBooks(t, s, userA, store.Book{RWID: 1}, store.Book{RWID: 2}); ins != 2 || upd != 0 {
		t.Errorf("first UpsertBooks = %d inserted, %d updated; want 2, 0", ins, upd)
	}
	if ins, upd := upsertBooks(t, s, userA, store.Book{RWID: 2}, store.Book{RWID: 3}, store.Book{RWID: 1}); ins != 1 || upd != 2 {
		t.Errorf("second UpsertBooks = %d inserted, %d updated; want 1, 2", ins, upd)
	}
	if ins, upd := upsertBooks(t, s, userA); ins != 0 || upd != 0 {
		t.Errorf("UpsertBooks of nothing = %d inserted, %d updated; want 0, 0", ins, upd)
	}
	// A repeated RWID counts once, and its last book wins.
	ins, upd := upsertBooks(t, s, userA, store.Book{RWID: 4, Title: "first"}, store.Book{RWID: 4, Title: "last"})
	if ins != 1 || upd != 0 {
		t.Errorf("UpsertBooks with a repeated RWID = %d inserted, %d updated; want 1, 0", ins, upd)
	}
	if books := allBooks(t, s, userA); len(books) != 4 || books[3].Title != "last" {
		t.Errorf("books = %+v, want 4 with book 4 titled last", books)
	}
}

func testBookRoundTrip(t *testing.T, s store.Store) {
	tests := map[string]store.Book{
		"every field":                 fullBook(bigID),
		"zero times and no tags":      {RWID: 1, Title: "Bare"},
		"an empty tag list reads nil": {RWID: 2, Tags: []string{}},
		"the largest 64-bit id":       {RWID: 1<<63 - 1},
	}
	for name, book := range tests {
		t.Run(name, func(t *testing.T) {
			user := userFor(name)
			upsertBooks(t, s, user, book)
			want := book
			if len(want.Tags) == 0 {
				want.Tags = nil
			}
			got := allBooks(t, s, user)
			if len(got) != 1 || !reflect.DeepEqual(got[0], want) {
				t.Errorf("Books = %+v\nwant [%+v]", got, want)
			}
		})
	}
}

func testBookReplacedWhole(t *testing.T, s store.Store) {
	upsertBooks(t, s, userA, fullBook(bigID))
	bare := store.Book{RWID: bigID, Title: "Bare"}
	upsertBooks(t, s, userA, bare)
	if got := allBooks(t, s, userA); len(got) != 1 || !reflect.DeepEqual(got[0], bare) {
		t.Errorf("after replacing with a bare book, Books = %+v, want [%+v]", got, bare)
	}
}

func testBooksPage(t *testing.T, s store.Store) {
	in := Inspect(t, s)
	ctx := t.Context()
	const n = 4500 // more rows than one statement carries on either engine
	var books []store.Book
	for i := range int64(n) {
		books = append(books, store.Book{RWID: bigID + (n-i)*3, Title: "b"}) // written out of order
	}
	if ins, upd := upsertBooks(t, s, userA, books...); ins != n || upd != 0 {
		t.Fatalf("UpsertBooks = %d inserted, %d updated; want %d, 0", ins, upd, n)
	}

	var sizes []int
	var ids []int64
	for after := int64(0); ; {
		page, err := in.Books(ctx, userA, after, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		sizes = append(sizes, len(page))
		for _, b := range page {
			ids = append(ids, b.RWID)
		}
		after = page[len(page)-1].RWID
	}
	if !slices.Equal(sizes, []int{1000, 1000, 1000, 1000, 500}) {
		t.Errorf("page sizes = %v, want [1000 1000 1000 1000 500]", sizes)
	}
	if len(ids) != n || !slices.IsSorted(ids) || len(slices.Compact(slices.Clone(ids))) != n {
		t.Errorf("paged %d ids, want all %d in ascending order without duplicates", len(ids), n)
	}

	// The cursor need not be a stored id, and the page starts strictly after it.
	page, err := in.Books(ctx, userA, bigID+4, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(page) != 2 || page[0].RWID != bigID+6 || page[1].RWID != bigID+9 {
		t.Errorf("Books(after bigID+4, 2) = %v, want ids bigID+6, bigID+9", page)
	}
	if _, err := in.Books(ctx, userA, 0, 0); err == nil {
		t.Error("Books with limit 0 succeeded, want an error")
	}
}

func testBooksIsolation(t *testing.T, s store.Store) {
	a, b := fullBook(bigID), store.Book{RWID: bigID, Title: "user-b's"}
	upsertBooks(t, s, userA, a)
	// The same RWID is a new book for another user.
	if ins, upd := upsertBooks(t, s, userB, b); ins != 1 || upd != 0 {
		t.Errorf("user-b's UpsertBooks = %d inserted, %d updated; want 1, 0", ins, upd)
	}
	if got := allBooks(t, s, userA); len(got) != 1 || !reflect.DeepEqual(got[0], a) {
		t.Errorf("user-a's books = %+v, changed by user-b's write", got)
	}
	if got := allBooks(t, s, userB); len(got) != 1 || !reflect.DeepEqual(got[0], b) {
		t.Errorf("user-b's books = %+v, want only its own", got)
	}
	if got := allBooks(t, s, userC); got != nil {
		t.Errorf("user-c's books = %+v, want none", got)
	}
}
