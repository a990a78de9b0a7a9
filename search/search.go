// Package search finds a user's highlights by keyword, by meaning (the
// embedding of the query against theirs) or both, fused by reciprocal rank,
// and shapes the results as the original API answered them.
package search

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"spark.dev/spark/apperr"
	"spark.dev/spark/embeddings"
	"spark.dev/spark/store"
)

// Mode is how a search matches.
type Mode string

const (
	Keyword  Mode = "keyword"
	Semantic Mode = "semantic"
	Hybrid   Mode = "hybrid"
)

// Modes lists every Mode.
var Modes = []Mode{Keyword, Semantic, Hybrid}

// rrfK is reciprocal rank fusion's constant, as the original used.
const rrfK = 60

// Embedder embeds texts; *embeddings.Client is one.
type Embedder interface {
	Configured() bool
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

// Service runs searches.
type Service struct {
	store    store.Search
	embedder Embedder
}

func NewService(s store.Search, e Embedder) *Service {
	return &Service{store: s, embedder: e}
}

// hit is one highlight found, with what each list said of it.
type hit struct {
	id         string
	score      float64
	rank       *float64
	similarity *float64
}

// Search returns at most limit of the user's highlights matching query in
// mode, best first.
func (s *Service) Search(ctx context.Context, userID, query string, mode Mode, limit int) ([]Result, error) {
	var hits []hit
	var err error
	switch mode {
	case Keyword:
		hits, err = s.keyword(ctx, userID, query, limit)
	case Semantic:
		hits, err = s.semantic(ctx, userID, query, limit)
	case Hybrid:
		hits, err = s.hybrid(ctx, userID, query, limit)
	default:
		return nil, apperr.New(apperr.Invalid, "Mode is required and must be one of: keyword, semantic, hybrid")
	}
	if err != nil {
		return nil, err
	}
	return s.results(ctx, userID, hits)
}

func (s *Service) keyword(ctx context.Context, userID, query string, limit int) ([]hit, error) {
	found, err := s.store.KeywordSearch(ctx, userID, query, limit)
	if err != nil {
		return nil, err
	}
	hits := make([]hit, len(found))
	for i, f := range found {
		hits[i] = hit{id: f.HighlightID, score: f.Score, rank: &f.Score}
	}
	return hits, nil
}

func (s *Service) semantic(ctx context.Context, userID, query string, limit int) ([]hit, error) {
	if !s.embedder.Configured() {
		return nil, apperr.Wrap(apperr.NotConfigured, "Semantic search is not configured on this server: OPENAI_API_KEY is not set", embeddings.ErrNotConfigured)
	}
	vectors, err := s.embedder.Embed(ctx, []string{query})
	if err != nil {
		return nil, embedFailure(err)
	}
	found, err := s.store.SemanticSearch(ctx, userID, vectors[0], limit)
	if err != nil {
		return nil, err
	}
	hits := make([]hit, len(found))
	for i, f := range found {
		hits[i] = hit{id: f.HighlightID, score: f.Score, similarity: &f.Score}
	}
	return hits, nil
}

// hybrid fuses 2 × limit of each search: every list adds 1 / (k + rank)
// to a highlight's score, rank counted from 1.
func (s *Service) hybrid(ctx context.Context, userID, query string, limit int) ([]hit, error) {
	semantic, err := s.semantic(ctx, userID, query, 2*limit)
	if err != nil {
		return nil, err
	}
	keyword, err := s.keyword(ctx, userID, query, 2*limit)
	if err != nil {
		return nil, err
	}
	return fuse(limit, semantic, keyword), nil
}

// fuse is reciprocal rank fusion of lists, at most limit, best first; ties
// keep the order in which the lists first named them.
func fuse(limit int, lists ...[]hit) []hit {
	var fused []hit
	at := map[string]int{}
	for _, list := range lists {
		for rank, h := range list {
			i, seen := at[h.id]
			if !seen {
				i = len(fused)
				at[h.id] = i
				fused = append(fused, hit{id: h.id})
			}
			f := &fused[i]
			f.score += 1 / float64(rrfK+rank+1)
			f.rank = cmp.Or(f.rank, h.rank)
			f.similarity = cmp.Or(f.similarity, h.similarity)
		}
	}
	slices.SortStableFunc(fused, func(a, b hit) int { return cmp.Compare(b.score, a.score) })
	return fused[:min(limit, len(fused))]
}

// embedFailure says what went wrong with the query's embedding, without
// the details of the API's answer.
func embedFailure(err error) error {
	if _, ok := errors.AsType[*embeddings.RateLimitError](err); ok {
		return apperr.Wrap(apperr.Unavailable, "The embeddings service is busy: try again shortly", err)
	}
	return apperr.Wrap(apperr.Upstream, "Failed to embed the search query", err)
}

// results reads what the answer shows of hits, in one round of queries,
// keeping their order; a highlight deleted since it was found is left out.
func (s *Service) results(ctx context.Context, userID string, hits []hit) ([]Result, error) {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.id
	}
	rows, err := s.store.SearchResults(ctx, userID, ids)
	if err != nil {
		return nil, fmt.Errorf("read search results: %w", err)
	}
	out := make([]Result, 0, len(hits))
	for _, h := range hits {
		if row, ok := rows[h.id]; ok {
			out = append(out, newResult(row, h))
		}
	}
	return out, nil
}
