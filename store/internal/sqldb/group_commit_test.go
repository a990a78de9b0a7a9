package sqldb

import (
	"slices"
	"strings"
	"testing"
)

// A group's rows go into statements by head and tail, in the order each
// first comes, in chunks of powers of two that fit the dialect's budget,
// whether it binds $N or "?".
func TestGroupStatements(t *testing.T) {
	for _, d := range []Dialect{{BatchParams: 140}, {BatchParams: 5, PositionalParams: 140}} { // 10 rows of 14
		g := &groupCommit{db: &DB{dialect: d}}
		var group []*groupedWrite
		for i := range 37 {
			tail := "ON CONFLICT DO NOTHING"
			if i%2 == 1 {
				tail = "ON CONFLICT DO UPDATE"
			}
			row := make([]any, 14)
			row[0] = i
			group = append(group, &groupedWrite{head: "INSERT INTO t (a)", tail: tail, row: row})
		}
		var got []string
		var firsts []any
		for _, s := range g.statements(group) {
			rows := strings.Count(s.query, "(") - 1
			if len(s.args) != rows*14 {
				t.Fatalf("%+v: %d arguments for %d rows: %v", d, len(s.args), rows, s.args)
			}
			got = append(got, strings.TrimPrefix(s.query[strings.LastIndex(s.query, ")")+1:], " ")+":"+strings.Repeat("r", rows))
			firsts = append(firsts, s.args[0])
		}
		want := []string{
			"ON CONFLICT DO NOTHING:rrrrrrrr", "ON CONFLICT DO NOTHING:rrrrrrrr", "ON CONFLICT DO NOTHING:rr", "ON CONFLICT DO NOTHING:r",
			"ON CONFLICT DO UPDATE:rrrrrrrr", "ON CONFLICT DO UPDATE:rrrrrrrr", "ON CONFLICT DO UPDATE:rr",
		}
		if !slices.Equal(got, want) {
			t.Errorf("%+v: statements %q, want %q", d, got, want)
		}
		// 19 rows of one shape (8, 8, 2, 1), then 18 of the other (8, 8, 2),
		// each in its order: 0, 2, 4, … then 1, 3, 5, …
		if wantFirsts := []any{0, 16, 32, 36, 1, 17, 33}; !slices.Equal(firsts, wantFirsts) {
			t.Errorf("%+v: first rows %v, want %v", d, firsts, wantFirsts)
		}
	}
}
