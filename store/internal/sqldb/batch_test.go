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

// Readwise ids are IN lists split by BatchParams, or, where the dialect
// has arrays, one condition on one array, and no condition for no ids.
func TestRWIDLists(t *testing.T) {
	collect := func(db *DB, ids []int64) (conds []string, args [][]any) {
		for cond, a := range rwIDLists(db, "u", ids) {
			conds, args = append(conds, cond), append(args, a)
		}
		return conds, args
	}
	lists := &DB{dialect: Dialect{BatchParams: 3}}
	conds, args := collect(lists, []int64{10, 20, 30})
	if want := []string{"rw_id IN ($2, $3)", "rw_id IN ($2)"}; !reflect.DeepEqual(conds, want) || len(args) != 2 {
		t.Errorf("IN lists: %q with %v, want %q", conds, args, want)
	}
	arrays := &DB{dialect: Dialect{BatchParams: 3, NativeArrays: true}}
	conds, args = collect(arrays, []int64{10, 20, 30})
	if want := []any{"u", []int64{10, 20, 30}}; !reflect.DeepEqual(conds, []string{"rw_id = ANY($2)"}) || !reflect.DeepEqual(args, [][]any{want}) {
		t.Errorf("arrays: %q with %v, want one condition on %v", conds, args, want)
	}
	if conds, _ := collect(arrays, nil); len(conds) != 0 {
		t.Errorf("no ids: %q, want no condition", conds)
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
