package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"spark.dev/spark/store"
)

// highlightColumns are a highlight's Readwise fields, in the order of
// highlightArgs and scanHighlight.
const highlightColumns = `rw_id, book_rw_id, text, note, location, end_location,
	location_type, color, url, external_id, readwise_url, highlighted_at,
	rw_created_at, updated, tags, is_favorite, is_discard`

func (db *DB) highlightArgs(h store.Highlight) []any {
	return []any{h.RWID, h.BookRWID, h.Text, h.Note, h.Location, h.EndLocation,
		h.LocationType, h.Color, h.URL, h.ExternalID, h.ReadwiseURL, db.timeArg(h.HighlightedAt),
		db.timeArg(h.CreatedAt), db.timeArg(h.Updated), tagsArg(h.Tags), h.IsFavorite, h.IsDiscard}
}

func scanHighlight(rows *sql.Rows) (store.Highlight, error) {
	var h store.Highlight
	err := rows.Scan(&h.RWID, &h.BookRWID, &h.Text, &h.Note, &h.Location, &h.EndLocation,
		&h.LocationType, &h.Color, &h.URL, &h.ExternalID, &h.ReadwiseURL, timeDest{&h.HighlightedAt},
		timeDest{&h.CreatedAt}, timeDest{&h.Updated}, tagsDest{&h.Tags}, &h.IsFavorite, &h.IsDiscard)
	return h, err
}

const replaceHighlight = `ON CONFLICT (user_id, rw_id) DO UPDATE SET
	book_rw_id = excluded.book_rw_id, text = excluded.text, note = excluded.note,
	location = excluded.location, end_location = excluded.end_location,
	location_type = excluded.location_type, color = excluded.color, url = excluded.url,
	external_id = excluded.external_id, readwise_url = excluded.readwise_url,
	highlighted_at = excluded.highlighted_at, rw_created_at = excluded.rw_created_at,
	updated = excluded.updated, tags = excluded.tags, is_favorite = excluded.is_favorite,
	is_discard = excluded.is_discard, updated_at = excluded.updated_at`

func (db *DB) ApplyHighlights(ctx context.Context, userID string, page store.HighlightPage) (store.HighlightChanges, error) {
	books := lastByRWID(page.Books, func(b store.Book) int64 { return b.RWID })
	highlights := lastByRWID(page.Highlights, func(h store.Highlight) int64 { return h.RWID })
	ids := make([]int64, 0, len(highlights)+len(page.Deleted))
	for _, h := range highlights {
		ids = append(ids, h.RWID)
	}
	ids = append(ids, page.Deleted...)

	var changes store.HighlightChanges
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		// Books first: the highlights' foreign key needs them.
		if err := db.upsertBooks(ctx, tx, userID, books, addExportFields); err != nil {
			return err
		}
		before, err := db.storedTags(ctx, tx, userID, ids)
		if err != nil {
			return err
		}
		changes.TagsChanged = tagsChanged(before, highlights, page.Deleted)
		if err := db.upsertHighlights(ctx, tx, userID, highlights); err != nil {
			return err
		}
		changes.Upserted = len(highlights)
		if changes.Deleted, err = db.deleteHighlights(ctx, tx, userID, page.Deleted); err != nil {
			return err
		}
		// A deleted book takes its highlights with it (ON DELETE CASCADE).
		_, err = db.deleteByRWID(ctx, tx, "books", userID, page.DeletedBooks)
		return err
	})
	if err != nil {
		return store.HighlightChanges{}, fmt.Errorf("apply highlights: %w", err)
	}
	return changes, nil
}

// storedTags returns the tags of those of ids the user has stored.
func (db *DB) storedTags(ctx context.Context, tx *sql.Tx, userID string, ids []int64) (map[int64][]store.Tag, error) {
	tags := map[int64][]store.Tag{}
	for in, args := range inLists(db, userID, ids) {
		rows, err := tx.QueryContext(ctx, `SELECT rw_id, tags FROM highlights WHERE user_id = $1 AND rw_id IN (`+in+`)`, args...)
		if err != nil {
			return nil, err
		}
		if err := scanTags(rows, tags); err != nil {
			return nil, err
		}
	}
	return tags, nil
}

func scanTags(rows *sql.Rows, into map[int64][]store.Tag) error {
	defer rows.Close()
	for rows.Next() {
		var id int64
		var tags []store.Tag
		if err := rows.Scan(&id, tagsDest{&tags}); err != nil {
			return err
		}
		into[id] = tags
	}
	return rows.Err()
}

// tagsChanged reports whether writing highlights and deleting deleted
// changes any highlight's tags, given the tags stored before.
func tagsChanged(before map[int64][]store.Tag, highlights []store.Highlight, deleted []int64) bool {
	for _, h := range highlights {
		if !sameTags(before[h.RWID], h.Tags) {
			return true
		}
	}
	for _, id := range deleted {
		if len(before[id]) > 0 {
			return true
		}
	}
	return false
}

// upsertHighlights writes highlights, which have distinct RWIDs, in as few
// statements as the dialect's BatchParams allows.
func (db *DB) upsertHighlights(ctx context.Context, ex execer, userID string, highlights []store.Highlight) error {
	rows := make([][]any, len(highlights))
	for i, h := range highlights {
		rows[i] = db.highlightArgs(h)
	}
	shared := []any{userID, db.timeArg(time.Now())}
	return db.insertRows(ctx, ex, `INSERT INTO highlights (user_id, updated_at, `+highlightColumns+`)`, replaceHighlight, shared, rows)
}

// deleteHighlights removes the user's highlights among ids and counts those
// that existed.
func (db *DB) deleteHighlights(ctx context.Context, ex execer, userID string, ids []int64) (int, error) {
	return db.deleteByRWID(ctx, ex, "highlights", userID, ids)
}

// deleteByRWID deletes the user's rows of table (never user input) with the
// given Readwise ids and counts the rows that existed.
func (db *DB) deleteByRWID(ctx context.Context, ex execer, table, userID string, ids []int64) (int, error) {
	deleted := 0
	for in, args := range inLists(db, userID, ids) {
		res, err := ex.ExecContext(ctx, `DELETE FROM `+table+` WHERE user_id = $1 AND rw_id IN (`+in+`)`, args...)
		if err != nil {
			return 0, err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return 0, err
		}
		deleted += int(n)
	}
	return deleted, nil
}

func (db *DB) Highlights(ctx context.Context, userID string, afterRWID int64, limit int) ([]store.Highlight, error) {
	return pageByRWID(ctx, db, "highlights", highlightColumns, scanHighlight, userID, afterRWID, limit)
}
