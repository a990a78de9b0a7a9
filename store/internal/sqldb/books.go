package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"spark.dev/spark/store"
)

// bookColumns are a book's Readwise fields, in the order of bookArgs and
// scanBook (which reads rw_tags through textArrayColumn).
const bookColumns = `rw_id, rw_title, rw_author, rw_category, rw_source, rw_num_highlights,
	rw_last_highlight_at, rw_updated, rw_cover_image_url, rw_source_url, rw_asin, rw_tags,
	rw_document_note, rw_readable_title, rw_unique_url, rw_summary, rw_highlights_url, rw_external_id`

func (db *DB) bookArgs(b store.Book) []any {
	return []any{b.RWID, textArg(b.Title), textArg(b.Author), textArg(b.Category), textArg(b.Source), b.NumHighlights,
		db.timeArg(b.LastHighlightAt), db.timeArg(b.Updated), textArg(b.CoverImageURL), textArg(b.SourceURL),
		textArg(b.ASIN), db.textArrayArg(b.Tags), textArg(b.DocumentNote), textArg(b.ReadableTitle),
		textArg(b.UniqueURL), textArg(b.Summary), textArg(b.ReadwiseURL), textArg(b.ExternalID)}
}

// selectBookColumns is bookColumns for a SELECT.
func (db *DB) selectBookColumns() string {
	return strings.Replace(bookColumns, "rw_tags,", db.textArrayColumn("rw_tags")+",", 1)
}

func scanBook(rows *sql.Rows) (store.Book, error) {
	var b store.Book
	var numHighlights sql.NullInt64
	err := rows.Scan(&b.RWID, textDest{&b.Title}, textDest{&b.Author}, textDest{&b.Category}, textDest{&b.Source}, &numHighlights,
		timeDest{&b.LastHighlightAt}, timeDest{&b.Updated}, textDest{&b.CoverImageURL}, textDest{&b.SourceURL},
		textDest{&b.ASIN}, textArrayDest{&b.Tags}, textDest{&b.DocumentNote}, textDest{&b.ReadableTitle},
		textDest{&b.UniqueURL}, textDest{&b.Summary}, textDest{&b.ReadwiseURL}, textDest{&b.ExternalID})
	b.NumHighlights = int(numHighlights.Int64)
	return b, err
}

// replaceBook makes a book upsert replace every Readwise field; the book's
// id stays, so its highlights and links keep pointing at it.
const replaceBook = `ON CONFLICT (user_id, rw_id) DO UPDATE SET
	rw_title = excluded.rw_title, rw_author = excluded.rw_author, rw_category = excluded.rw_category,
	rw_source = excluded.rw_source, rw_num_highlights = excluded.rw_num_highlights,
	rw_last_highlight_at = excluded.rw_last_highlight_at, rw_updated = excluded.rw_updated,
	rw_cover_image_url = excluded.rw_cover_image_url, rw_source_url = excluded.rw_source_url,
	rw_asin = excluded.rw_asin, rw_tags = excluded.rw_tags, rw_document_note = excluded.rw_document_note,
	rw_readable_title = excluded.rw_readable_title, rw_unique_url = excluded.rw_unique_url,
	rw_summary = excluded.rw_summary, rw_highlights_url = excluded.rw_highlights_url,
	rw_external_id = excluded.rw_external_id, updated_at = excluded.updated_at`

// addExportFields makes a book upsert fill in only the fields that the
// highlight export knows and Book LIST does not, when the export has them.
const addExportFields = `ON CONFLICT (user_id, rw_id) DO UPDATE SET
	rw_readable_title = COALESCE(excluded.rw_readable_title, books.rw_readable_title),
	rw_unique_url = COALESCE(excluded.rw_unique_url, books.rw_unique_url),
	rw_summary = COALESCE(excluded.rw_summary, books.rw_summary),
	rw_external_id = COALESCE(excluded.rw_external_id, books.rw_external_id),
	updated_at = excluded.updated_at`

// upsertBooks writes books, which have distinct RWIDs, in one statement or
// as few as the dialect allows (insertPage).
func (db *DB) upsertBooks(ctx context.Context, ex execer, userID string, books []store.Book, onConflict string) error {
	rows := make([][]any, len(books))
	for i, b := range books {
		rows[i] = append([]any{newRowID()}, db.bookArgs(b)...)
	}
	shared := []any{userID, db.timeArg(time.Now())}
	return db.insertPage(ctx, ex, `INSERT INTO books (user_id, updated_at, id, `+bookColumns+`)`, onConflict, shared, rows, bookTypes)
}

// bookTypes are PostgreSQL's types of id and bookColumns, in their order.
var bookTypes = []string{"uuid", "bigint", "text", "text", "text", "text", "integer",
	"timestamptz", "timestamptz", "text", "text", "text", "text[]",
	"text", "text", "text", "text", "text", "text"}

func (db *DB) UpsertBooks(ctx context.Context, userID string, books []store.Book) (inserted, updated int, err error) {
	books = lastByRWID(books, func(b store.Book) int64 { return b.RWID })
	ids := make([]int64, len(books))
	for i, b := range books {
		ids[i] = b.RWID
	}
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		stored, err := db.bookIDs(ctx, tx, userID, ids)
		if err != nil {
			return err
		}
		inserted, updated = len(books)-len(stored), len(stored)
		return db.withGenericPlans(ctx, tx, func() error {
			return db.upsertBooks(ctx, tx, userID, books, replaceBook)
		})
	})
	if err != nil {
		return 0, 0, fmt.Errorf("upsert books: %w", err)
	}
	return inserted, updated, nil
}

// bookIDs returns the uuid of each of rwIDs the user has, by Readwise id.
func (db *DB) bookIDs(ctx context.Context, tx *sql.Tx, userID string, rwIDs []int64) (map[int64]string, error) {
	ids := make(map[int64]string, len(rwIDs))
	for cond, args := range rwIDLists(db, userID, rwIDs) {
		rows, err := tx.QueryContext(ctx, `SELECT rw_id, id FROM books WHERE user_id = $1 AND `+cond, args...)
		if err != nil {
			return nil, err
		}
		if err := scanIDs(rows, ids); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

func (db *DB) Books(ctx context.Context, userID string, afterRWID int64, limit int) ([]store.Book, error) {
	return pageByRWID(ctx, db, "books", db.selectBookColumns(), scanBook, userID, afterRWID, limit)
}

// pageByRWID reads one page of the user's rows of table (never user input)
// in rw_id order, strictly after afterRWID.
func pageByRWID[T any](ctx context.Context, db *DB, table, columns string, scan func(*sql.Rows) (T, error), userID string, afterRWID int64, limit int) ([]T, error) {
	if limit < 1 {
		return nil, fmt.Errorf("%s: limit %d, want at least 1", table, limit)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+columns+` FROM `+table+`
		WHERE user_id = $1 AND rw_id > $2 ORDER BY rw_id LIMIT $3`, userID, afterRWID, limit)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", table, err)
	}
	page, err := scanAll(rows, scan)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", table, err)
	}
	return page, nil
}
