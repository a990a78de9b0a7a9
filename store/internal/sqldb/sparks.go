package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"spark.dev/spark/store"
)

func (db *DB) ImportSparks(ctx context.Context, userID string, sparks []store.NewSpark) (store.SparkImport, error) {
	var result store.SparkImport
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		fresh, err := db.newSparks(ctx, tx, userID, sparks)
		if err != nil {
			return err
		}
		result = store.SparkImport{Imported: len(fresh), Duplicates: len(sparks) - len(fresh)}
		if len(fresh) == 0 {
			return nil
		}

		slugs, categoryNames := sparkCategories(fresh)
		categoryIDs, newSlugs, err := db.findOrCreate(ctx, tx, userID, categoryTable, slugs,
			func(slug string) []any { return []any{slug, categoryNames[slug]} })
		if err != nil {
			return err
		}
		for _, slug := range newSlugs {
			result.NewCategories = append(result.NewCategories, categoryNames[slug])
		}
		tagIDs, newTags, err := db.findOrCreate(ctx, tx, userID, tagTable, sparkTags(fresh),
			func(name string) []any { return []any{name} })
		if err != nil {
			return err
		}
		result.NewTags = newTags

		sparkIDs, err := db.insertSparks(ctx, tx, userID, fresh)
		if err != nil {
			return err
		}
		var categoryLinks, tagLinks [][]any
		for _, s := range fresh {
			id := sparkIDs[s.UID]
			categoryLinks = append(categoryLinks, []any{id, categoryIDs[s.CategorySlug]})
			for _, name := range distinct(s.Tags) {
				tagLinks = append(tagLinks, []any{id, tagIDs[name]})
			}
		}
		shared := []any{userID, store.CreatedByAirtableImport}
		if err := db.insertRows(ctx, tx, `INSERT INTO spark_categories (user_id, created_by, spark_id, category_id)`, "", shared, categoryLinks); err != nil {
			return err
		}
		return db.insertRows(ctx, tx, `INSERT INTO spark_tags (user_id, created_by, spark_id, tag_id)`, "", shared, tagLinks)
	})
	if err != nil {
		return store.SparkImport{}, fmt.Errorf("import sparks: %w", err)
	}
	return result, nil
}

// newSparks drops the sparks whose UID the user has already, or that repeat
// one earlier in sparks.
func (db *DB) newSparks(ctx context.Context, tx *sql.Tx, userID string, sparks []store.NewSpark) ([]store.NewSpark, error) {
	seen := make(map[string]bool, len(sparks))
	var firsts []store.NewSpark
	var uids []string
	for _, s := range sparks {
		if !seen[s.UID] {
			seen[s.UID] = true
			firsts = append(firsts, s)
			uids = append(uids, s.UID)
		}
	}
	stored, err := db.idsByKey(ctx, tx, userID, sparkTable, uids)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(firsts, func(s store.NewSpark) bool {
		_, ok := stored[s.UID]
		return ok
	}), nil
}

// sparkCategories returns the distinct category slugs of sparks in the order
// they first appear, and the name each is first given.
func sparkCategories(sparks []store.NewSpark) ([]string, map[string]string) {
	var slugs []string
	names := map[string]string{}
	for _, s := range sparks {
		if _, ok := names[s.CategorySlug]; !ok {
			names[s.CategorySlug] = s.CategoryName
			slugs = append(slugs, s.CategorySlug)
		}
	}
	return slugs, names
}

// sparkTags returns the distinct tags of sparks in the order they first appear.
func sparkTags(sparks []store.NewSpark) []string {
	var all []string
	for _, s := range sparks {
		all = append(all, s.Tags...)
	}
	return distinct(all)
}

// distinct returns values without repeats, each where it first appears.
func distinct(values []string) []string {
	seen := make(map[string]bool, len(values))
	var kept []string
	for _, v := range values {
		if !seen[v] {
			seen[v] = true
			kept = append(kept, v)
		}
	}
	return kept
}

// insertSparks inserts sparks, which are new and have distinct UIDs, and
// returns their ids by UID.
func (db *DB) insertSparks(ctx context.Context, tx *sql.Tx, userID string, sparks []store.NewSpark) (map[string]int64, error) {
	rows := make([][]any, len(sparks))
	for i, s := range sparks {
		rows[i] = []any{s.UID, s.Body, s.TodoID, db.timeArg(s.TodoCreatedAt), s.AirtableRecordID}
	}
	return db.insertReturningIDs(ctx, tx,
		`INSERT INTO sparks (user_id, uid, body, todo_id, todo_created_at, airtable_record_id)`,
		`RETURNING uid, id`, []any{userID}, rows)
}

func scanSpark(rows *sql.Rows) (store.Spark, error) {
	var s store.Spark
	err := rows.Scan(&s.ID, &s.UID, &s.Body, &s.TodoID, timeDest{&s.TodoCreatedAt}, &s.AirtableRecordID)
	return s, err
}

func (db *DB) Sparks(ctx context.Context, userID string, afterID int64, limit int) ([]store.Spark, error) {
	if limit < 1 {
		return nil, fmt.Errorf("sparks: limit %d, want at least 1", limit)
	}
	rows, err := db.sql.QueryContext(ctx, `
		SELECT id, uid, body, todo_id, todo_created_at, airtable_record_id FROM sparks
		WHERE user_id = $1 AND id > $2 ORDER BY id LIMIT $3`, userID, afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("sparks: %w", err)
	}
	sparks, err := scanAll(rows, scanSpark)
	if err == nil && len(sparks) > 0 {
		err = db.addSparkLinks(ctx, userID, sparks)
	}
	if err != nil {
		return nil, fmt.Errorf("sparks: %w", err)
	}
	return sparks, nil
}

// addSparkLinks fills in the categories and tags of sparks, one page in id
// order: its links are those of the user's sparks in the page's id range.
func (db *DB) addSparkLinks(ctx context.Context, userID string, sparks []store.Spark) error {
	byID := make(map[int64]*store.Spark, len(sparks))
	for i := range sparks {
		byID[sparks[i].ID] = &sparks[i]
	}
	first, last := sparks[0].ID, sparks[len(sparks)-1].ID
	rows, err := db.sql.QueryContext(ctx, `
		SELECT l.spark_id, c.name, c.slug FROM spark_categories l
		JOIN categories c ON c.user_id = l.user_id AND c.id = l.category_id
		WHERE l.user_id = $1 AND l.spark_id BETWEEN $2 AND $3 ORDER BY c.slug`, userID, first, last)
	if err != nil {
		return err
	}
	err = scanEach(rows, func(rows *sql.Rows) error {
		var id int64
		var c store.Category
		if err := rows.Scan(&id, &c.Name, &c.Slug); err != nil {
			return err
		}
		byID[id].Categories = append(byID[id].Categories, c)
		return nil
	})
	if err != nil {
		return err
	}
	rows, err = db.sql.QueryContext(ctx, `
		SELECT l.spark_id, t.name FROM spark_tags l
		JOIN tags t ON t.user_id = l.user_id AND t.id = l.tag_id
		WHERE l.user_id = $1 AND l.spark_id BETWEEN $2 AND $3 ORDER BY t.name`, userID, first, last)
	if err != nil {
		return err
	}
	return scanEach(rows, func(rows *sql.Rows) error {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return err
		}
		byID[id].Tags = append(byID[id].Tags, name)
		return nil
	})
}

func (db *DB) Categories(ctx context.Context, userID string) ([]store.Category, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT name, slug FROM categories WHERE user_id = $1 ORDER BY slug`, userID)
	if err != nil {
		return nil, fmt.Errorf("categories: %w", err)
	}
	categories, err := scanAll(rows, func(rows *sql.Rows) (store.Category, error) {
		var c store.Category
		err := rows.Scan(&c.Name, &c.Slug)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("categories: %w", err)
	}
	return categories, nil
}

func (db *DB) TagNames(ctx context.Context, userID string) ([]string, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT name FROM tags WHERE user_id = $1 ORDER BY name`, userID)
	if err != nil {
		return nil, fmt.Errorf("tag names: %w", err)
	}
	names, err := scanAll(rows, func(rows *sql.Rows) (string, error) {
		var name string
		err := rows.Scan(&name)
		return name, err
	})
	if err != nil {
		return nil, fmt.Errorf("tag names: %w", err)
	}
	return names, nil
}
