package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"spark.dev/spark/internal/fakereadwise"
	"spark.dev/spark/naming"
	"spark.dev/spark/store"
)

// Tag migration: a first highlight sync starts it by itself; run again by
// hand it changes nothing; after tags change in Readwise, the next sync
// brings the links along.
func TestEndToEndTagMigrationIsIdempotent(t *testing.T) {
	s := startStack(t, nil)
	const user, rwToken = "00000000-0000-4000-8000-00000000010d", "rw-token-tags-0123456789"
	lib := fakereadwise.GenerateLibrary(31, 60, 2300) // two migration pages
	s.Readwise.AddUser(rwToken, lib)
	saveReadwiseKey(t, s.URL, user, rwToken)

	syncHighlights(t, s.Dev, s.URL, user, nil)
	waitForCompletedRuns(t, s, user, "migrate-highlight-tags", 1)
	once := highlightTags(t, s.DatabaseURL, user)
	if len(once) == 0 {
		t.Fatal("the automatic migration linked no tags")
	}
	assertTagLinksMatch(t, once, lib)

	run := s.Dev.WaitForRuns(t, triggerJob(t, s.URL, "/api/inngest/trigger-migrate-tags", user), 1, runTimeout)[0]
	var result struct {
		Migrated    int `json:"migrated"`
		TagsCreated int `json:"tagsCreated"`
		UniqueTags  int `json:"uniqueTags"`
	}
	if run.Status != "Completed" || json.Unmarshal(run.Output, &result) != nil || result.Migrated != 0 || result.TagsCreated != 0 || result.UniqueTags == 0 {
		t.Fatalf("second migration: %s %s", run.Status, run.Output)
	}
	if twice := highlightTags(t, s.DatabaseURL, user); !equalStrings(once, twice) {
		t.Fatalf("running the migration again changed the links")
	}

	retagHighlights(t, lib)
	syncHighlights(t, s.Dev, s.URL, user, nil)
	waitForCompletedRuns(t, s, user, "migrate-highlight-tags", 3)
	assertTagLinksMatch(t, highlightTags(t, s.DatabaseURL, user), lib)
}

// highlightTags lists the user's highlight↔tag links as "rwid tag by".
func highlightTags(t *testing.T, databaseURL, userID string) []string {
	t.Helper()
	st := openDB(t, databaseURL)
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

func equalStrings(a, b []string) bool {
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
