package search

import (
	"time"

	"spark.dev/spark/store"
)

// Result is one highlight as the original's search route answered it.
type Result struct {
	ID            string        `json:"id"`
	BookID        string        `json:"bookId"`
	RWID          int64         `json:"rwId"`
	Text          string        `json:"text"`
	Note          *string       `json:"note"`
	Location      *string       `json:"location"`
	LocationType  *string       `json:"locationType"`
	HighlightedAt *time.Time    `json:"highlightedAt"`
	URL           *string       `json:"url"`
	Color         *string       `json:"color"`
	Categories    []store.Label `json:"categories"`
	Tags          []store.Label `json:"tags"`
	UserNote      *string       `json:"userNote"`
	CreatedAt     *time.Time    `json:"createdAt"`
	UpdatedAt     *time.Time    `json:"updatedAt"`
	// Score orders the results: the rank, the similarity or the fused score.
	Score      float64  `json:"score"`
	Rank       *float64 `json:"rank,omitempty"`       // full-text rank, when keyword search found it
	Similarity *float64 `json:"similarity,omitempty"` // cosine similarity, when semantic search found it
	Book       Book     `json:"book"`
}

// Book is a result's book.
type Book struct {
	ID            string  `json:"id"`
	Title         string  `json:"title"`
	Author        *string `json:"author"`
	CoverImageURL *string `json:"coverImageUrl"`
}

func newResult(r store.SearchResult, h hit) Result {
	title := r.Book.Title
	if title == "" {
		title = "Untitled"
	}
	return Result{
		ID: r.ID, BookID: r.BookID, RWID: r.RWID, Text: r.Text,
		Note: orNull(r.Note), Location: orNull(r.Location), LocationType: orNull(r.LocationType),
		HighlightedAt: timeOrNull(r.HighlightedAt), URL: orNull(r.URL), Color: orNull(r.Color),
		Categories: orEmpty(r.Categories), Tags: orEmpty(r.Tags), UserNote: r.UserNote,
		CreatedAt: timeOrNull(r.CreatedAt), UpdatedAt: timeOrNull(r.UpdatedAt),
		Score: h.score, Rank: h.rank, Similarity: h.similarity,
		Book: Book{ID: r.Book.ID, Title: title, Author: orNull(r.Book.Author), CoverImageURL: orNull(r.Book.CoverImageURL)},
	}
}

// orNull is s, or JSON null for "" (the store reads NULL as "").
func orNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func timeOrNull(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// orEmpty answers [] rather than null, as the original did.
func orEmpty(labels []store.Label) []store.Label {
	if labels == nil {
		return []store.Label{}
	}
	return labels
}
