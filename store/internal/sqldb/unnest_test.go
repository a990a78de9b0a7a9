package sqldb

import (
	"strings"
	"testing"
	"time"
)

// Every row is one element of each column's text array, NULL for nil and
// for a nil pointer, in the text forms PostgreSQL reads; a value with no
// text form, or a row of the wrong width, is an error, not a guess.
func TestUnnestInsert(t *testing.T) {
	five := int64(5)
	at := time.Date(2026, 12, 2, 10, 30, 0, 123456000, time.UTC)
	rows := [][]any{{"a", int64(1), &five, true, at}, {nil, 2, (*int64)(nil), false, nil}}
	q, args, err := unnestInsert("INSERT INTO t (s, a, b, c, d, e)", "ON CONFLICT DO NOTHING", []string{"uuid"}, []any{"u"},
		[]string{"text", "bigint", "bigint", "boolean", "timestamptz"}, rows)
	if err != nil {
		t.Fatal(err)
	}
	want := "INSERT INTO t (s, a, b, c, d, e) SELECT $1::uuid, u.c0::text, u.c1::bigint, u.c2::bigint, u.c3::boolean, u.c4::timestamptz" +
		" FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(c0, c1, c2, c3, c4) ON CONFLICT DO NOTHING"
	if q != want {
		t.Errorf("statement\n%s\nwant\n%s", q, want)
	}
	var got []string
	for _, column := range args[1:] {
		for _, v := range column.([]*string) {
			if v == nil {
				got = append(got, "NULL")
			} else {
				got = append(got, *v)
			}
		}
	}
	if strings.Join(got, " ") != "a NULL 1 2 5 NULL true false 2026-12-02T10:30:00.123456Z NULL" || args[0] != "u" {
		t.Errorf("arguments %v then %q", args[0], got)
	}
	if _, _, err := unnestInsert("INSERT", "", nil, nil, []string{"real"}, [][]any{{1.5}}); err == nil {
		t.Error("a float64 became text")
	}
	if _, _, err := unnestInsert("INSERT", "", nil, nil, []string{"text", "text"}, [][]any{{"one"}}); err == nil {
		t.Error("a row of one value was taken for two columns")
	}
}
