package sqldb

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"spark.dev/spark/store"
)

// tagsArg binds tags as the JSON array Readwise sends, "[]" for none, as
// text: SQLite keeps JSON as TEXT, and PostgreSQL parses text into JSONB.
func tagsArg(tags []store.Tag) string {
	if len(tags) == 0 {
		return "[]"
	}
	text, _ := json.Marshal(tags) // cannot fail: a Tag is an int and a string
	return string(text)
}

// tagsDest scans a tags column; an empty list becomes nil, so that what was
// written with no tags, nil or empty, reads back equal to nil.
type tagsDest struct{ tags *[]store.Tag }

func (d tagsDest) Scan(src any) error {
	var tags []store.Tag
	if err := scanJSON(src, &tags); err != nil {
		return fmt.Errorf("scan tags: %w", err)
	}
	if len(tags) == 0 {
		tags = nil
	}
	*d.tags = tags
	return nil
}

// scanJSON decodes a JSON text column into v; NULL (the original's columns
// are nullable) leaves v as it is.
func scanJSON(src any, v any) error {
	switch text := src.(type) {
	case nil:
		return nil
	case string:
		return json.Unmarshal([]byte(text), v)
	case []byte:
		return json.Unmarshal(text, v)
	default:
		return fmt.Errorf("unexpected %T", src)
	}
}

// sameTags reports whether a and b hold the same tags in any order: Readwise
// does not promise an order, and a reordering changes nothing.
func sameTags(a, b []store.Tag) bool {
	if len(a) != len(b) {
		return false
	}
	byIDThenName := func(x, y store.Tag) int {
		return cmp.Or(cmp.Compare(x.ID, y.ID), strings.Compare(x.Name, y.Name))
	}
	a, b = slices.Clone(a), slices.Clone(b)
	slices.SortFunc(a, byIDThenName)
	slices.SortFunc(b, byIDThenName)
	return slices.Equal(a, b)
}
