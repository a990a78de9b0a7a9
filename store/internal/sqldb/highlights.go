package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"spark.dev/spark/store"
)

// highlightColumns are a highlight's Readwise fields, in the order of
// highlightArgs and scanHighlight.
const highlightColumns = `rw_id, rw_book_id, rw_text, rw_note, rw_location, rw_end_location,
	rw_location_type, rw_color, rw_url, rw_external_id, rw_readwise_url, rw_highlighted_at,
	rw_created_at, rw_updated, rw_tags, rw_is_favorite, rw_is_discard`

func (db *DB) highlightArgs(h store.Highlight) []any {
	var location any // rw_location is text in the original
	if h.Location != nil {
		location = strconv.FormatInt(*h.Location, 10)
	}
	return []any{h.RWID, h.BookRWID, textArg(h.Text), textArg(h.Note), location, h.EndLocation,
		textArg(h.LocationType), textArg(h.Color), textArg(h.URL), textArg(h.ExternalID), textArg(h.ReadwiseURL),
		db.timeArg(h.HighlightedAt), db.timeArg(h.CreatedAt), db.timeArg(h.Updated), tagsArg(h.Tags), h.IsFavorite, h.IsDiscard}
}

func scanHighlight(rows *sql.Rows) (store.Highlight, error) {
	var h store.Highlight
	var location sql.NullString
	var favorite, discard sql.NullBool
	err := rows.Scan(&h.RWID, &h.BookRWID, textDest{&h.Text}, textDest{&h.Note}, &location, &h.EndLocation,
		textDest{&h.LocationType}, textDest{&h.Color}, textDest{&h.URL}, textDest{&h.ExternalID}, textDest{&h.ReadwiseURL},
		timeDest{&h.HighlightedAt}, timeDest{&h.CreatedAt}, timeDest{&h.Updated}, tagsDest{&h.Tags}, &favorite, &discard)
	if err != nil {
		return h, err
	}
	h.IsFavorite, h.IsDiscard = favorite.Bool, discard.Bool
	// The original's rw_location is free text; this backend writes numbers.
	if n, err := strconv.ParseInt(location.String, 10, 64); location.Valid && err == nil {
		h.Location = &n
	}
	return h, nil
}

// replaceHighlight replaces every Readwise field; the id stays.
const replaceHighlight = `ON CONFLICT (user_id, rw_id) DO UPDATE SET
	book_id = excluded.book_id, rw_book_id = excluded.rw_book_id, rw_text = excluded.rw_text,
	rw_note = excluded.rw_note, rw_location = excluded.rw_location, rw_end_location = excluded.rw_end_location,
	rw_location_type = excluded.rw_location_type, rw_color = excluded.rw_color, rw_url = excluded.rw_url,
	rw_external_id = excluded.rw_external_id, rw_readwise_url = excluded.rw_readwise_url,
	rw_highlighted_at = excluded.rw_highlighted_at, rw_created_at = excluded.rw_created_at,
	rw_updated = excluded.rw_updated, rw_tags = excluded.rw_tags, rw_is_favorite = excluded.rw_is_favorite,
	rw_is_discard = excluded.rw_is_discard, updated_at = excluded.updated_at`

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
		before, err := db.storedTags(ctx, tx, userID, ids)
		if err != nil {
			return err
		}
		changes.TagsChanged = tagsChanged(before, highlights, page.Deleted)
		err = db.withGenericPlans(ctx, tx, func() error {
			// Books first: the highlights point at them.
			if err := db.upsertBooks(ctx, tx, userID, books, addExportFields); err != nil {
				return err
			}
			return db.upsertHighlights(ctx, tx, userID, highlights)
		})
		if err != nil {
			return err
		}
		changes.Upserted = len(highlights)
		if changes.Deleted, err = db.deleteByRWID(ctx, tx, "highlights", userID, page.Deleted); err != nil {
			return err
		}
		// A deleted book takes its highlights with it (ON DELETE CASCADE).
		_, err = db.deleteByRWID(ctx, tx, "books", userID, page.DeletedBooks)
		return err
	})
	if err != nil {
		return store.HighlightChanges{}, fmt.Errorf("apply highlights: %w", err)
	}
	db.refreshStats(ctx, "highlights", "books")
	return changes, nil
}

// storedTags returns the tags of those of ids the user has stored.
func (db *DB) storedTags(ctx context.Context, tx *sql.Tx, userID string, ids []int64) (map[int64][]store.Tag, error) {
	tags := map[int64][]store.Tag{}
	for cond, args := range rwIDLists(db, userID, ids) {
		rows, err := tx.QueryContext(ctx, `SELECT rw_id, rw_tags FROM highlights WHERE user_id = $1 AND `+cond, args...)
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

// upsertHighlights writes highlights, which have distinct RWIDs, in one
// statement or as few as the dialect allows (insertPage), each pointing at
// the user's book of its BookRWID: a highlight whose book the user does not
// have is an error.
func (db *DB) upsertHighlights(ctx context.Context, tx *sql.Tx, userID string, highlights []store.Highlight) error {
	var bookRWIDs []int64
	seen := map[int64]bool{}
	for _, h := range highlights {
		if !seen[h.BookRWID] {
			seen[h.BookRWID] = true
			bookRWIDs = append(bookRWIDs, h.BookRWID)
		}
	}
	bookIDs, err := db.bookIDs(ctx, tx, userID, bookRWIDs)
	if err != nil {
		return err
	}
	rows := make([][]any, len(highlights))
	for i, h := range highlights {
		bookID, ok := bookIDs[h.BookRWID]
		if !ok {
			return fmt.Errorf("highlight %d: the user has no book %d", h.RWID, h.BookRWID)
		}
		rows[i] = append([]any{newRowID(), bookID}, db.highlightArgs(h)...)
	}
	shared := []any{userID, db.timeArg(time.Now())}
	return db.insertPage(ctx, tx, `INSERT INTO highlights (user_id, updated_at, id, book_id, `+highlightColumns+`)`, replaceHighlight, shared, rows, highlightTypes)
}

// highlightTypes are PostgreSQL's types of id, book_id and highlightColumns,
// in their order.
var highlightTypes = []string{"uuid", "uuid", "bigint", "bigint", "text", "text", "text", "bigint",
	"text", "text", "text", "text", "text", "timestamptz",
	"timestamptz", "timestamptz", "jsonb", "boolean", "boolean"}

// deleteByRWID deletes the user's rows of table (never user input) with the
// given Readwise ids and counts the rows that existed.
func (db *DB) deleteByRWID(ctx context.Context, ex execer, table, userID string, ids []int64) (int, error) {
	deleted := 0
	for cond, args := range rwIDLists(db, userID, ids) {
		res, err := ex.ExecContext(ctx, `DELETE FROM `+table+` WHERE user_id = $1 AND `+cond, args...)
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
