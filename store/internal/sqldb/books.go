package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"spark.dev/spark/store"
)

// bookColumns are a book's Readwise fields, in the order of bookArgs and
// scanBook.
const bookColumns = `rw_id, title, author, category, source, num_highlights,
	last_highlight_at, updated, cover_image_url, source_url, asin, tags,
	document_note, readable_title, unique_url, summary, readwise_url, external_id`

func (db *DB) bookArgs(b store.Book) []any {
	return []any{b.RWID, b.Title, b.Author, b.Category, b.Source, b.NumHighlights,
		db.timeArg(b.LastHighlightAt), db.timeArg(b.Updated), b.CoverImageURL, b.SourceURL, b.ASIN, tagsArg(b.Tags),
		b.DocumentNote, b.ReadableTitle, b.UniqueURL, b.Summary, b.ReadwiseURL, b.ExternalID}
}

func scanBook(rows *sql.Rows) (store.Book, error) {
	var b store.Book
	err := rows.Scan(&b.RWID, &b.Title, &b.Author, &b.Category, &b.Source, &b.NumHighlights,
		timeDest{&b.LastHighlightAt}, timeDest{&b.Updated}, &b.CoverImageURL, &b.SourceURL, &b.ASIN, tagsDest{&b.Tags},
		&b.DocumentNote, &b.ReadableTitle, &b.UniqueURL, &b.Summary, &b.ReadwiseURL, &b.ExternalID)
	return b, err
}

// replaceBook makes a book upsert replace every Readwise field.
const replaceBook = `ON CONFLICT (user_id, rw_id) DO UPDATE SET
	title = excluded.title, author = excluded.author, category = excluded.category,
	source = excluded.source, num_highlights = excluded.num_highlights,
	last_highlight_at = excluded.last_highlight_at, updated = excluded.updated,
	cover_image_url = excluded.cover_image_url, source_url = excluded.source_url,
	asin = excluded.asin, tags = excluded.tags, document_note = excluded.document_note,
	readable_title = excluded.readable_title, unique_url = excluded.unique_url,
	summary = excluded.summary, readwise_url = excluded.readwise_url,
	external_id = excluded.external_id, updated_at = excluded.updated_at`

// addExportFields makes a book upsert fill in only the fields that the
// highlight export knows and Book LIST does not, when the export has them.
const addExportFields = `ON CONFLICT (user_id, rw_id) DO UPDATE SET
	readable_title = COALESCE(NULLIF(excluded.readable_title, ''), books.readable_title),
	unique_url = COALESCE(NULLIF(excluded.unique_url, ''), books.unique_url),
	summary = COALESCE(NULLIF(excluded.summary, ''), books.summary),
	external_id = COALESCE(NULLIF(excluded.external_id, ''), books.external_id),
	updated_at = excluded.updated_at`

// upsertBooks writes books, which have distinct RWIDs, in as few statements
// as the dialect's BatchParams allows.
func (db *DB) upsertBooks(ctx context.Context, ex execer, userID string, books []store.Book, onConflict string) error {
	rows := make([][]any, len(books))
	for i, b := range books {
		rows[i] = db.bookArgs(b)
	}
	shared := []any{userID, db.timeArg(time.Now())}
	return db.insertRows(ctx, ex, `INSERT INTO books (user_id, updated_at, `+bookColumns+`)`, onConflict, shared, rows)
}

func (db *DB) UpsertBooks(ctx context.Context, userID string, books []store.Book) (inserted, updated int, err error) {
	books = lastByRWID(books, func(b store.Book) int64 { return b.RWID })
	ids := make([]int64, len(books))
	for i, b := range books {
		ids[i] = b.RWID
	}
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		stored, err := db.countStoredBooks(ctx, tx, userID, ids)
		if err != nil {
			return err
		}
		inserted, updated = len(books)-stored, stored
		return db.upsertBooks(ctx, tx, userID, books, replaceBook)
	})
	if err != nil {
		return 0, 0, fmt.Errorf("upsert books: %w", err)
	}
	return inserted, updated, nil
}

// countStoredBooks counts how many of ids, which are distinct, the user has.
func (db *DB) countStoredBooks(ctx context.Context, tx *sql.Tx, userID string, ids []int64) (int, error) {
	total := 0
	for in, args := range inLists(db, userID, ids) {
		var n int
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM books WHERE user_id = $1 AND rw_id IN (`+in+`)`, args...).Scan(&n)
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

func (db *DB) Books(ctx context.Context, userID string, afterRWID int64, limit int) ([]store.Book, error) {
	return pageByRWID(ctx, db, "books", bookColumns, scanBook, userID, afterRWID, limit)
}

// pageByRWID reads one page of the user's rows of table (never user input)
// in rw_id order, strictly after afterRWID.
func pageByRWID[T any](ctx context.Context, db *DB, table, columns string, scan func(*sql.Rows) (T, error), userID string, afterRWID int64, limit int) ([]T, error) {
	if limit < 1 {
		return nil, fmt.Errorf("%s: limit %d, want at least 1", table, limit)
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT `+columns+` FROM `+table+`
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
