package sqldb

import (
	"slices"
	"strings"
	"testing"
)

// A group's rows go into statements by head and tail, in the order each
// first comes, in chunks that fit the dialect's budget, whether it binds $N
// or "?".
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
			"ON CONFLICT DO NOTHING:" + strings.Repeat("r", 10), "ON CONFLICT DO NOTHING:" + strings.Repeat("r", 9),
			"ON CONFLICT DO UPDATE:" + strings.Repeat("r", 10), "ON CONFLICT DO UPDATE:" + strings.Repeat("r", 8),
		}
		if !slices.Equal(got, want) {
			t.Errorf("%+v: statements %q, want %q", d, got, want)
		}
		// 19 rows of one shape (10, 9), then 18 of the other (10, 8), each
		// in its order: 0, 2, 4, … then 1, 3, 5, …
		if wantFirsts := []any{0, 20, 1, 21}; !slices.Equal(firsts, wantFirsts) {
			t.Errorf("%+v: first rows %v, want %v", d, firsts, wantFirsts)
		}
	}
}

// A group of one shape that fits exactRows is one statement; a larger one
// takes chunks whose sizes are powers of two until the rest fits, so that
// its texts stay few.
func TestGroupStatementSizes(t *testing.T) {
	g := &groupCommit{db: &DB{dialect: Dialect{BatchParams: 1 << 20}}}
	for rows, want := range map[int][]int{1: {1}, 37: {37}, exactRows: {exactRows}, 100: {64, 36}, 300: {256, 44}} {
		var group []*groupedWrite
		for range rows {
			group = append(group, &groupedWrite{head: "INSERT INTO t (a)", tail: "", row: []any{1}})
		}
		var got []int
		for _, s := range g.statements(group) {
			got = append(got, len(s.args))
		}
		if !slices.Equal(got, want) {
			t.Errorf("a group of %d rows: statements of %v rows, want %v", rows, got, want)
		}
	}
}
