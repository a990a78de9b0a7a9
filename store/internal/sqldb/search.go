package sqldb

import (
	"container/heap"
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"spark.dev/spark/store"
)

var _ store.Search = (*DB)(nil)

// likeEscaper makes every character of a LIKE pattern literal, with \ as
// the ESCAPE character.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// containsPattern is the LIKE pattern of text holding query.
func containsPattern(query string) string { return "%" + likeEscaper.Replace(query) + "%" }

// minTrigramQuery is the shortest query SQLite's trigram index can match;
// shorter ones scan the user's highlights with LIKE.
const minTrigramQuery = 3

func (db *DB) KeywordSearch(ctx context.Context, userID, query string, limit int) ([]store.SearchHit, error) {
	var rows *sql.Rows
	var err error
	switch {
	case !db.dialect.TrigramSearch:
		// The original's search_highlights_keyword, with the query escaped.
		rows, err = db.read.QueryContext(ctx, `
			SELECT id, coalesce(ts_rank(to_tsvector('english', coalesce(rw_text, '')), plainto_tsquery('english', $2)), 0) AS rank
			FROM highlights
			WHERE user_id = $1 AND (rw_text ILIKE $3 ESCAPE '\' OR rw_note ILIKE $3 ESCAPE '\')
			ORDER BY rank DESC, id LIMIT $4`, userID, query, containsPattern(query), limit)
	case utf8.RuneCountInString(query) >= minTrigramQuery:
		// A quoted phrase of the trigram index is a case-insensitive
		// substring match in which every character is literal.
		rows, err = db.read.QueryContext(ctx, `
			SELECT h.id, -bm25(highlights_fts) AS rank
			FROM highlights_fts
			JOIN highlight_search_rows s ON s.fts_rowid = highlights_fts.rowid
			JOIN highlights h ON h.id = s.highlight_id
			WHERE highlights_fts MATCH $2 AND h.user_id = $1
			ORDER BY rank DESC, h.id LIMIT $3`, userID, ftsPhrase(query), limit)
	default:
		rows, err = db.read.QueryContext(ctx, `
			SELECT id, 0 FROM highlights
			WHERE user_id = $1 AND (rw_text LIKE $2 ESCAPE '\' OR rw_note LIKE $2 ESCAPE '\')
			ORDER BY id LIMIT $3`, userID, containsPattern(query), limit)
	}
	if err != nil {
		return nil, fmt.Errorf("keyword search: %w", err)
	}
	return scanAll(rows, func(rows *sql.Rows) (store.SearchHit, error) {
		var h store.SearchHit
		return h, rows.Scan(&h.HighlightID, &h.Score)
	})
}

// ftsPhrase quotes query as one FTS5 phrase.
func ftsPhrase(query string) string {
	return `"` + strings.ReplaceAll(query, `"`, `""`) + `"`
}

func (db *DB) SemanticSearch(ctx context.Context, userID string, query []float32, limit int) ([]store.SearchHit, error) {
	pgvector, err := db.usesPgvector(ctx)
	if err != nil {
		return nil, err
	}
	if pgvector {
		rows, err := db.read.QueryContext(ctx, `
			SELECT id, 1 - (embedding <=> CAST($2 AS vector)) FROM highlights
			WHERE user_id = $1 AND embedding IS NOT NULL
			ORDER BY embedding <=> CAST($2 AS vector) LIMIT $3`, userID, vectorArg(query, true), limit)
		if err != nil {
			return nil, fmt.Errorf("semantic search: %w", err)
		}
		return scanAll(rows, func(rows *sql.Rows) (store.SearchHit, error) {
			var h store.SearchHit
			return h, rows.Scan(&h.HighlightID, &h.Score)
		})
	}
	return db.scanNearest(ctx, userID, query, limit)
}

// scanNearest streams the user's vectors and keeps the limit nearest to
// query in a heap: memory holds one row and the best limit, not the table.
func (db *DB) scanNearest(ctx context.Context, userID string, query []float32, limit int) ([]store.SearchHit, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, embedding FROM highlights WHERE user_id = $1 AND embedding IS NOT NULL`, userID)
	if err != nil {
		return nil, fmt.Errorf("semantic search: %w", err)
	}
	best := &hitHeap{}
	scorer := newCosineQuery(query)
	// Both columns stay in the driver's buffers: the id becomes a string
	// only for a row that makes the best limit, not for every row.
	var id, raw sql.RawBytes
	err = scanEach(rows, func(rows *sql.Rows) error {
		if err := rows.Scan(&id, &raw); err != nil {
			return err
		}
		score := scorer.score(raw)
		if best.Len() < limit {
			heap.Push(best, store.SearchHit{HighlightID: string(id), Score: score})
		} else if outranks(score, id, (*best)[0]) {
			(*best)[0] = store.SearchHit{HighlightID: string(id), Score: score}
			heap.Fix(best, 0)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("semantic search: %w", err)
	}
	hits := make([]store.SearchHit, best.Len())
	for i := len(hits) - 1; i >= 0; i-- {
		hits[i] = heap.Pop(best).(store.SearchHit)
	}
	return hits, nil
}

// worse orders hits: lower score first, then higher id, so that equal
// scores rank by id as the SQL searches do.
func worse(a, b store.SearchHit) bool { return outranks(b.Score, b.HighlightID, a) }

// outranks reports whether a row of score and id ranks above hit. The id
// may be the driver's bytes: comparing them makes no string of them.
func outranks[ID ~string | ~[]byte](score float64, id ID, hit store.SearchHit) bool {
	if score != hit.Score {
		return score > hit.Score
	}
	return string(id) < hit.HighlightID
}

// hitHeap is a min-heap of hits, the worst on top.
type hitHeap []store.SearchHit

func (h hitHeap) Len() int           { return len(h) }
func (h hitHeap) Less(i, j int) bool { return worse(h[i], h[j]) }
func (h hitHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *hitHeap) Push(x any)        { *h = append(*h, x.(store.SearchHit)) }
func (h *hitHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
