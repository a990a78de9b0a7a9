package sqldb

import (
	"context"
	"database/sql"
	"reflect"
	"testing"
)

type recordingExecer struct {
	queries []string
	args    [][]any
}

func (r *recordingExecer) ExecContext(_ context.Context, query string, args ...any) (sql.Result, error) {
	r.queries = append(r.queries, query)
	r.args = append(r.args, args)
	return nil, nil
}

// insertRows splits rows by the dialect's budget. With $N the shared
// arguments are bound once a statement; with PositionalParams the
// placeholders are "?" and the shared arguments repeat in each row.
func TestInsertRowsSplitsByBatchParams(t *testing.T) {
	for _, c := range []struct {
		name        string
		dialect     Dialect
		wantQueries []string
		wantArgs    [][]any
	}{{
		name:    "numbered",
		dialect: Dialect{BatchParams: 8}, // 2 shared + 2 rows of 3
		wantQueries: []string{
			"INSERT INTO t (u, now, id, name, ok) VALUES ($1, $2, $3, $4, $5), ($1, $2, $6, $7, $8) ON CONFLICT DO NOTHING",
			"INSERT INTO t (u, now, id, name, ok) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
		},
		wantArgs: [][]any{{"u", "now", 1, "a", true, 2, "b", false}, {"u", "now", 3, "c", true}},
	}, {
		name:    "positional",
		dialect: Dialect{BatchParams: 3, PositionalParams: 10}, // 2 rows of 2 shared + 3
		wantQueries: []string{
			"INSERT INTO t (u, now, id, name, ok) VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
			"INSERT INTO t (u, now, id, name, ok) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
		},
		wantArgs: [][]any{{"u", "now", 1, "a", true, "u", "now", 2, "b", false}, {"u", "now", 3, "c", true}},
	}} {
		t.Run(c.name, func(t *testing.T) {
			db := &DB{dialect: c.dialect}
			var ex recordingExecer
			rows := [][]any{{1, "a", true}, {2, "b", false}, {3, "c", true}}
			if err := db.insertRows(t.Context(), &ex, "INSERT INTO t (u, now, id, name, ok)", "ON CONFLICT DO NOTHING", []any{"u", "now"}, rows); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(ex.queries, c.wantQueries) || !reflect.DeepEqual(ex.args, c.wantArgs) {
				t.Errorf("statements = %q with %v\nwant %q with %v", ex.queries, ex.args, c.wantQueries, c.wantArgs)
			}
		})
	}
}

func TestInListsSplitsByBatchParams(t *testing.T) {
	db := &DB{dialect: Dialect{BatchParams: 3}} // the user id + 2 ids
	var lists []string
	var args [][]any
	for list, a := range inLists(db, "u", []int64{10, 20, 30}) {
		lists = append(lists, list)
		args = append(args, a)
	}
	if want := []string{"$2, $3", "$2"}; !reflect.DeepEqual(lists, want) {
		t.Errorf("lists = %q, want %q", lists, want)
	}
	if want := [][]any{{"u", int64(10), int64(20)}, {"u", int64(30)}}; !reflect.DeepEqual(args, want) {
		t.Errorf("args = %v, want %v", args, want)
	}
}

func TestLastByRWIDKeepsTheLastOfEachID(t *testing.T) {
	type item struct {
		id   int64
		name string
	}
	got := lastByRWID([]item{{1, "first"}, {2, "only"}, {1, "last"}}, func(i item) int64 { return i.id })
	if want := []item{{2, "only"}, {1, "last"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("lastByRWID = %v, want %v", got, want)
	}
}
