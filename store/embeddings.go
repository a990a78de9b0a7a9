package store

import (
	"context"
	"time"
)

// Embeddings keeps the vectors of highlights' texts, for semantic search.
// A vector always belongs to the text it was made from: a highlight whose
// text changes loses its vector (on every engine, whoever writes the text),
// and a vector is only stored while the text is still the one embedded.
type Embeddings interface {
	// HighlightsToEmbed returns, in ascending id order strictly after afterID
	// ("" = from the start), at most limit (>= 1) of the user's highlights
	// that have no vector of their current text. Highlights whose text is
	// blank (empty or only spaces, tabs and line breaks) are never listed.
	HighlightsToEmbed(ctx context.Context, userID, afterID string, limit int) ([]TextToEmbed, error)
	// StoreEmbeddings writes each vector onto the user's highlight of its ID,
	// in one transaction, when that highlight's text is still Text; others
	// are left as they are. It returns how many were written.
	StoreEmbeddings(ctx context.Context, userID string, vectors []HighlightEmbedding, at time.Time) (int, error)
}

// TextToEmbed is a highlight whose text needs a vector.
type TextToEmbed struct {
	ID   string
	Text string
}

// HighlightEmbedding is the vector of a highlight's text.
type HighlightEmbedding struct {
	ID     string
	Text   string // the text embedded
	Vector []float32
}
