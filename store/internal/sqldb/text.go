package sqldb

import (
	"encoding/json"
	"fmt"
	"strings"
)

// The original's text columns are nullable, and its writers leave out what
// they do not have: "" is stored as NULL, and NULL reads back as "".

// textArg binds s, NULL when empty.
func textArg(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// textDest scans a nullable text column; NULL becomes "".
type textDest struct{ s *string }

func (d textDest) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d.s = ""
	case string:
		*d.s = v
	case []byte:
		*d.s = string(v)
	default:
		return fmt.Errorf("scan text: unexpected %T", src)
	}
	return nil
}

// textArrayArg binds names for a text[] column (books.rw_tags): an array
// literal where arrays are native, else a JSON array; "none" is empty, not NULL.
func (db *DB) textArrayArg(names []string) string {
	if !db.dialect.NativeArrays {
		if len(names) == 0 {
			return "[]"
		}
		text, _ := json.Marshal(names) // cannot fail: strings
		return string(text)
	}
	var b strings.Builder
	b.WriteByte('{')
	for i, n := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		b.WriteString(arrayElementEscaper.Replace(n))
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String()
}

// arrayElementEscaper escapes a quoted element of a PostgreSQL array literal.
var arrayElementEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

// textArrayColumn is the SELECT expression that reads a text[] column as
// JSON text, for textArrayDest.
func (db *DB) textArrayColumn(column string) string {
	if db.dialect.NativeArrays {
		return "array_to_json(" + column + ")"
	}
	return column
}

// textArrayDest scans textArrayColumn; NULL and an empty array become nil.
type textArrayDest struct{ names *[]string }

func (d textArrayDest) Scan(src any) error {
	var names []string
	if err := scanJSON(src, &names); err != nil {
		return fmt.Errorf("scan text array: %w", err)
	}
	if len(names) == 0 {
		names = nil
	}
	*d.names = names
	return nil
}
