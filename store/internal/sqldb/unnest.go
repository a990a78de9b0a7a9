package sqldb

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// insertPage writes a page's rows, all of them new or replacing rows of
// the user (shared is the user id and the time, "uuid" and "timestamptz"):
// on PostgreSQL in one statement of arrays (unnestInsert), whose types are
// the rows' columns' in order; elsewhere as insertRows does.
func (db *DB) insertPage(ctx context.Context, ex execer, insert, onConflict string, shared []any, rows [][]any, types []string) error {
	if !db.dialect.NativeArrays {
		return db.insertRows(ctx, ex, insert, onConflict, shared, rows)
	}
	if len(rows) == 0 {
		return nil
	}
	q, args, err := unnestInsert(insert, onConflict, []string{"uuid", "timestamptz"}, shared, types, rows)
	if err != nil {
		return err
	}
	_, err = ex.ExecContext(ctx, q, args...)
	return err
}

// unnestInsert is one statement that inserts every row of rows, whatever
// their number: head + " SELECT $1::type, …, u.c1::type1, … FROM
// unnest($k::text[], …) AS u(c1, …) " + tail. shared, of sharedTypes,
// start every row; each column of rows, of its entry in types, is one text
// array that the server casts. One round trip and one text to prepare a
// page, where VALUES lists take a statement per thousand parameters, and
// the text is the same for every page, so one plan serves them all.
// PostgreSQL only (NativeArrays).
func unnestInsert(head, tail string, sharedTypes []string, shared []any, types []string, rows [][]any) (string, []any, error) {
	columns := make([][]*string, len(types))
	for i := range columns {
		columns[i] = make([]*string, len(rows))
	}
	for r, row := range rows {
		if len(row) != len(types) {
			return "", nil, fmt.Errorf("row %d has %d values, want %d", r, len(row), len(types))
		}
		for c, v := range row {
			text, err := pgText(v)
			if err != nil {
				return "", nil, fmt.Errorf("row %d, column %d: %w", r, c, err)
			}
			columns[c][r] = text
		}
	}
	var q strings.Builder
	q.WriteString(head)
	q.WriteString(" SELECT ")
	args := make([]any, 0, len(shared)+len(columns))
	for i, v := range shared {
		args = append(args, v)
		fmt.Fprintf(&q, "$%d::%s, ", len(args), sharedTypes[i])
	}
	var arrays, names strings.Builder
	for c, column := range columns {
		if c > 0 {
			q.WriteString(", ")
			arrays.WriteString(", ")
			names.WriteString(", ")
		}
		args = append(args, column)
		fmt.Fprintf(&q, "u.c%d::%s", c, types[c])
		fmt.Fprintf(&arrays, "$%d::text[]", len(args))
		fmt.Fprintf(&names, "c%d", c)
	}
	fmt.Fprintf(&q, " FROM unnest(%s) AS u(%s) %s", arrays.String(), names.String(), tail)
	return q.String(), args, nil
}

// pgText is v in PostgreSQL's text input form; nil for NULL.
func pgText(v any) (*string, error) {
	var s string
	switch v := v.(type) {
	case nil:
		return nil, nil
	case string:
		s = v
	case int64:
		s = strconv.FormatInt(v, 10)
	case int:
		s = strconv.Itoa(v)
	case *int64:
		if v == nil {
			return nil, nil
		}
		s = strconv.FormatInt(*v, 10)
	case bool:
		s = strconv.FormatBool(v)
	case time.Time:
		s = v.Format(time.RFC3339Nano)
	default:
		return nil, fmt.Errorf("no text form for %T", v)
	}
	return &s, nil
}
