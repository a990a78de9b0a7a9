package storetest

import (
	"testing"

	"spark.dev/spark/store"
)

// BenchApplyHighlights measures applying one export page of 1000 highlights
// on 20 books to s, an empty store: new highlights, then the same page again
// with every row replaced.
func BenchApplyHighlights(b *testing.B, s store.Store) {
	const size = 1000
	page := func(first int64) store.HighlightPage {
		var p store.HighlightPage
		for i := range int64(20) {
			p.Books = append(p.Books, fullBook(first+i))
		}
		for i := range int64(size) {
			p.Highlights = append(p.Highlights, fullHighlight(first+i, first+i%20))
		}
		return p
	}
	apply := func(b *testing.B, p store.HighlightPage) {
		if _, err := s.ApplyHighlights(b.Context(), userA, p); err != nil {
			b.Fatal(err)
		}
	}
	next := bigID // kept across runs of "new", so that its pages stay new
	b.Run("new", func(b *testing.B) {
		for b.Loop() {
			apply(b, page(next))
			next += size
		}
	})
	b.Run("replaced", func(b *testing.B) {
		p := page(1)
		apply(b, p)
		for b.Loop() {
			apply(b, p)
		}
	})
}
