package sqldb

import (
	"context"
	"database/sql"
	"fmt"

	"spark.dev/spark/store"
)

// SearchResults reads the results in two queries whatever their number:
// the highlights with their books, then every tag, category and note of
// them in one union.
func (db *DB) SearchResults(ctx context.Context, userID string, ids []string) (map[string]store.SearchResult, error) {
	results := make(map[string]store.SearchResult, len(ids))
	for in, args := range inLists(db, userID, ids) {
		if err := db.readResults(ctx, in, args, results); err != nil {
			return nil, fmt.Errorf("search results: %w", err)
		}
		if err := db.readLabels(ctx, in, args, results); err != nil {
			return nil, fmt.Errorf("search results' labels: %w", err)
		}
	}
	return results, nil
}

func (db *DB) readResults(ctx context.Context, in string, args []any, into map[string]store.SearchResult) error {
	rows, err := db.read.QueryContext(ctx, `
		SELECT h.id, h.book_id, h.rw_id, h.rw_text, h.rw_note, h.rw_location, h.rw_location_type,
			h.rw_highlighted_at, h.rw_url, h.rw_color, h.created_at, h.updated_at,
			b.rw_title, b.rw_author, b.rw_cover_image_url
		FROM highlights h JOIN books b ON b.id = h.book_id AND b.user_id = h.user_id
		WHERE h.user_id = $1 AND h.id IN (`+in+`)`, args...)
	if err != nil {
		return err
	}
	return scanEach(rows, func(rows *sql.Rows) error {
		var r store.SearchResult
		err := rows.Scan(&r.ID, &r.BookID, &r.RWID, textDest{&r.Text}, textDest{&r.Note}, textDest{&r.Location},
			textDest{&r.LocationType}, timeDest{&r.HighlightedAt}, textDest{&r.URL}, textDest{&r.Color},
			timeDest{&r.CreatedAt}, timeDest{&r.UpdatedAt},
			textDest{&r.Book.Title}, textDest{&r.Book.Author}, textDest{&r.Book.CoverImageURL})
		r.Book.ID = r.BookID
		into[r.ID] = r
		return err
	})
}

// readLabels adds the tags, categories and first note of the results in
// into, each only of the user's own.
func (db *DB) readLabels(ctx context.Context, in string, args []any, into map[string]store.SearchResult) error {
	byBytes := db.dialect.ByteOrder
	rows, err := db.read.QueryContext(ctx, `
		SELECT 'tag' AS kind, ht.highlight_id, t.id, t.name, t.name`+byBytes+` AS sort
		FROM highlight_tags ht JOIN tags t ON t.id = ht.tag_id AND t.user_id = $1
		WHERE ht.highlight_id IN (`+in+`)
		UNION ALL
		SELECT 'category', hc.highlight_id, c.id, c.name, c.name`+byBytes+`
		FROM highlight_categories hc JOIN categories c ON c.id = hc.category_id AND c.user_id = $1
		WHERE hc.highlight_id IN (`+in+`)
		UNION ALL
		SELECT 'note', hn.highlight_id, n.id, n.content, `+db.textOf("n.created_at")+byBytes+`
		FROM highlight_notes hn JOIN notes n ON n.id = hn.note_id AND n.user_id = $1
		WHERE hn.highlight_id IN (`+in+`)
		ORDER BY 1, 2, 5, 3`, args...)
	if err != nil {
		return err
	}
	return scanEach(rows, func(rows *sql.Rows) error {
		var kind, highlightID string
		var label store.Label
		var sortKey sql.NullString
		if err := rows.Scan(&kind, &highlightID, &label.ID, &label.Name, &sortKey); err != nil {
			return err
		}
		r, ok := into[highlightID]
		if !ok {
			return nil
		}
		switch kind {
		case "tag":
			r.Tags = append(r.Tags, label)
		case "category":
			r.Categories = append(r.Categories, label)
		case "note":
			if r.UserNote == nil {
				r.UserNote = &label.Name
			}
		}
		into[highlightID] = r
		return nil
	})
}

// textOf is a time column as sortable text: it already is where times are
// stored as text.
func (db *DB) textOf(column string) string {
	if db.dialect.TimesAsText {
		return column
	}
	return "to_char(" + column + ` AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`
}
