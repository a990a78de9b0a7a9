package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"spark.dev/spark/store"
)

// highlightTagNames is a highlight with its Readwise tag names, normalized.
type highlightTagNames struct {
	rwID  int64
	names []string
}

// highlightLink is one highlight_tags row by its ends' natural keys.
type highlightLink struct {
	rwID int64
	tag  string
}

func (l highlightLink) keys() []any { return []any{strconv.FormatInt(l.rwID, 10), l.tag} }

func (db *DB) MigrateHighlightTags(ctx context.Context, userID string, afterRWID int64, limit int, normalize func(string) string) (store.TagMigration, error) {
	if limit < 1 {
		return store.TagMigration{}, fmt.Errorf("migrate highlight tags: limit %d, want at least 1", limit)
	}
	migration := store.TagMigration{LastRWID: afterRWID}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		page, err := db.readwiseTagNames(ctx, tx, userID, afterRWID, limit, normalize)
		if err != nil || len(page) == 0 {
			return err
		}
		migration.Highlights, migration.LastRWID = len(page), page[len(page)-1].rwID

		var names []string
		for _, h := range page {
			names = append(names, h.names...)
		}
		created, err := db.createMissing(ctx, tx, userID, tagTable, distinct(names),
			func(name string) []any { return []any{name} })
		if err != nil {
			return err
		}
		migration.TagsCreated = len(created)

		linked, err := db.highlightLinks(ctx, tx, userID, afterRWID, migration.LastRWID)
		if err != nil {
			return err
		}
		wanted := map[highlightLink]bool{}
		var missing, stale [][]any
		for _, h := range page {
			for _, name := range h.names {
				link := highlightLink{h.rwID, name}
				wanted[link] = true
				if _, ok := linked[link]; !ok { // a link anyone made already counts
					missing = append(missing, link.keys())
				}
			}
		}
		for link, createdBy := range linked {
			if createdBy == store.CreatedByReadwise && !wanted[link] {
				stale = append(stale, link.keys())
			}
		}
		migration.LinksCreated, migration.LinksRemoved = len(missing), len(stale)

		err = db.withGenericPlans(ctx, tx, func() error {
			return db.insertLinks(ctx, tx, highlightTagLinks, userID, store.CreatedByReadwise, missing)
		})
		if err != nil {
			return err
		}
		return db.deleteLinks(ctx, tx, highlightTagLinks, userID, store.CreatedByReadwise, stale)
	})
	if err != nil {
		return store.TagMigration{}, fmt.Errorf("migrate highlight tags: %w", err)
	}
	return migration, nil
}

// readwiseTagNames reads one page of the user's highlights with their tag
// names normalized, without blanks or repeats.
func (db *DB) readwiseTagNames(ctx context.Context, tx *sql.Tx, userID string, afterRWID int64, limit int, normalize func(string) string) ([]highlightTagNames, error) {
	rows, err := tx.QueryContext(ctx, `SELECT rw_id, rw_tags FROM highlights
		WHERE user_id = $1 AND rw_id > $2 ORDER BY rw_id LIMIT $3`, userID, afterRWID, limit)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(rows *sql.Rows) (highlightTagNames, error) {
		var h highlightTagNames
		var tags []store.Tag
		if err := rows.Scan(&h.rwID, tagsDest{&tags}); err != nil {
			return h, err
		}
		for _, tag := range tags {
			if name := normalize(tag.Name); strings.TrimSpace(name) != "" {
				h.names = append(h.names, name)
			}
		}
		h.names = distinct(h.names)
		return h, nil
	})
}

// highlightLinks returns who made each of the user's links of the highlights
// in (afterRWID, lastRWID]: a page of highlights is that range.
func (db *DB) highlightLinks(ctx context.Context, tx *sql.Tx, userID string, afterRWID, lastRWID int64) (map[highlightLink]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT h.rw_id, t.name, l.created_by FROM highlight_tags l
		JOIN highlights h ON h.id = l.highlight_id
		JOIN tags t ON t.id = l.tag_id AND t.user_id = h.user_id
		WHERE h.user_id = $1 AND h.rw_id > $2 AND h.rw_id <= $3`, userID, afterRWID, lastRWID)
	if err != nil {
		return nil, err
	}
	linked := map[highlightLink]string{}
	err = scanEach(rows, func(rows *sql.Rows) error {
		var link highlightLink
		var createdBy string
		if err := rows.Scan(&link.rwID, &link.tag, textDest{&createdBy}); err != nil {
			return err
		}
		linked[link] = createdBy
		return nil
	})
	return linked, err
}

func (db *DB) CountReadwiseTags(ctx context.Context, userID string) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT COUNT(DISTINCT l.tag_id) FROM highlight_tags l
		JOIN highlights h ON h.id = l.highlight_id
		WHERE h.user_id = $1 AND l.created_by = $2`, userID, store.CreatedByReadwise).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count readwise tags: %w", err)
	}
	return n, nil
}

func (db *DB) HighlightTags(ctx context.Context, userID string) ([]store.HighlightTag, error) {
	rows, err := db.read.QueryContext(ctx, `
		SELECT h.rw_id, t.name, l.created_by FROM highlight_tags l
		JOIN highlights h ON h.id = l.highlight_id
		JOIN tags t ON t.id = l.tag_id
		WHERE h.user_id = $1 ORDER BY h.rw_id, t.name`+db.dialect.ByteOrder, userID)
	if err != nil {
		return nil, fmt.Errorf("highlight tags: %w", err)
	}
	links, err := scanAll(rows, func(rows *sql.Rows) (store.HighlightTag, error) {
		var l store.HighlightTag
		err := rows.Scan(&l.HighlightRWID, &l.Tag, textDest{&l.CreatedBy})
		return l, err
	})
	if err != nil {
		return nil, fmt.Errorf("highlight tags: %w", err)
	}
	return links, nil
}
