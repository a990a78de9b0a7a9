package storetest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"spark.dev/spark/internal/fakeembeddings"
	"spark.dev/spark/store"
)

// benchHighlights is the library size of BenchSearch: one user's 100,000.
const benchHighlights = 100_000

// BenchSearch measures keyword and semantic search over one user's
// benchHighlights highlights, each with a vector, in s, an empty store,
// and reports the p50 and p99 latency of queries counts times each.
func BenchSearch(b *testing.B, s store.Store, queries int) {
	words := benchWords()
	rng := rand.New(rand.NewPCG(1, 2))
	sentence := func(n int) string {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = words[rng.IntN(len(words))]
		}
		return strings.Join(parts, " ")
	}
	start := time.Now()
	for first := 0; first < benchHighlights; first += 1000 {
		page := store.HighlightPage{Books: []store.Book{{RWID: 1, Title: "Bench"}}}
		for i := first; i < first+1000; i++ {
			page.Highlights = append(page.Highlights, store.Highlight{RWID: int64(i + 1), BookRWID: 1, Text: sentence(12)})
		}
		if _, err := s.ApplyHighlights(b.Context(), userA, page); err != nil {
			b.Fatal(err)
		}
	}
	for {
		todo, err := s.HighlightsToEmbed(b.Context(), userA, "", 1000)
		if err != nil {
			b.Fatal(err)
		}
		if len(todo) == 0 {
			break
		}
		vectors := make([]store.HighlightEmbedding, len(todo))
		for i, h := range todo {
			vectors[i] = store.HighlightEmbedding{ID: h.ID, Text: h.Text, Vector: fakeembeddings.Vector(h.Text)}
		}
		if _, err := s.StoreEmbeddings(b.Context(), userA, vectors, time.Now()); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("%s: %d highlights with vectors written in %s", s.Engine(), benchHighlights, time.Since(start).Round(time.Second))

	b.Run("keyword", func(b *testing.B) {
		measure(b, queries, func(i int) error {
			_, err := s.KeywordSearch(b.Context(), userA, words[i%len(words)]+" "+words[(i*7+3)%len(words)], 10)
			return err
		})
	})
	b.Run("semantic", func(b *testing.B) {
		measure(b, queries, func(i int) error {
			_, err := s.SemanticSearch(b.Context(), userA, fakeembeddings.Vector(sentence(4)), 10)
			return err
		})
	})
}

// measure runs query n times per benchmark round and reports the
// latencies' p50 and p99 in milliseconds.
func measure(b *testing.B, n int, query func(i int) error) {
	var took []time.Duration
	for b.Loop() {
		for i := range n {
			begin := time.Now()
			if err := query(i); err != nil {
				b.Fatal(err)
			}
			took = append(took, time.Since(begin))
		}
	}
	slices.Sort(took)
	at := func(p float64) float64 { return float64(took[int(p*float64(len(took)-1))]) / 1e6 }
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}

// benchWords is a vocabulary of 2000 made-up words.
func benchWords() []string {
	syllables := []string{"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "qua"}
	words := make([]string, 0, 2000)
	for i := range 2000 {
		words = append(words, fmt.Sprintf("%s%s%s", syllables[i%10], syllables[(i/10)%10], syllables[(i/100)%10])+strings.Repeat("n", i/1000))
	}
	return words
}
