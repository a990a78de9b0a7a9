package sqldb

import (
	"context"
	"iter"
)

// linkTable is a table of links between two of a user's tables (spark_tags,
// say). Links are written by their ends' natural keys, unique per user, and
// each end is looked up among the user's own rows: a link can never join
// two users' rows, which no foreign key checks any more.
type linkTable struct {
	name     string
	from, to linkEnd
}

// linkEnd is one side of a link: the link table's column, the table it
// points at, and the key that finds a row there, compared as castTo.
type linkEnd struct {
	column, table, key string
	castTo             string // "" for text keys
}

var (
	highlightTagLinks = linkTable{"highlight_tags",
		linkEnd{"highlight_id", "highlights", "rw_id", "BIGINT"}, linkEnd{"tag_id", "tags", "name", ""}}
	sparkTagLinks = linkTable{"spark_tags",
		linkEnd{"spark_id", "sparks", "md5_uid", ""}, linkEnd{"tag_id", "tags", "name", ""}}
	sparkCategoryLinks = linkTable{"spark_categories",
		linkEnd{"spark_id", "sparks", "md5_uid", ""}, linkEnd{"category_id", "categories", "slug", ""}}
)

// join is the JOIN that finds the user's ($1) row of e as alias by the key
// in the VALUES list's column.
func (e linkEnd) join(alias, column string) string {
	value := "v." + column
	if e.castTo != "" {
		value = "CAST(" + value + " AS " + e.castTo + ")"
	}
	return " JOIN " + e.table + " " + alias + " ON " + alias + ".user_id = $1 AND " + alias + "." + e.key + " = " + value
}

// statements yields head + "SELECT f.id, t.id… FROM (VALUES …) v JOIN …"
// + tail over pairs of keys (text; Readwise ids as decimal), with the user
// id as $1 and createdBy as $2.
func (l linkTable) statements(db *DB, head, selected, tail, userID, createdBy string, pairs [][]any) iter.Seq2[string, []any] {
	return db.valuesStatements(head+"SELECT f.id, t.id"+selected+" FROM (",
		") v"+l.from.join("f", "column1")+l.to.join("t", "column2")+tail,
		[]any{userID, createdBy}, pairs, false)
}

// insertLinks links the user's pairs of (from key, to key), by createdBy; a
// pair linked already stays as it is.
func (db *DB) insertLinks(ctx context.Context, ex execer, l linkTable, userID, createdBy string, pairs [][]any) error {
	// WHERE true: SQLite would read ON CONFLICT as a join constraint.
	return db.execStatements(ctx, ex, l.statements(db,
		`INSERT INTO `+l.name+` (`+l.from.column+`, `+l.to.column+`, created_by) `, ", $2",
		" WHERE true ON CONFLICT DO NOTHING", userID, createdBy, pairs))
}

// deleteLinks removes the user's links of pairs that createdBy made.
func (db *DB) deleteLinks(ctx context.Context, ex execer, l linkTable, userID, createdBy string, pairs [][]any) error {
	return db.execStatements(ctx, ex, l.statements(db,
		`DELETE FROM `+l.name+` WHERE created_by = $2 AND (`+l.from.column+`, `+l.to.column+`) IN (`, "",
		")", userID, createdBy, pairs))
}
