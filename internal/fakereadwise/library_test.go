package fakereadwise

import (
	"errors"
	"math"
	"reflect"
	"testing"
)

func TestGenerateLibraryIsDeterministic(t *testing.T) {
	a, b := GenerateLibrary(9, 50, 400), GenerateLibrary(9, 50, 400)
	if !reflect.DeepEqual(a.Books(), b.Books()) || !reflect.DeepEqual(a.Highlights(), b.Highlights()) {
		t.Fatal("two libraries from one seed differ")
	}
	if reflect.DeepEqual(a.Highlights(), GenerateLibrary(10, 50, 400).Highlights()) {
		t.Fatal("two seeds gave the same library")
	}
	if n := len(a.Books()); n != 50 {
		t.Fatalf("%d books, want 50", n)
	}
	if n := len(a.Highlights()); n != 400 {
		t.Fatalf("%d highlights, want 400", n)
	}
	if n := len(GenerateLibrary(1, 0, 3).Books()); n != 1 {
		t.Fatalf("highlights without books made %d books, want 1", n)
	}
}

// TestGenerateLibraryHasTheAwkwardCases checks that a library of moderate
// size holds each case a sync must cope with.
func TestGenerateLibraryHasTheAwkwardCases(t *testing.T) {
	lib := GenerateLibrary(11, 100, 2000)
	cases := map[string]bool{}
	for _, b := range lib.Books() {
		cases["book id above int32"] = cases["book id above int32"] || b.ID > math.MaxInt32
		cases["null author"] = cases["null author"] || b.Author == nil
		cases["book tags"] = cases["book tags"] || len(b.Tags) > 0
		cases["book without highlights"] = cases["book without highlights"] || b.NumHighlights == 0
		cases["category "+b.Category] = true
	}
	for _, h := range lib.Highlights() {
		cases["highlight id above uint32"] = cases["highlight id above uint32"] || h.ID > math.MaxUint32
		cases["null location"] = cases["null location"] || h.Location == nil
		cases["null highlighted_at"] = cases["null highlighted_at"] || h.HighlightedAt == nil
		cases["highlight tags"] = cases["highlight tags"] || len(h.Tags) > 0
		cases["whole-second time"] = cases["whole-second time"] || h.Updated.Nanosecond() == 0
		cases["long text"] = cases["long text"] || len(h.Text) > 3000
		cases["location type "+h.LocationType] = true
	}
	for _, want := range []string{
		"book id above int32", "null author", "book tags", "book without highlights",
		"category books", "category articles", "category tweets", "category podcasts", "category supplementals",
		"highlight id above uint32", "null location", "null highlighted_at", "highlight tags", "whole-second time",
		"long text", "location type page", "location type order", "location type time_offset",
		"location type location", "location type offset",
	} {
		if !cases[want] {
			t.Errorf("no %s", want)
		}
	}
}

func TestMutationsMoveUpdatedForward(t *testing.T) {
	lib := GenerateLibrary(12, 2, 2)
	newest := func() (latest Highlight, book Book) {
		for _, h := range lib.Highlights() {
			if h.Updated.After(latest.Updated) {
				latest = h
			}
		}
		for _, b := range lib.Books() {
			if b.Updated.After(book.Updated) {
				book = b
			}
		}
		return latest, book
	}
	bookID := lib.Books()[0].ID

	added, err := lib.AddHighlight(bookID, Highlight{Text: "new"})
	if err != nil {
		t.Fatal(err)
	}
	if h, b := newest(); h.ID != added.ID || b.ID != bookID || !b.Updated.Equal(added.Updated) {
		t.Fatalf("after AddHighlight the newest are highlight %d and book %d", h.ID, b.ID)
	}

	before := added.Updated
	if err := lib.EditHighlight(added.ID, "edited"); err != nil {
		t.Fatal(err)
	}
	if h, _ := newest(); h.ID != added.ID || !h.Updated.After(before) || h.Text != "edited" {
		t.Fatalf("after EditHighlight: %+v", h)
	}

	other := lib.Books()[1].ID
	if err := lib.EditBook(other, func(b *Book) { b.Title = "Renamed" }); err != nil {
		t.Fatal(err)
	}
	if _, b := newest(); b.ID != other || b.Title != "Renamed" {
		t.Fatalf("after EditBook the newest book is %+v", b)
	}

	if err := lib.DeleteHighlight(added.ID); err != nil {
		t.Fatal(err)
	}
	if _, b := newest(); b.ID != bookID {
		t.Fatal("DeleteHighlight did not move its book's updated")
	}
	if err := lib.EditHighlight(added.ID, "again"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("editing a deleted highlight: %v, want ErrNotFound", err)
	}
	if _, err := lib.AddHighlight(1, Highlight{}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("adding to a missing book: %v, want ErrNotFound", err)
	}
}

func TestAccessorsReturnCopies(t *testing.T) {
	lib := NewLibrary()
	book := lib.AddBook(Book{Title: "Original"})
	h, err := lib.AddHighlight(book.ID, Highlight{Text: "text", Tags: []Tag{{ID: 1, Name: "original"}}})
	if err != nil {
		t.Fatal(err)
	}
	h.Tags[0].Name = "changed by the caller"
	lib.Highlights()[0].Tags[0].Name = "changed by the caller"
	lib.Books()[0].Title = "changed by the caller"
	if got := lib.Highlights()[0].Tags[0].Name; got != "original" {
		t.Fatalf("tag is %q: a caller's change reached the library", got)
	}
	if got := lib.Books()[0].Title; got != "Original" {
		t.Fatalf("title is %q: a caller's change reached the library", got)
	}
}
