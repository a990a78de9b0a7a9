package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"spark.dev/spark/internal/fakeembeddings"
	"spark.dev/spark/store"
)

// EmbeddingInspector reads back the stored vectors; only tests need it.
type EmbeddingInspector interface {
	// HighlightEmbeddings returns every highlight of the user with its text
	// and vector (nil when none), by Readwise id.
	HighlightEmbeddings(ctx context.Context, userID string) (map[int64]store.HighlightEmbedding, error)
}

// RunSearch runs the embeddings and search behaviour; open as for Run.
func RunSearch(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		test func(t *testing.T, s store.Store)
	}{
		{"highlights to embed page by id and skip blank texts", testHighlightsToEmbedPages},
		{"stored vectors drop out of the walk, a changed text brings it back", testEmbeddingsFollowTheText},
		{"a vector is stored only for the user's highlight and its embedded text", testStoreEmbeddingsChecksOwnerAndText},
		{"keyword search matches substrings with every character literal", testKeywordSearchLiteral},
		{"keyword search follows text changes and deletions", testKeywordSearchFollowsChanges},
		{"keyword search sees only the user's highlights", testKeywordSearchIsolation},
		{"semantic search ranks by cosine similarity, the user's only", testSemanticSearch},
		{"search results carry book, tags, categories and note, the user's only", testSearchResults},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.test(t, open(t))
		})
	}
}

// library gives the user one book and a highlight of each text, RWIDs 1…n.
func library(t *testing.T, s store.Store, userID string, texts ...string) {
	t.Helper()
	page := store.HighlightPage{Books: []store.Book{{RWID: 1, Title: "The Book", Author: "An Author", CoverImageURL: "https://img.example/1"}}}
	for i, text := range texts {
		page.Highlights = append(page.Highlights, store.Highlight{RWID: int64(i + 1), BookRWID: 1, Text: text})
	}
	applyHighlights(t, s, userID, page)
}

func toEmbed(t *testing.T, s store.Store, userID string) []store.TextToEmbed {
	t.Helper()
	var all []store.TextToEmbed
	for after := ""; ; {
		page, err := s.HighlightsToEmbed(t.Context(), userID, after, 2)
		if err != nil {
			t.Fatalf("HighlightsToEmbed: %v", err)
		}
		if len(page) == 0 {
			return all
		}
		all = append(all, page...)
		after = page[len(page)-1].ID
	}
}

// embedAll stores the fake's vector of every text to embed.
func embedAll(t *testing.T, s store.Store, userID string) int {
	t.Helper()
	var vectors []store.HighlightEmbedding
	for _, h := range toEmbed(t, s, userID) {
		vectors = append(vectors, store.HighlightEmbedding{ID: h.ID, Text: h.Text, Vector: fakeembeddings.Vector(h.Text)})
	}
	n, err := s.StoreEmbeddings(t.Context(), userID, vectors, time.Now())
	if err != nil {
		t.Fatalf("StoreEmbeddings: %v", err)
	}
	return n
}

func embeddingsOf(t *testing.T, s store.Store, userID string) map[int64]store.HighlightEmbedding {
	t.Helper()
	in, ok := s.(EmbeddingInspector)
	if !ok {
		t.Fatalf("%T does not implement storetest.EmbeddingInspector", s)
	}
	all, err := in.HighlightEmbeddings(t.Context(), userID)
	if err != nil {
		t.Fatalf("HighlightEmbeddings: %v", err)
	}
	return all
}

func texts(items []store.TextToEmbed) []string {
	var out []string
	for _, h := range items {
		out = append(out, h.Text)
	}
	return out
}

func testHighlightsToEmbedPages(t *testing.T, s store.Store) {
	library(t, s, userA, "one", "", "  \t\n ", "two", "three")
	got := toEmbed(t, s, userA)
	if want := []string{"one", "two", "three"}; !sameSet(texts(got), want) {
		t.Errorf("texts to embed = %q, want %q (blank ones never)", texts(got), want)
	}
	if !slices.IsSortedFunc(got, func(a, b store.TextToEmbed) int { return compareStrings(a.ID, b.ID) }) {
		t.Errorf("texts to embed are not in id order: %+v", got)
	}
	if other := toEmbed(t, s, userB); len(other) != 0 {
		t.Errorf("another user has texts to embed: %+v", other)
	}
}

func testEmbeddingsFollowTheText(t *testing.T, s store.Store) {
	library(t, s, userA, "first text", "second text", "")
	if n := embedAll(t, s, userA); n != 2 {
		t.Fatalf("stored %d vectors, want 2", n)
	}
	if left := toEmbed(t, s, userA); len(left) != 0 {
		t.Errorf("after embedding, still to embed: %+v", left)
	}
	// The same texts again (a sync replaces every row) keep their vectors;
	// a changed text loses its own.
	library(t, s, userA, "first text", "second text, edited", "")
	if left := toEmbed(t, s, userA); len(left) != 1 || left[0].Text != "second text, edited" {
		t.Errorf("after a text change, to embed = %+v, want the changed text alone", left)
	}
	embedAll(t, s, userA)
	for rwID, e := range embeddingsOf(t, s, userA) {
		switch {
		case e.Text == "" && e.Vector != nil:
			t.Errorf("highlight %d: a blank text has a vector", rwID)
		case e.Text != "" && !slices.Equal(e.Vector, fakeembeddings.Vector(e.Text)):
			t.Errorf("highlight %d (%q) does not hold the vector of its own text", rwID, e.Text)
		}
	}
}

func testStoreEmbeddingsChecksOwnerAndText(t *testing.T, s store.Store) {
	library(t, s, userA, "mine")
	h := toEmbed(t, s, userA)[0]
	vector := fakeembeddings.Vector(h.Text)
	for name, tc := range map[string]struct {
		user string
		text string
	}{
		"another user":  {userB, h.Text},
		"an older text": {userA, "not mine any more"},
		"an empty text": {userA, ""},
	} {
		n, err := s.StoreEmbeddings(t.Context(), tc.user, []store.HighlightEmbedding{{ID: h.ID, Text: tc.text, Vector: vector}}, time.Now())
		if err != nil || n != 0 {
			t.Errorf("%s: StoreEmbeddings = %d, %v; want 0 written", name, n, err)
		}
	}
	if left := toEmbed(t, s, userA); len(left) != 1 {
		t.Errorf("refused writes stored a vector: to embed = %+v", left)
	}
	if n, err := s.StoreEmbeddings(t.Context(), userA, []store.HighlightEmbedding{{ID: h.ID, Text: h.Text, Vector: vector}}, time.Now()); err != nil || n != 1 {
		t.Errorf("StoreEmbeddings of the owner's text = %d, %v; want 1", n, err)
	}
}

func keyword(t *testing.T, s store.Store, userID, query string, limit int) []string {
	t.Helper()
	hits, err := s.KeywordSearch(t.Context(), userID, query, limit)
	if err != nil {
		t.Fatalf("KeywordSearch(%q): %v", query, err)
	}
	return hitTexts(t, s, userID, hits)
}

// hitTexts are the texts of hits, in their order.
func hitTexts(t *testing.T, s store.Store, userID string, hits []store.SearchHit) []string {
	t.Helper()
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.HighlightID
	}
	results, err := s.SearchResults(t.Context(), userID, ids)
	if err != nil {
		t.Fatalf("SearchResults: %v", err)
	}
	out := []string{}
	for _, id := range ids {
		out = append(out, results[id].Text)
	}
	return out
}

func testKeywordSearchLiteral(t *testing.T, s store.Store) {
	library(t, s, userA,
		"Growth of 50% a year", "Growth of 50 percent", "snake_case names", "snakeXcase names",
		`a back\slash`, `a backslash`, "Ünïcode Straße", "an", `say "hi"`)
	tests := []struct {
		query string
		want  []string
	}{
		{"50%", []string{"Growth of 50% a year"}},
		{"%", []string{"Growth of 50% a year"}},
		{"snake_case", []string{"snake_case names"}},
		{"_", []string{"snake_case names"}},
		{`k\s`, []string{`a back\slash`}},
		{"GROWTH OF", []string{"Growth of 50% a year", "Growth of 50 percent"}},
		{"NA", []string{"snake_case names", "snakeXcase names"}},
		{`"hi"`, []string{`say "hi"`}},
		{"STRASSE", nil},
		{"nowhere at all", nil},
	}
	for _, tc := range tests {
		if got := keyword(t, s, userA, tc.query, 50); !sameSet(got, tc.want) {
			t.Errorf("KeywordSearch(%q) = %q, want %q", tc.query, got, tc.want)
		}
	}
	if got := keyword(t, s, userA, "growth", 1); len(got) != 1 {
		t.Errorf("KeywordSearch with limit 1 = %q, want one result", got)
	}
}

func testKeywordSearchFollowsChanges(t *testing.T, s store.Store) {
	library(t, s, userA, "an old phrase", "kept around")
	library(t, s, userA, "a new phrase", "kept around")
	if got := keyword(t, s, userA, "old phrase", 10); len(got) != 0 {
		t.Errorf("the replaced text is still found: %q", got)
	}
	if got := keyword(t, s, userA, "new phrase", 10); !sameSet(got, []string{"a new phrase"}) {
		t.Errorf("the new text = %q, want found", got)
	}
	applyHighlights(t, s, userA, store.HighlightPage{Deleted: []int64{1}})
	if got := keyword(t, s, userA, "phrase", 10); len(got) != 0 {
		t.Errorf("a deleted highlight is still found: %q", got)
	}
}

func testKeywordSearchIsolation(t *testing.T, s store.Store) {
	library(t, s, userA, "a secret of A")
	library(t, s, userB, "a secret of B")
	if got := keyword(t, s, userA, "secret", 10); !sameSet(got, []string{"a secret of A"}) {
		t.Errorf("user A finds %q, want their own alone", got)
	}
	if got := keyword(t, s, userC, "secret", 10); len(got) != 0 {
		t.Errorf("a user with no highlights finds %q", got)
	}
}

func testSemanticSearch(t *testing.T, s store.Store) {
	library(t, s, userA, "cats purr softly", "dogs bark loudly", "cats and dogs play", "not embedded yet")
	library(t, s, userB, "cats purr softly at night")
	var vectors []store.HighlightEmbedding
	for _, h := range toEmbed(t, s, userA) {
		if h.Text != "not embedded yet" {
			vectors = append(vectors, store.HighlightEmbedding{ID: h.ID, Text: h.Text, Vector: fakeembeddings.Vector(h.Text)})
		}
	}
	if _, err := s.StoreEmbeddings(t.Context(), userA, vectors, time.Now()); err != nil {
		t.Fatal(err)
	}
	embedAll(t, s, userB)

	hits, err := s.SemanticSearch(t.Context(), userA, fakeembeddings.Vector("cats purr"), 10)
	if err != nil {
		t.Fatalf("SemanticSearch: %v", err)
	}
	got := hitTexts(t, s, userA, hits)
	if want := []string{"cats purr softly", "cats and dogs play", "dogs bark loudly"}; !slices.Equal(got, want) {
		t.Errorf("SemanticSearch = %q, want %q", got, want)
	}
	for i := 1; i < len(hits); i++ {
		if hits[i].Score > hits[i-1].Score {
			t.Errorf("scores not descending: %+v", hits)
		}
	}
	if len(hits) > 0 && (hits[0].Score < 0.5 || hits[0].Score > 1.0001) {
		t.Errorf("top similarity = %v, want a cosine near 1", hits[0].Score)
	}
	if hits, err := s.SemanticSearch(t.Context(), userA, fakeembeddings.Vector("cats"), 1); err != nil || len(hits) != 1 {
		t.Errorf("SemanticSearch with limit 1 = %+v, %v", hits, err)
	}
}

func testSearchResults(t *testing.T, s store.Store) {
	library(t, s, userA, "tagged text")
	library(t, s, userB, "B's text")
	h := toEmbed(t, s, userA)[0]
	other := toEmbed(t, s, userB)[0]
	for _, q := range []string{
		`INSERT INTO tags (user_id, name) VALUES ($1, 'zeta'), ($1, 'alpha')`,
		`INSERT INTO categories (user_id, name, slug) VALUES ($1, 'Science', 'science')`,
		`INSERT INTO notes (user_id, content) VALUES ($1, 'my note')`,
	} {
		if err := seed(t, s, q, userA); err != nil {
			t.Fatalf("seed %q: %v", q, err)
		}
	}
	for _, q := range []string{
		`INSERT INTO highlight_tags (highlight_id, tag_id) SELECT $2, id FROM tags WHERE user_id = $1`,
		`INSERT INTO highlight_categories (highlight_id, category_id) SELECT $2, id FROM categories WHERE user_id = $1`,
		`INSERT INTO highlight_notes (highlight_id, note_id) SELECT $2, id FROM notes WHERE user_id = $1`,
	} {
		if err := seed(t, s, q, userA, h.ID); err != nil {
			t.Fatalf("seed %q: %v", q, err)
		}
	}
	results, err := s.SearchResults(t.Context(), userA, []string{h.ID, other.ID})
	if err != nil {
		t.Fatalf("SearchResults: %v", err)
	}
	if _, ok := results[other.ID]; ok || len(results) != 1 {
		t.Fatalf("SearchResults = %+v, want user A's highlight alone", results)
	}
	r := results[h.ID]
	if r.Text != "tagged text" || r.RWID != 1 || r.Book.ID != r.BookID || r.Book.Title != "The Book" ||
		r.Book.Author != "An Author" || r.Book.CoverImageURL != "https://img.example/1" {
		t.Errorf("result = %+v, want the highlight and its book", r)
	}
	if names := labelNames(r.Tags); !slices.Equal(names, []string{"alpha", "zeta"}) {
		t.Errorf("tags = %q, want [alpha zeta]", names)
	}
	if names := labelNames(r.Categories); !slices.Equal(names, []string{"Science"}) {
		t.Errorf("categories = %q, want [Science]", names)
	}
	if r.UserNote == nil || *r.UserNote != "my note" {
		t.Errorf("note = %v, want my note", r.UserNote)
	}
}

func labelNames(labels []store.Label) []string {
	var out []string
	for _, l := range labels {
		out = append(out, l.Name)
	}
	return out
}

func sameSet(got, want []string) bool {
	return slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want)))
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
