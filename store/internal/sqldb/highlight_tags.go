package sqldb

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"spark.dev/spark/store"
)

// highlightTagNames is a highlight with its Readwise tag names, normalized.
type highlightTagNames struct {
	rwID  int64
	names []string
}

// highlightLink is one highlight_tags row's key.
type highlightLink struct {
	highlight, tag int64
}

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
		tagIDs, created, err := db.findOrCreate(ctx, tx, userID, tagTable, distinct(names),
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
		var missing [][]any
		for _, h := range page {
			for _, name := range h.names {
				link := highlightLink{h.rwID, tagIDs[name]}
				wanted[link] = true
				if _, ok := linked[link]; !ok { // a link anyone made already counts
					missing = append(missing, []any{link.highlight, link.tag})
				}
			}
		}
		var stale []highlightLink
		for link, createdBy := range linked {
			if createdBy == store.CreatedByReadwise && !wanted[link] {
				stale = append(stale, link)
			}
		}
		migration.LinksCreated, migration.LinksRemoved = len(missing), len(stale)

		err = db.insertRows(ctx, tx, `INSERT INTO highlight_tags (user_id, created_by, highlight_rw_id, tag_id)`,
			`ON CONFLICT (user_id, highlight_rw_id, tag_id) DO NOTHING`, []any{userID, store.CreatedByReadwise}, missing)
		if err != nil {
			return err
		}
		return db.removeReadwiseLinks(ctx, tx, userID, stale)
	})
	if err != nil {
		return store.TagMigration{}, fmt.Errorf("migrate highlight tags: %w", err)
	}
	return migration, nil
}

// readwiseTagNames reads one page of the user's highlights with their tag
// names normalized, without blanks or repeats.
func (db *DB) readwiseTagNames(ctx context.Context, tx *sql.Tx, userID string, afterRWID int64, limit int, normalize func(string) string) ([]highlightTagNames, error) {
	rows, err := tx.QueryContext(ctx, `SELECT rw_id, tags FROM highlights
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
	rows, err := tx.QueryContext(ctx, `SELECT highlight_rw_id, tag_id, created_by FROM highlight_tags
		WHERE user_id = $1 AND highlight_rw_id > $2 AND highlight_rw_id <= $3`, userID, afterRWID, lastRWID)
	if err != nil {
		return nil, err
	}
	linked := map[highlightLink]string{}
	err = scanEach(rows, func(rows *sql.Rows) error {
		var link highlightLink
		var createdBy string
		if err := rows.Scan(&link.highlight, &link.tag, &createdBy); err != nil {
			return err
		}
		linked[link] = createdBy
		return nil
	})
	return linked, err
}

// removeReadwiseLinks deletes the user's readwise links among links, in as
// few statements as the dialect's BatchParams allows. Pairs are matched with
// OR rather than a row-value IN list, which SQLite accepts only from a
// subquery and PostgreSQL would type as text.
func (db *DB) removeReadwiseLinks(ctx context.Context, ex execer, userID string, links []highlightLink) error {
	slices.SortFunc(links, func(a, b highlightLink) int {
		return cmp.Or(cmp.Compare(a.highlight, b.highlight), cmp.Compare(a.tag, b.tag))
	})
	for chunk := range slices.Chunk(links, db.perStatement(2, 2)) {
		args := []any{userID, store.CreatedByReadwise}
		var match strings.Builder
		for i, link := range chunk {
			if i > 0 {
				match.WriteString(" OR ")
			}
			fmt.Fprintf(&match, "(highlight_rw_id = $%d AND tag_id = $%d)", len(args)+1, len(args)+2)
			args = append(args, link.highlight, link.tag)
		}
		_, err := ex.ExecContext(ctx, `DELETE FROM highlight_tags
			WHERE user_id = $1 AND created_by = $2 AND (`+match.String()+`)`, args...)
		if err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) CountReadwiseTags(ctx context.Context, userID string) (int, error) {
	var n int
	err := db.sql.QueryRowContext(ctx, `SELECT COUNT(DISTINCT tag_id) FROM highlight_tags
		WHERE user_id = $1 AND created_by = $2`, userID, store.CreatedByReadwise).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count readwise tags: %w", err)
	}
	return n, nil
}

func (db *DB) HighlightTags(ctx context.Context, userID string) ([]store.HighlightTag, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT l.highlight_rw_id, t.name, l.created_by FROM highlight_tags l
		JOIN tags t ON t.user_id = l.user_id AND t.id = l.tag_id
		WHERE l.user_id = $1 ORDER BY l.highlight_rw_id, t.name`, userID)
	if err != nil {
		return nil, fmt.Errorf("highlight tags: %w", err)
	}
	links, err := scanAll(rows, func(rows *sql.Rows) (store.HighlightTag, error) {
		var l store.HighlightTag
		err := rows.Scan(&l.HighlightRWID, &l.Tag, &l.CreatedBy)
		return l, err
	})
	if err != nil {
		return nil, fmt.Errorf("highlight tags: %w", err)
	}
	return links, nil
}
