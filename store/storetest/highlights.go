package storetest

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"spark.dev/spark/store"
)

func ptr(n int64) *int64 { return &n }

// fullHighlight has every field set, in the forms a store must keep exactly.
func fullHighlight(rwID, bookRWID int64) store.Highlight {
	return store.Highlight{
		RWID:          rwID,
		BookRWID:      bookRWID,
		Text:          "“Quoted” text — with ✨ and 日本語\nand a second line",
		Note:          "Zoë's note",
		Location:      ptr(0), // a real position, not "none"
		EndLocation:   ptr(bigID),
		LocationType:  "location",
		Color:         "yellow",
		URL:           "https://read.example/h?id=1&x=ü",
		ExternalID:    "ext-h",
		ReadwiseURL:   "https://readwise.io/open/1",
		HighlightedAt: time.Date(2023, 5, 6, 7, 8, 9, 123456000, time.UTC),
		CreatedAt:     time.Date(2023, 5, 6, 7, 8, 10, 0, time.UTC),
		Updated:       time.Date(1969, 12, 31, 23, 59, 59, 0, time.UTC),
		Tags:          []store.Tag{{ID: bigID, Name: "favorite"}, {ID: 7, Name: "über"}},
		IsFavorite:    true,
		IsDiscard:     true,
	}
}

func applyHighlights(t *testing.T, s store.Store, userID string, page store.HighlightPage) store.HighlightChanges {
	t.Helper()
	changes, err := s.ApplyHighlights(t.Context(), userID, page)
	if err != nil {
		t.Fatalf("ApplyHighlights(%s): %v", userID, err)
	}
	return changes
}

// allHighlights pages through every highlight of the user.
func allHighlights(t *testing.T, s store.Store, userID string) []store.Highlight {
	t.Helper()
	in := Inspect(t, s)
	var all []store.Highlight
	for after := int64(0); ; {
		page, err := in.Highlights(t.Context(), userID, after, 1000)
		if err != nil {
			t.Fatalf("Highlights(%s, after %d): %v", userID, after, err)
		}
		if len(page) == 0 {
			return all
		}
		all = append(all, page...)
		after = page[len(page)-1].RWID
	}
}

func highlightIDs(highlights []store.Highlight) []int64 {
	var ids []int64
	for _, h := range highlights {
		ids = append(ids, h.RWID)
	}
	return ids
}

func testHighlightRoundTrip(t *testing.T, s store.Store) {
	tests := map[string]store.Highlight{
		"every field":                 fullHighlight(bigID, bigID),
		"no location and zero times":  {RWID: 1, BookRWID: bigID, Text: "bare"},
		"an empty tag list reads nil": {RWID: 2, BookRWID: bigID, Tags: []store.Tag{}},
		"negative locations":          {RWID: 3, BookRWID: bigID, Location: ptr(-5), EndLocation: ptr(0)},
	}
	for name, h := range tests {
		t.Run(name, func(t *testing.T) {
			user := userFor(name)
			page := store.HighlightPage{Books: []store.Book{{RWID: bigID}}, Highlights: []store.Highlight{h}}
			if changes := applyHighlights(t, s, user, page); changes.Upserted != 1 || changes.Deleted != 0 {
				t.Errorf("changes = %+v, want 1 upserted", changes)
			}
			want := h
			if len(want.Tags) == 0 {
				want.Tags = nil
			}
			got := allHighlights(t, s, user)
			if len(got) != 1 || !reflect.DeepEqual(got[0], want) {
				t.Errorf("Highlights = %+v\nwant [%+v]", got, want)
			}
		})
	}
}

func testHighlightReplacedWhole(t *testing.T, s store.Store) {
	books := []store.Book{{RWID: 1}, {RWID: 2}}
	applyHighlights(t, s, userA, store.HighlightPage{Books: books, Highlights: []store.Highlight{fullHighlight(bigID, 1)}})
	bare := store.Highlight{RWID: bigID, BookRWID: 2, Text: "moved to another book"}
	applyHighlights(t, s, userA, store.HighlightPage{Highlights: []store.Highlight{bare}})
	if got := allHighlights(t, s, userA); len(got) != 1 || !reflect.DeepEqual(got[0], bare) {
		t.Errorf("after replacing, Highlights = %+v, want [%+v]", got, bare)
	}
}

// The export describes books too: it adds the ones Spark lacks, and fills in
// only its own fields on the ones Book LIST wrote.
func testApplyHighlightsBooks(t *testing.T, s store.Store) {
	listed := fullBook(1)
	upsertBooks(t, s, userA, listed, store.Book{RWID: 2, Title: "Listed", ReadableTitle: "Kept"})

	exported := store.Book{
		RWID: 1, Title: "Export title", Author: "Export author", NumHighlights: 1,
		ReadableTitle: "New Readable", UniqueURL: "https://unique.example/new", Summary: "New summary", ExternalID: "ext-new",
		Tags: []string{"export"},
	}
	emptyExport := store.Book{RWID: 2, Title: "Export title"} // no export-only fields: keep the stored ones
	missing := fullBook(3)
	page := store.HighlightPage{
		Books:      []store.Book{exported, emptyExport, missing},
		Highlights: []store.Highlight{{RWID: 10, BookRWID: 1}, {RWID: 30, BookRWID: 3}},
	}
	applyHighlights(t, s, userA, page)

	want1 := listed
	want1.ReadableTitle, want1.UniqueURL, want1.Summary, want1.ExternalID = exported.ReadableTitle, exported.UniqueURL, exported.Summary, exported.ExternalID
	want := []store.Book{want1, {RWID: 2, Title: "Listed", ReadableTitle: "Kept"}, missing}
	if got := allBooks(t, s, userA); !reflect.DeepEqual(got, want) {
		t.Errorf("books after ApplyHighlights =\n%+v\nwant\n%+v", got, want)
	}
}

func testApplyHighlightsDeletes(t *testing.T, s store.Store) {
	book := []store.Book{{RWID: 1}}
	three := []store.Highlight{{RWID: 1, BookRWID: 1}, {RWID: 2, BookRWID: 1}, {RWID: 3, BookRWID: 1}}
	for _, user := range []string{userA, userB} {
		applyHighlights(t, s, user, store.HighlightPage{Books: book, Highlights: three})
	}
	changes := applyHighlights(t, s, userA, store.HighlightPage{
		Highlights: []store.Highlight{{RWID: 4, BookRWID: 1}},
		Deleted:    []int64{1, 3, 99, 3}, // 99 is unknown; 3 is listed twice
	})
	if want := (store.HighlightChanges{Upserted: 1, Deleted: 2}); changes != want {
		t.Errorf("changes = %+v, want %+v", changes, want)
	}
	if got := highlightIDs(allHighlights(t, s, userA)); !slices.Equal(got, []int64{2, 4}) {
		t.Errorf("user-a's highlights = %v, want [2 4]", got)
	}
	if got := highlightIDs(allHighlights(t, s, userB)); !slices.Equal(got, []int64{1, 2, 3}) {
		t.Errorf("user-b's highlights = %v, want [1 2 3]: user-a's deletes reached them", got)
	}
	if changes := applyHighlights(t, s, userA, store.HighlightPage{Deleted: []int64{1}}); changes.Deleted != 0 {
		t.Errorf("deleting an already deleted highlight counted %d, want 0", changes.Deleted)
	}
}

func testApplyHighlightsTagsChanged(t *testing.T, s store.Store) {
	a, b := store.Tag{ID: 1, Name: "a"}, store.Tag{ID: 2, Name: "b"}
	stored := []store.Highlight{
		{RWID: 1, BookRWID: 1, Tags: []store.Tag{a, b}},
		{RWID: 2, BookRWID: 1},
	}
	tests := []struct {
		name string
		page store.HighlightPage
		want bool
	}{
		{"same tags", store.HighlightPage{Highlights: []store.Highlight{{RWID: 1, BookRWID: 1, Tags: []store.Tag{a, b}, Text: "edited"}}}, false},
		{"same tags in another order", store.HighlightPage{Highlights: []store.Highlight{{RWID: 1, BookRWID: 1, Tags: []store.Tag{b, a}}}}, false},
		{"untagged stays untagged, empty or nil", store.HighlightPage{Highlights: []store.Highlight{{RWID: 2, BookRWID: 1, Tags: []store.Tag{}}}}, false},
		{"new untagged highlight", store.HighlightPage{Highlights: []store.Highlight{{RWID: 3, BookRWID: 1}}}, false},
		{"untagged or unknown highlights deleted", store.HighlightPage{Deleted: []int64{2, 99}}, false},
		{"a tag removed", store.HighlightPage{Highlights: []store.Highlight{{RWID: 1, BookRWID: 1, Tags: []store.Tag{a}}}}, true},
		{"a tag renamed", store.HighlightPage{Highlights: []store.Highlight{{RWID: 1, BookRWID: 1, Tags: []store.Tag{a, {ID: 2, Name: "B"}}}}}, true},
		{"all tags removed", store.HighlightPage{Highlights: []store.Highlight{{RWID: 1, BookRWID: 1}}}, true},
		{"a tag added", store.HighlightPage{Highlights: []store.Highlight{{RWID: 2, BookRWID: 1, Tags: []store.Tag{a}}}}, true},
		{"new tagged highlight", store.HighlightPage{Highlights: []store.Highlight{{RWID: 3, BookRWID: 1, Tags: []store.Tag{b}}}}, true},
		{"tagged highlight deleted", store.HighlightPage{Deleted: []int64{1}}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			user := userFor(tc.name)
			applyHighlights(t, s, user, store.HighlightPage{Books: []store.Book{{RWID: 1}}, Highlights: stored})
			if got := applyHighlights(t, s, user, tc.page).TagsChanged; got != tc.want {
				t.Errorf("TagsChanged = %v, want %v", got, tc.want)
			}
		})
	}
}

// A highlight on a book that is not the user's fails the page, and nothing of
// the page is written: not its books, not its other highlights, not its deletes.
func testApplyHighlightsAllOrNothing(t *testing.T, s store.Store) {
	applyHighlights(t, s, userB, store.HighlightPage{Books: []store.Book{{RWID: 50}}})
	before := store.HighlightPage{Books: []store.Book{{RWID: 1, Title: "Stored"}}, Highlights: []store.Highlight{{RWID: 1, BookRWID: 1, Text: "stored"}}}
	applyHighlights(t, s, userA, before)

	many := make([]store.Highlight, 0, 4001)
	for i := range int64(4000) { // more than one statement carries on either engine, before the bad one
		many = append(many, store.Highlight{RWID: 100 + i, BookRWID: 2})
	}
	many = append(many, store.Highlight{RWID: 5000, BookRWID: 50}) // user-b's book
	page := store.HighlightPage{
		Books:      []store.Book{{RWID: 1, Title: "Export", ReadableTitle: "Changed"}, {RWID: 2}},
		Highlights: append([]store.Highlight{{RWID: 1, BookRWID: 1, Text: "changed"}}, many...),
		Deleted:    []int64{1},
	}
	if _, err := s.ApplyHighlights(t.Context(), userA, page); err == nil {
		t.Fatal("ApplyHighlights with another user's book succeeded, want a foreign key error")
	}
	if got := allBooks(t, s, userA); !reflect.DeepEqual(got, before.Books) {
		t.Errorf("books after the failed page = %+v, want %+v", got, before.Books)
	}
	if got := allHighlights(t, s, userA); !reflect.DeepEqual(got, before.Highlights) {
		t.Errorf("highlights after the failed page = %d rows (first %+v), want %+v", len(got), got[:min(1, len(got))], before.Highlights)
	}
}

func testHighlightsPage(t *testing.T, s store.Store) {
	in := Inspect(t, s)
	ctx := t.Context()
	const n = 4500 // more rows than one statement carries on either engine
	page := store.HighlightPage{Books: []store.Book{{RWID: bigID}}}
	for i := range int64(n) {
		page.Highlights = append(page.Highlights, fullHighlight(bigID+(n-i)*2, bigID))
	}
	if changes := applyHighlights(t, s, userA, page); changes.Upserted != n {
		t.Fatalf("Upserted = %d, want %d", changes.Upserted, n)
	}

	var sizes []int
	var ids []int64
	for after := int64(0); ; {
		got, err := in.Highlights(ctx, userA, after, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 {
			break
		}
		sizes = append(sizes, len(got))
		ids = append(ids, highlightIDs(got)...)
		after = got[len(got)-1].RWID
	}
	if !slices.Equal(sizes, []int{1000, 1000, 1000, 1000, 500}) {
		t.Errorf("page sizes = %v, want [1000 1000 1000 1000 500]", sizes)
	}
	if len(ids) != n || !slices.IsSorted(ids) || len(slices.Compact(slices.Clone(ids))) != n {
		t.Errorf("paged %d ids, want all %d in ascending order without duplicates", len(ids), n)
	}
	got, err := in.Highlights(ctx, userA, bigID+3, 2)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(highlightIDs(got), []int64{bigID + 4, bigID + 6}) {
		t.Errorf("Highlights(after bigID+3, 2) = %v, want ids bigID+4, bigID+6", highlightIDs(got))
	}
	if _, err := in.Highlights(ctx, userA, 0, 0); err == nil {
		t.Error("Highlights with limit 0 succeeded, want an error")
	}
}

func testHighlightsIsolation(t *testing.T, s store.Store) {
	a := fullHighlight(bigID, bigID)
	b := store.Highlight{RWID: bigID, BookRWID: bigID, Text: "user-b's"}
	applyHighlights(t, s, userA, store.HighlightPage{Books: []store.Book{{RWID: bigID}}, Highlights: []store.Highlight{a}})
	changes := applyHighlights(t, s, userB, store.HighlightPage{Books: []store.Book{{RWID: bigID}}, Highlights: []store.Highlight{b}})
	if changes.TagsChanged {
		t.Error("user-b's new untagged highlight reported TagsChanged: it was compared with user-a's")
	}
	if got := allHighlights(t, s, userA); len(got) != 1 || !reflect.DeepEqual(got[0], a) {
		t.Errorf("user-a's highlights = %+v, changed by user-b's write", got)
	}
	if got := allHighlights(t, s, userB); len(got) != 1 || !reflect.DeepEqual(got[0], b) {
		t.Errorf("user-b's highlights = %+v, want only its own", got)
	}
}

func testApplyHighlightsDeletesBooks(t *testing.T, s store.Store) {
	books := []store.Book{{RWID: 1}, {RWID: 2}}
	highlights := []store.Highlight{{RWID: 10, BookRWID: 1}, {RWID: 11, BookRWID: 1}, {RWID: 20, BookRWID: 2}}
	for _, user := range []string{userA, userB} {
		applyHighlights(t, s, user, store.HighlightPage{Books: books, Highlights: highlights})
	}
	applyHighlights(t, s, userA, store.HighlightPage{DeletedBooks: []int64{1, 99}})
	if got := highlightIDs(allHighlights(t, s, userA)); !slices.Equal(got, []int64{20}) {
		t.Errorf("user-a's highlights = %v, want [20]: a deleted book keeps none", got)
	}
	if n, err := s.CountBooks(t.Context(), userA); err != nil || n != 1 {
		t.Errorf("user-a has %d books (%v), want 1", n, err)
	}
	if n, err := s.CountBooks(t.Context(), userB); err != nil || n != 2 {
		t.Errorf("user-b has %d books (%v), want 2: user-a's deletes reached them", n, err)
	}
}
