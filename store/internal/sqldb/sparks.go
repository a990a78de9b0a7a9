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
		newSlugs, err := db.createMissing(ctx, tx, userID, categoryTable, slugs,
			func(slug string) []any { return []any{slug, categoryNames[slug]} })
		if err != nil {
			return err
		}
		for _, slug := range newSlugs {
			result.NewCategories = append(result.NewCategories, categoryNames[slug])
		}
		if result.NewTags, err = db.createMissing(ctx, tx, userID, tagTable, sparkTags(fresh),
			func(name string) []any { return []any{name} }); err != nil {
			return err
		}
		if err := db.insertSparks(ctx, tx, userID, fresh); err != nil {
			return err
		}
		var categoryLinks, tagLinks [][]any
		for _, s := range fresh {
			categoryLinks = append(categoryLinks, []any{s.UID, s.CategorySlug})
			for _, name := range distinct(s.Tags) {
				tagLinks = append(tagLinks, []any{s.UID, name})
			}
		}
		if err := db.insertLinks(ctx, tx, sparkCategoryLinks, userID, store.CreatedByAirtableImport, categoryLinks); err != nil {
			return err
		}
		return db.insertLinks(ctx, tx, sparkTagLinks, userID, store.CreatedByAirtableImport, tagLinks)
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
		if s.UID == "" {
			return nil, fmt.Errorf("a spark without a uid")
		}
		if !seen[s.UID] {
			seen[s.UID] = true
			firsts = append(firsts, s)
			uids = append(uids, s.UID)
		}
	}
	stored, err := db.existingKeys(ctx, tx, userID, sparkTable, uids)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(firsts, func(s store.NewSpark) bool { return stored[s.UID] }), nil
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

// insertSparks inserts sparks, which are new and have distinct UIDs. A to-do
// id is unique per user: a spark whose to-do id the user has already, or
// that an earlier spark of the page has, is stored without one.
func (db *DB) insertSparks(ctx context.Context, tx *sql.Tx, userID string, sparks []store.NewSpark) error {
	var todoIDs []string
	for _, s := range sparks {
		if s.TodoID != "" {
			todoIDs = append(todoIDs, s.TodoID)
		}
	}
	taken, err := db.existingKeys(ctx, tx, userID, todoTable, distinct(todoIDs))
	if err != nil {
		return err
	}
	rows := make([][]any, len(sparks))
	for i, s := range sparks {
		todoID := s.TodoID
		if taken[todoID] {
			todoID = ""
		}
		taken[todoID] = true
		rows[i] = []any{s.UID, s.Body, textArg(todoID), db.timeArg(s.TodoCreatedAt), textArg(s.AirtableRecordID)}
	}
	return db.insertRows(ctx, tx, `INSERT INTO sparks (user_id, md5_uid, body, todo_id, todo_created_at, airtable_record_id)`,
		"", []any{userID}, rows)
}

func scanSpark(rows *sql.Rows) (store.Spark, error) {
	var s store.Spark
	err := rows.Scan(&s.ID, &s.UID, &s.Body, textDest{&s.TodoID}, timeDest{&s.TodoCreatedAt}, textDest{&s.AirtableRecordID})
	return s, err
}

func (db *DB) Sparks(ctx context.Context, userID string, afterUID string, limit int) ([]store.Spark, error) {
	if limit < 1 {
		return nil, fmt.Errorf("sparks: limit %d, want at least 1", limit)
	}
	byBytes := "md5_uid" + db.dialect.ByteOrder
	rows, err := db.read.QueryContext(ctx, `
		SELECT id, md5_uid, body, todo_id, todo_created_at, airtable_record_id FROM sparks
		WHERE user_id = $1 AND `+byBytes+` > $2 ORDER BY `+byBytes+` LIMIT $3`, userID, afterUID, limit)
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

// addSparkLinks fills in the categories and tags of sparks, one page.
func (db *DB) addSparkLinks(ctx context.Context, userID string, sparks []store.Spark) error {
	byID := make(map[string]*store.Spark, len(sparks))
	ids := make([]string, len(sparks))
	for i := range sparks {
		byID[sparks[i].ID] = &sparks[i]
		ids[i] = sparks[i].ID
	}
	for in, args := range inLists(db, userID, ids) {
		err := db.scanSparkLinks(ctx, `
			SELECT l.spark_id, c.name, c.slug FROM spark_categories l
			JOIN categories c ON c.id = l.category_id AND c.user_id = $1
			WHERE l.spark_id IN (`+in+`) ORDER BY c.slug`+db.dialect.ByteOrder, args, func(s *store.Spark, name, slug string) {
			s.Categories = append(s.Categories, store.Category{Name: name, Slug: slug})
		}, byID)
		if err != nil {
			return err
		}
		err = db.scanSparkLinks(ctx, `
			SELECT l.spark_id, t.name, t.name FROM spark_tags l
			JOIN tags t ON t.id = l.tag_id AND t.user_id = $1
			WHERE l.spark_id IN (`+in+`) ORDER BY t.name`+db.dialect.ByteOrder, args, func(s *store.Spark, name, _ string) {
			s.Tags = append(s.Tags, name)
		}, byID)
		if err != nil {
			return err
		}
	}
	return nil
}

// scanSparkLinks runs query, whose rows are (spark id, label name, label
// key), and adds each row's label to its spark.
func (db *DB) scanSparkLinks(ctx context.Context, query string, args []any, add func(s *store.Spark, name, key string), byID map[string]*store.Spark) error {
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	return scanEach(rows, func(rows *sql.Rows) error {
		var id, name, key string
		if err := rows.Scan(&id, &name, &key); err != nil {
			return err
		}
		add(byID[id], name, key)
		return nil
	})
}

func (db *DB) Categories(ctx context.Context, userID string) ([]store.Category, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT name, slug FROM categories WHERE user_id = $1 ORDER BY slug`+db.dialect.ByteOrder, userID)
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
	rows, err := db.read.QueryContext(ctx, `SELECT name FROM tags WHERE user_id = $1 ORDER BY name`+db.dialect.ByteOrder, userID)
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
