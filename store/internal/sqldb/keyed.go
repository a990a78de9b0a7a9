package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
)

// keyedTable is a per-user table whose rows a text column names, unique per
// user: sparks by uid, categories by slug, tags by name.
type keyedTable struct {
	name    string
	key     string
	columns string // what findOrCreate inserts after user_id, the key first
}

var (
	sparkTable    = keyedTable{name: "sparks", key: "uid"}
	categoryTable = keyedTable{name: "categories", key: "slug", columns: "slug, name"}
	tagTable      = keyedTable{name: "tags", key: "name", columns: "name"}
)

// idsByKey returns the ids of those of keys the user has in t.
func (db *DB) idsByKey(ctx context.Context, tx *sql.Tx, userID string, t keyedTable, keys []string) (map[string]int64, error) {
	ids := make(map[string]int64, len(keys))
	for in, args := range inLists(db, userID, keys) {
		rows, err := tx.QueryContext(ctx, `SELECT `+t.key+`, id FROM `+t.name+`
			WHERE user_id = $1 AND `+t.key+` IN (`+in+`)`, args...)
		if err != nil {
			return nil, err
		}
		if err := scanIDs(rows, ids); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// findOrCreate returns the ids of the user's rows of t named by keys, which
// are distinct, inserting the missing ones with values(key), and the keys it
// inserted, in the order of keys.
//
// Another transaction of the same user may be creating the same rows: ON
// CONFLICT DO NOTHING waits for it, and the keys it wrote are looked up once
// more. Missing rows go in key order, so that two such transactions take the
// unique index's locks in one order and never deadlock.
func (db *DB) findOrCreate(ctx context.Context, tx *sql.Tx, userID string, t keyedTable, keys []string, values func(key string) []any) (map[string]int64, []string, error) {
	ids, err := db.idsByKey(ctx, tx, userID, t, keys)
	if err != nil {
		return nil, nil, err
	}
	var missing []string
	for _, key := range keys {
		if _, ok := ids[key]; !ok {
			missing = append(missing, key)
		}
	}
	if len(missing) == 0 {
		return ids, nil, nil
	}
	rows := make([][]any, len(missing))
	for i, key := range slices.Sorted(slices.Values(missing)) {
		rows[i] = values(key)
	}
	inserted, err := db.insertReturningIDs(ctx, tx, `INSERT INTO `+t.name+` (user_id, `+t.columns+`)`,
		`ON CONFLICT (user_id, `+t.key+`) DO NOTHING RETURNING `+t.key+`, id`, []any{userID}, rows)
	if err != nil {
		return nil, nil, err
	}
	var created, raced []string
	for _, key := range missing {
		if _, ok := inserted[key]; ok {
			created = append(created, key)
		} else {
			raced = append(raced, key)
		}
	}
	maps.Copy(ids, inserted)
	if len(raced) > 0 {
		found, err := db.idsByKey(ctx, tx, userID, t, raced)
		if err != nil {
			return nil, nil, err
		}
		if len(found) < len(raced) {
			return nil, nil, fmt.Errorf("%s of another transaction vanished", t.name)
		}
		maps.Copy(ids, found)
	}
	return ids, created, nil
}
