package e2e

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"spark.dev/spark/internal/fakereadwise"
	"spark.dev/spark/store"
	"spark.dev/spark/store/postgres"
	"spark.dev/spark/store/sqlite"
	"spark.dev/spark/store/storetest"
)

// assertMirrors fails unless the user's books and highlights in the SQLite
// database at path equal the fake library, field by field.
func assertMirrors(t *testing.T, databaseURL, userID string, lib *fakereadwise.Library) {
	t.Helper()
	st := openDB(t, databaseURL)
	defer st.Close()

	books := lib.Books()
	withHighlights := map[int64]bool{}
	for _, h := range lib.Highlights() {
		withHighlights[h.BookID] = true
	}
	gotBooks := allRows(t, func(after int64) ([]store.Book, error) { return st.Books(context.Background(), userID, after, 1000) },
		func(b store.Book) int64 { return b.RWID })
	if len(gotBooks) != len(books) {
		t.Fatalf("%s has %d books stored, the library %d", userID, len(gotBooks), len(books))
	}
	for i, want := range books {
		if diff := compare(expectedBook(want, withHighlights[want.ID]), gotBooks[i]); diff != "" {
			t.Fatalf("%s's book %d differs: %s", userID, want.ID, diff)
		}
	}

	highlights := lib.Highlights()
	gotHighlights := allRows(t, func(after int64) ([]store.Highlight, error) {
		return st.Highlights(context.Background(), userID, after, 1000)
	}, func(h store.Highlight) int64 { return h.RWID })
	if len(gotHighlights) != len(highlights) {
		t.Fatalf("%s has %d highlights stored, the library %d", userID, len(gotHighlights), len(highlights))
	}
	for i, want := range highlights {
		if diff := compare(expectedHighlight(want), gotHighlights[i]); diff != "" {
			t.Fatalf("%s's highlight %d differs: %s", userID, want.ID, diff)
		}
	}
}

// openDB opens the app's database at databaseURL beside the app; the caller
// closes it.
func openDB(t *testing.T, databaseURL string) db {
	t.Helper()
	var st store.Store
	var err error
	if path, ok := strings.CutPrefix(databaseURL, "sqlite:"); ok {
		st, err = sqlite.Open(context.Background(), path)
	} else {
		st, err = postgres.Open(context.Background(), databaseURL)
	}
	if err != nil {
		t.Fatal(err)
	}
	return db{Store: st, Inspector: storetest.Inspect(t, st)}
}

// db is the store with the reads only tests make.
type db struct {
	store.Store
	storetest.Inspector
}

// allRows pages through a table the way the app would, 1000 rows at a time.
func allRows[T any, K comparable](t *testing.T, page func(after K) ([]T, error), id func(T) K) []T {
	t.Helper()
	var all []T
	var after K // the zero key: from the start
	for {
		rows, err := page(after)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, rows...)
		if len(rows) < 1000 {
			return all
		}
		after = id(rows[len(rows)-1])
	}
}

// expectedBook is what Spark can know of a book: Book LIST's fields for
// every book, and the export-only ones for books the export describes,
// which are the books with highlights.
func expectedBook(b fakereadwise.Book, exported bool) store.Book {
	want := store.Book{
		RWID: b.ID, Title: b.Title, Author: deref(b.Author), Category: b.Category, Source: b.Source,
		NumHighlights: b.NumHighlights, LastHighlightAt: derefTime(b.LastHighlightAt), Updated: b.Updated,
		CoverImageURL: b.CoverImageURL, SourceURL: deref(b.SourceURL), ASIN: deref(b.ASIN),
		DocumentNote: b.DocumentNote, ReadwiseURL: fmt.Sprintf("https://readwise.io/bookreview/%d", b.ID),
		Tags: bookTagNames(b.Tags),
	}
	if exported {
		want.ReadableTitle, want.UniqueURL, want.Summary = b.ReadableTitle, b.UniqueURL, b.Summary
		if b.Source == "reader" {
			want.ExternalID = b.ExternalID
		}
	}
	return want
}

func expectedHighlight(h fakereadwise.Highlight) store.Highlight {
	return store.Highlight{
		RWID: h.ID, BookRWID: h.BookID, Text: h.Text, Note: h.Note, Location: h.Location, EndLocation: h.EndLocation,
		LocationType: h.LocationType, Color: h.Color, URL: deref(h.URL), ExternalID: h.ExternalID,
		ReadwiseURL: fmt.Sprintf("https://readwise.io/open/%d", h.ID), HighlightedAt: derefTime(h.HighlightedAt),
		CreatedAt: h.CreatedAt, Updated: h.Updated, Tags: storeTags(h.Tags), IsFavorite: h.IsFavorite, IsDiscard: h.IsDiscard,
	}
}

// compare reports the first field that differs, times compared as instants
// at microsecond precision (what both engines keep).
func compare[T any](want, got T) string {
	wv, gv := reflect.ValueOf(want), reflect.ValueOf(got)
	for i := 0; i < wv.NumField(); i++ {
		w, g := wv.Field(i).Interface(), gv.Field(i).Interface()
		if wt, ok := w.(time.Time); ok {
			if !wt.Truncate(time.Microsecond).Equal(g.(time.Time)) {
				return fmt.Sprintf("%s: want %v, got %v", wv.Type().Field(i).Name, wt, g)
			}
			continue
		}
		if !reflect.DeepEqual(w, g) {
			return fmt.Sprintf("%s: want %#v, got %#v", wv.Type().Field(i).Name, w, g)
		}
	}
	return ""
}

func storeTags(tags []fakereadwise.Tag) []store.Tag {
	if len(tags) == 0 {
		return nil
	}
	out := make([]store.Tag, len(tags))
	for i, t := range tags {
		out[i] = store.Tag{ID: t.ID, Name: t.Name}
	}
	return out
}

func bookTagNames(tags []fakereadwise.Tag) []string {
	var names []string // nil for none
	for _, t := range tags {
		names = append(names, t.Name)
	}
	return names
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func derefTime(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}
