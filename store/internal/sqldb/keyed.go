package sqldb

import (
	"context"
	"database/sql"
	"slices"
)

// keyedTable is a per-user table whose rows a text column names, unique per
// user: sparks by md5_uid (the Airtable uid) or todo_id, categories by slug,
// tags by name.
type keyedTable struct {
	name    string
	key     string
	columns string // what createMissing inserts after user_id, the key first
}

var (
	sparkTable    = keyedTable{name: "sparks", key: "md5_uid"}
	todoTable     = keyedTable{name: "sparks", key: "todo_id"}
	categoryTable = keyedTable{name: "categories", key: "slug", columns: "slug, name"}
	tagTable      = keyedTable{name: "tags", key: "name", columns: "name"}
)

// existingKeys returns those of keys the user has in t.
func (db *DB) existingKeys(ctx context.Context, tx *sql.Tx, userID string, t keyedTable, keys []string) (map[string]bool, error) {
	found := make(map[string]bool, len(keys))
	for in, args := range inLists(db, userID, keys) {
		rows, err := tx.QueryContext(ctx, `SELECT `+t.key+` FROM `+t.name+`
			WHERE user_id = $1 AND `+t.key+` IN (`+in+`)`, args...)
		if err != nil {
			return nil, err
		}
		if err := scanKeys(rows, found); err != nil {
			return nil, err
		}
	}
	return found, nil
}

func scanKeys(rows *sql.Rows, into map[string]bool) error {
	return scanEach(rows, func(rows *sql.Rows) error {
		var key string
		if err := rows.Scan(&key); err != nil {
			return err
		}
		into[key] = true
		return nil
	})
}

// createMissing makes sure the user has a row of t for each of keys, which
// are distinct, inserting the missing ones with values(key), and returns the
// keys it inserted, in the order of keys.
//
// Another transaction of the same user may be creating the same rows: ON
// CONFLICT DO NOTHING waits for it and leaves its rows. Rows go in key
// order, so that two such transactions take the unique index's locks in one
// order and never deadlock.
func (db *DB) createMissing(ctx context.Context, tx *sql.Tx, userID string, t keyedTable, keys []string, values func(key string) []any) ([]string, error) {
	rows := make([][]any, len(keys))
	for i, key := range slices.Sorted(slices.Values(keys)) {
		rows[i] = values(key)
	}
	inserted := map[string]bool{}
	for q, args := range db.valuesStatements(`INSERT INTO `+t.name+` (user_id, `+t.columns+`)`,
		`ON CONFLICT (user_id, `+t.key+`) DO NOTHING RETURNING `+t.key, []any{userID}, rows, true) {
		returned, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, err
		}
		if err := scanKeys(returned, inserted); err != nil {
			return nil, err
		}
	}
	var created []string
	for _, key := range keys {
		if inserted[key] {
			created = append(created, key)
		}
	}
	return created, nil
}
