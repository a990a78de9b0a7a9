package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"spark.dev/spark/store"
)

var _ store.Embeddings = (*DB)(nil)

// blankChars are what a blank text is made of: it is never embedded.
const blankChars = " \t\n\r\v\f"

// firstID sorts before every uuid, as a cursor from the start.
const firstID = "00000000-0000-0000-0000-000000000000"

func (db *DB) HighlightsToEmbed(ctx context.Context, userID, afterID string, limit int) ([]store.TextToEmbed, error) {
	if afterID == "" {
		afterID = firstID
	}
	rows, err := db.read.QueryContext(ctx, `
		SELECT id, rw_text FROM highlights
		WHERE user_id = $1 AND id > $2 AND embedding IS NULL AND trim(rw_text, $3) <> ''
		ORDER BY id LIMIT $4`, userID, afterID, blankChars, limit)
	if err != nil {
		return nil, fmt.Errorf("highlights to embed: %w", err)
	}
	return scanAll(rows, func(rows *sql.Rows) (store.TextToEmbed, error) {
		var h store.TextToEmbed
		return h, rows.Scan(&h.ID, &h.Text)
	})
}

func (db *DB) StoreEmbeddings(ctx context.Context, userID string, vectors []store.HighlightEmbedding, at time.Time) (int, error) {
	pgvector, err := db.usesPgvector(ctx)
	if err != nil {
		return 0, err
	}
	set := "$1"
	if pgvector {
		set = "CAST($1 AS vector)"
	}
	written := 0
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		for _, v := range vectors {
			// Only while the text is the one embedded: a sync may have
			// changed it meanwhile, and its vector is another's.
			res, err := tx.ExecContext(ctx, `UPDATE highlights SET embedding = `+set+`, embedding_updated_at = $2
				WHERE user_id = $3 AND id = $4 AND rw_text = $5`,
				vectorArg(v.Vector, pgvector), db.timeArg(at), userID, v.ID, v.Text)
			if err != nil {
				return err
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			written += int(n)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store embeddings: %w", err)
	}
	return written, nil
}

// HighlightEmbeddings returns every highlight of the user with its text and
// vector (nil when none), by Readwise id; tests read back what was stored.
func (db *DB) HighlightEmbeddings(ctx context.Context, userID string) (map[int64]store.HighlightEmbedding, error) {
	pgvector, err := db.usesPgvector(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT rw_id, id, rw_text, embedding FROM highlights WHERE user_id = $1`, userID)
	if err != nil {
		return nil, fmt.Errorf("highlight embeddings: %w", err)
	}
	all := map[int64]store.HighlightEmbedding{}
	err = scanEach(rows, func(rows *sql.Rows) error {
		var rwID int64
		var e store.HighlightEmbedding
		if err := rows.Scan(&rwID, &e.ID, textDest{&e.Text}, vectorDest{&e.Vector, pgvector}); err != nil {
			return err
		}
		all[rwID] = e
		return nil
	})
	return all, err
}
