package main

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"spark.dev/api/internal/fakereadwise"
	"spark.dev/api/naming"
	"spark.dev/api/store"
	"spark.dev/api/store/sqlite"
)

// fakereadwiseLibrary is a library big enough for two migration pages.
func fakereadwiseLibrary(seed int64) *fakereadwise.Library {
	return fakereadwise.GenerateLibrary(seed, 60, 2300)
}

// highlightTags lists the user's highlight↔tag links as "rwid tag by".
func highlightTags(t *testing.T, path, userID string) []string {
	t.Helper()
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	links, err := st.HighlightTags(context.Background(), userID)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(links))
	for i, l := range links {
		out[i] = fmt.Sprintf("%d %s %s", l.HighlightRWID, l.Tag, l.CreatedBy)
	}
	return out
}

// assertTagLinksMatch fails unless links are exactly the library's
// highlight tags, normalized, linked by "readwise".
func assertTagLinksMatch(t *testing.T, links []string, lib *fakereadwise.Library) {
	t.Helper()
	var want []string
	for _, h := range lib.Highlights() {
		var names []string
		for _, tag := range h.Tags {
			if name := naming.Tag(tag.Name); name != "" && !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
		for _, name := range names {
			want = append(want, fmt.Sprintf("%d %s %s", h.ID, name, store.CreatedByReadwise))
		}
	}
	if !equalStrings(links, want) {
		t.Fatalf("%d tag links stored, want %d; first stored %v, first wanted %v", len(links), len(want), head(links), head(want))
	}
}

// retagHighlights changes the tags of some tagged highlights in Readwise:
// one loses its tags, one gets a new tag, one swaps a tag for another.
func retagHighlights(t *testing.T, lib *fakereadwise.Library) {
	t.Helper()
	var tagged []int64
	for _, h := range lib.Highlights() {
		if len(h.Tags) > 0 {
			tagged = append(tagged, h.ID)
		}
	}
	if len(tagged) < 3 {
		t.Fatal("the library has too few tagged highlights")
	}
	changes := []func(*fakereadwise.Highlight){
		func(h *fakereadwise.Highlight) { h.Tags = nil },
		func(h *fakereadwise.Highlight) {
			h.Tags = append(h.Tags, fakereadwise.Tag{ID: 999001, Name: "Brand New Tag"})
		},
		func(h *fakereadwise.Highlight) { h.Tags = []fakereadwise.Tag{{ID: 999002, Name: "Swapped In"}} },
	}
	for i, change := range changes {
		if err := lib.UpdateHighlight(tagged[i], change); err != nil {
			t.Fatal(err)
		}
	}
}

func head(s []string) []string {
	return s[:min(len(s), 3)]
}
