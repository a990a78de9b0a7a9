package store

import (
	"context"
	"time"
)

// Search finds the user's highlights, and only theirs.
type Search interface {
	// KeywordSearch returns at most limit of the user's highlights whose text
	// or note holds query as a substring, ignoring case (every character of
	// query is literal: % and _ are no wildcards), best full-text rank first.
	KeywordSearch(ctx context.Context, userID, query string, limit int) ([]SearchHit, error)
	// SemanticSearch returns at most limit of the user's highlights that have
	// a vector, by cosine similarity of that vector to query, highest first.
	SemanticSearch(ctx context.Context, userID string, query []float32, limit int) ([]SearchHit, error)
	// SearchResults returns the user's highlights of ids with their book,
	// tags, categories and note, by id; ids of no highlight of the user's
	// are left out.
	SearchResults(ctx context.Context, userID string, ids []string) (map[string]SearchResult, error)
}

// SearchHit is one highlight a search found and its score: the full-text
// rank (keyword) or the cosine similarity (semantic).
type SearchHit struct {
	HighlightID string
	Score       float64
}

// SearchResult is a highlight as search results show it.
type SearchResult struct {
	ID            string
	BookID        string
	RWID          int64
	Text          string
	Note          string
	Location      string
	LocationType  string
	HighlightedAt time.Time
	URL           string
	Color         string
	CreatedAt     time.Time
	UpdatedAt     time.Time
	Book          SearchBook
	Tags          []Label // by name
	Categories    []Label // by name
	UserNote      *string // the content of its first note, nil when none
}

// SearchBook is the book of a search result.
type SearchBook struct {
	ID            string
	Title         string
	Author        string
	CoverImageURL string
}

// Label is a user's tag or category.
type Label struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}
