package storetest

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"spark.dev/spark/store"
)

// normalizeTag is the tag-name rule of docs/functions.md: trimmed, lower-cased, spaces to "-".
func normalizeTag(name string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(name)), " ", "-")
}

// tagged is a highlight on book 1 carrying Readwise tags with these names.
func tagged(rwID int64, names ...string) store.Highlight {
	h := store.Highlight{RWID: rwID, BookRWID: 1}
	for i, name := range names {
		h.Tags = append(h.Tags, store.Tag{ID: int64(i + 1), Name: name})
	}
	return h
}

func applyTagged(t *testing.T, s store.Store, userID string, highlights ...store.Highlight) {
	t.Helper()
	applyHighlights(t, s, userID, store.HighlightPage{Books: []store.Book{{RWID: 1}}, Highlights: highlights})
}

func migrateTags(t *testing.T, s store.Store, userID string, afterRWID int64, limit int) store.TagMigration {
	t.Helper()
	m, err := s.MigrateHighlightTags(t.Context(), userID, afterRWID, limit, normalizeTag)
	if err != nil {
		t.Fatalf("MigrateHighlightTags(%s, after %d): %v", userID, afterRWID, err)
	}
	return m
}

func highlightTags(t *testing.T, s store.Store, userID string) []store.HighlightTag {
	t.Helper()
	links, err := Inspect(t, s).HighlightTags(t.Context(), userID)
	if err != nil {
		t.Fatalf("HighlightTags(%s): %v", userID, err)
	}
	return links
}

func countReadwiseTags(t *testing.T, s store.Store, userID string) int {
	t.Helper()
	n, err := s.CountReadwiseTags(t.Context(), userID)
	if err != nil {
		t.Fatalf("CountReadwiseTags(%s): %v", userID, err)
	}
	return n
}

func readwiseLink(rwID int64, tag string) store.HighlightTag {
	return store.HighlightTag{HighlightRWID: rwID, Tag: tag, CreatedBy: store.CreatedByReadwise}
}

func testMigrateHighlightTags(t *testing.T, s store.Store) {
	applyTagged(t, s, userA,
		tagged(1, "Deep Work", " Focus "),
		tagged(2, "deep work", "DEEP WORK"), // one tag after normalizing
		tagged(3),
		tagged(4, "   ", ""), // blank names
		tagged(bigID, "focus"),
	)
	want := store.TagMigration{Highlights: 5, LastRWID: bigID, LinksCreated: 4, TagsCreated: 2}
	if got := migrateTags(t, s, userA, 0, 100); got != want {
		t.Errorf("MigrateHighlightTags = %+v, want %+v", got, want)
	}
	wantLinks := []store.HighlightTag{readwiseLink(1, "deep-work"), readwiseLink(1, "focus"), readwiseLink(2, "deep-work"), readwiseLink(bigID, "focus")}
	if got := highlightTags(t, s, userA); !reflect.DeepEqual(got, wantLinks) {
		t.Errorf("HighlightTags = %+v, want %+v", got, wantLinks)
	}
	if got := tagNames(t, s, userA); !reflect.DeepEqual(got, []string{"deep-work", "focus"}) {
		t.Errorf("TagNames = %q, want [deep-work focus]", got)
	}
	if n := countReadwiseTags(t, s, userA); n != 2 {
		t.Errorf("CountReadwiseTags = %d, want 2", n)
	}

	if got, want := migrateTags(t, s, userA, 0, 100), (store.TagMigration{Highlights: 5, LastRWID: bigID}); got != want {
		t.Errorf("second MigrateHighlightTags = %+v, want %+v", got, want)
	}
	if got := highlightTags(t, s, userA); !reflect.DeepEqual(got, wantLinks) {
		t.Errorf("HighlightTags after the second run = %+v, want %+v", got, wantLinks)
	}
	if got, want := migrateTags(t, s, userA, bigID, 100), (store.TagMigration{LastRWID: bigID}); got != want {
		t.Errorf("MigrateHighlightTags past the last highlight = %+v, want %+v", got, want)
	}
	if _, err := s.MigrateHighlightTags(t.Context(), userA, 0, 0, normalizeTag); err == nil {
		t.Error("MigrateHighlightTags with limit 0 succeeded, want an error")
	}
}

func testMigrateHighlightTagsFollowsChanges(t *testing.T, s store.Store) {
	importSparks(t, s, userA, newSpark("uid", "cat", "c")) // "c" exists before any migration
	applyTagged(t, s, userA, tagged(1, "a", "b"), tagged(2, "b"))
	if got, want := migrateTags(t, s, userA, 0, 10), (store.TagMigration{Highlights: 2, LastRWID: 2, LinksCreated: 3, TagsCreated: 2}); got != want {
		t.Errorf("first MigrateHighlightTags = %+v, want %+v", got, want)
	}

	applyTagged(t, s, userA, tagged(1, "b", "c", "d"), tagged(2))
	want := store.TagMigration{Highlights: 2, LastRWID: 2, LinksCreated: 2, LinksRemoved: 2, TagsCreated: 1}
	if got := migrateTags(t, s, userA, 0, 10); got != want {
		t.Errorf("MigrateHighlightTags after the tags changed = %+v, want %+v", got, want)
	}
	wantLinks := []store.HighlightTag{readwiseLink(1, "b"), readwiseLink(1, "c"), readwiseLink(1, "d")}
	if got := highlightTags(t, s, userA); !reflect.DeepEqual(got, wantLinks) {
		t.Errorf("HighlightTags = %+v, want %+v", got, wantLinks)
	}
	if n := countReadwiseTags(t, s, userA); n != 3 {
		t.Errorf("CountReadwiseTags = %d, want 3", n)
	}
}

func testMigrateHighlightTagsLeavesOtherLinks(t *testing.T, s store.Store) {
	applyTagged(t, s, userA, tagged(1, "Shared"), tagged(2), tagged(3, "mine"))
	for _, name := range []string{"shared", "mine"} {
		if err := seed(t, s, `INSERT INTO tags (user_id, name) VALUES ($1, $2)`, userA, name); err != nil {
			t.Fatal(err)
		}
	}
	userLink := func(rwID int64, tag string) store.HighlightTag {
		if err := seed(t, s, `INSERT INTO highlight_tags (highlight_id, tag_id, created_by) VALUES (
			(SELECT id FROM highlights WHERE user_id = $1 AND rw_id = $2),
			(SELECT id FROM tags WHERE user_id = $1 AND name = $3), $4)`, userA, rwID, tag, "user"); err != nil {
			t.Fatal(err)
		}
		return store.HighlightTag{HighlightRWID: rwID, Tag: tag, CreatedBy: "user"}
	}
	// The user linked highlight 1 to a tag Readwise also has on it, and
	// highlight 2 to a tag Readwise does not.
	wantLinks := []store.HighlightTag{userLink(1, "shared"), userLink(2, "mine"), readwiseLink(3, "mine")}

	if got, want := migrateTags(t, s, userA, 0, 10), (store.TagMigration{Highlights: 3, LastRWID: 3, LinksCreated: 1}); got != want {
		t.Errorf("MigrateHighlightTags = %+v, want %+v", got, want)
	}
	if got := highlightTags(t, s, userA); !reflect.DeepEqual(got, wantLinks) {
		t.Errorf("HighlightTags = %+v, want %+v", got, wantLinks)
	}
	if n := countReadwiseTags(t, s, userA); n != 1 {
		t.Errorf("CountReadwiseTags = %d, want 1: only readwise links count", n)
	}

	applyTagged(t, s, userA, tagged(1), tagged(2), tagged(3)) // Readwise drops every tag
	if got, want := migrateTags(t, s, userA, 0, 10), (store.TagMigration{Highlights: 3, LastRWID: 3, LinksRemoved: 1}); got != want {
		t.Errorf("MigrateHighlightTags after Readwise dropped the tags = %+v, want %+v", got, want)
	}
	if got := highlightTags(t, s, userA); !reflect.DeepEqual(got, wantLinks[:2]) {
		t.Errorf("HighlightTags = %+v, want the user's links %+v", got, wantLinks[:2])
	}
}

// More highlights and tags than one statement carries on either engine, in
// pages whose RWIDs are not contiguous.
func testMigrateHighlightTagsPages(t *testing.T, s store.Store) {
	const n, topics = 1500, 300
	var highlights []store.Highlight
	for i := range int64(n) {
		highlights = append(highlights, tagged(bigID+3*i, fmt.Sprintf("Topic %03d", i%topics), "Shared"))
	}
	applyTagged(t, s, userA, highlights...)

	pass := func() (total store.TagMigration, sizes []int) {
		for after := int64(0); ; {
			m := migrateTags(t, s, userA, after, 1000)
			if m.Highlights == 0 {
				if m.LastRWID != after {
					t.Errorf("an empty page moved LastRWID from %d to %d", after, m.LastRWID)
				}
				return total, sizes
			}
			sizes = append(sizes, m.Highlights)
			total.LinksCreated += m.LinksCreated
			total.LinksRemoved += m.LinksRemoved
			total.TagsCreated += m.TagsCreated
			after = m.LastRWID
		}
	}
	total, sizes := pass()
	if want := (store.TagMigration{LinksCreated: 2 * n, TagsCreated: topics + 1}); total != want || !reflect.DeepEqual(sizes, []int{1000, 500}) {
		t.Errorf("first pass = %+v in pages %v, want %+v in pages [1000 500]", total, sizes, want)
	}
	if links := highlightTags(t, s, userA); len(links) != 2*n {
		t.Errorf("HighlightTags = %d links, want %d", len(links), 2*n)
	}
	if got := countReadwiseTags(t, s, userA); got != topics+1 {
		t.Errorf("CountReadwiseTags = %d, want %d", got, topics+1)
	}
	if total, _ := pass(); total != (store.TagMigration{}) {
		t.Errorf("second pass = %+v, want nothing changed", total)
	}
}

func testMigrateHighlightTagsIsolation(t *testing.T, s store.Store) {
	applyTagged(t, s, userA, tagged(1, "x", "y"))
	applyTagged(t, s, userB, tagged(1, "y"), tagged(2, "z"))

	if got := migrateTags(t, s, userA, 0, 10); got.TagsCreated != 2 || got.LinksCreated != 2 {
		t.Errorf("user-a's migration = %+v, want 2 tags and 2 links", got)
	}
	if got := highlightTags(t, s, userB); got != nil {
		t.Errorf("user-b's links after user-a's migration = %+v, want none", got)
	}
	if got, want := migrateTags(t, s, userB, 0, 10), (store.TagMigration{Highlights: 2, LastRWID: 2, LinksCreated: 2, TagsCreated: 2}); got != want {
		t.Errorf("user-b's migration = %+v, want %+v: user-a's tags count", got, want)
	}

	applyTagged(t, s, userA, tagged(1))
	if got := migrateTags(t, s, userA, 0, 10); got.LinksRemoved != 2 {
		t.Errorf("user-a's migration after its tags went = %+v, want 2 links removed", got)
	}
	wantB := []store.HighlightTag{readwiseLink(1, "y"), readwiseLink(2, "z")}
	if got := highlightTags(t, s, userB); !reflect.DeepEqual(got, wantB) {
		t.Errorf("user-b's links = %+v, want %+v", got, wantB)
	}
	if got := highlightTags(t, s, userA); got != nil {
		t.Errorf("user-a's links = %+v, want none", got)
	}
	if a, b := countReadwiseTags(t, s, userA), countReadwiseTags(t, s, userB); a != 0 || b != 2 {
		t.Errorf("CountReadwiseTags = %d for user-a and %d for user-b, want 0 and 2", a, b)
	}
}
