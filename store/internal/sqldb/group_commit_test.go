package sqldb

import (
	"slices"
	"strings"
	"testing"
)

// A group's rows go into statements by head and tail, in the order each
// first comes, in chunks of powers of two that fit the dialect's budget.
func TestGroupStatements(t *testing.T) {
	g := &groupCommit{db: &DB{dialect: Dialect{BatchParams: 150}}} // 10 rows of 14 beside 1 shared
	var group []*groupedWrite
	for i := range 37 {
		tail := "ON CONFLICT DO NOTHING"
		if i%2 == 1 {
			tail = "ON CONFLICT DO UPDATE"
		}
		row := make([]any, 14)
		row[0] = i
		group = append(group, &groupedWrite{head: "INSERT INTO t (a)", tail: tail, shared: []any{"s"}, row: row})
	}
	var got []string
	var firsts []any
	for _, s := range g.statements(group) {
		rows := strings.Count(s.query, "(") - 1
		if len(s.args) != 1+rows*14 || s.args[0] != "s" {
			t.Fatalf("%d arguments for %d rows: %v", len(s.args), rows, s.args)
		}
		got = append(got, strings.TrimPrefix(s.query[strings.LastIndex(s.query, ")")+1:], " ")+":"+strings.Repeat("r", rows))
		firsts = append(firsts, s.args[1])
	}
	want := []string{
		"ON CONFLICT DO NOTHING:rrrrrrrr", "ON CONFLICT DO NOTHING:rrrrrrrr", "ON CONFLICT DO NOTHING:rr", "ON CONFLICT DO NOTHING:r",
		"ON CONFLICT DO UPDATE:rrrrrrrr", "ON CONFLICT DO UPDATE:rrrrrrrr", "ON CONFLICT DO UPDATE:rr",
	}
	if !slices.Equal(got, want) {
		t.Errorf("statements %q, want %q", got, want)
	}
	// 19 rows of one shape (8, 8, 2, 1), then 18 of the other (8, 8, 2), each
	// in its order: 0, 2, 4, … then 1, 3, 5, …
	if wantFirsts := []any{0, 16, 32, 36, 1, 17, 33}; !slices.Equal(firsts, wantFirsts) {
		t.Errorf("first rows %v, want %v", firsts, wantFirsts)
	}
}
