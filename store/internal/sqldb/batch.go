package sqldb

import (
	"context"
	"database/sql"
	"iter"
	"slices"
	"strconv"
	"strings"
)

// perStatement is how many items of width parameters each fit in one
// statement beside its shared parameters: at least one, whatever the budget.
func (db *DB) perStatement(shared, width int) int {
	return max((db.dialect.BatchParams-shared)/width, 1)
}

// positional reports whether valuesStatements binds by position.
func (db *DB) positional(shared int, sharedInRows bool) bool {
	return db.dialect.PositionalParams > 0 && (sharedInRows || shared == 0)
}

// rowsPerStatement is how many rows of width parameters valuesStatements
// puts in one statement beside shared parameters: at least one.
func (db *DB) rowsPerStatement(shared, width int, sharedInRows bool) int {
	if db.positional(shared, sharedInRows) {
		return max(db.dialect.PositionalParams/(shared+width), 1)
	}
	return db.perStatement(shared, width)
}

// insertRows runs insert + " VALUES (…), (…)" + onConflict over rows, in as
// few statements as the dialect's BatchParams allows. Every row is the shared
// arguments ($1…) followed by its own, which all have one width; shared
// arguments are bound once per statement.
func (db *DB) insertRows(ctx context.Context, ex execer, insert, onConflict string, shared []any, rows [][]any) error {
	return db.execStatements(ctx, ex, db.valuesStatements(insert, onConflict, shared, rows, true))
}

// execStatements runs each statement with its arguments. Inside a
// transaction a statement text that repeats (every full chunk of a batch
// has the same) is prepared once: parsing it again cost SQLite more than
// running it.
func (db *DB) execStatements(ctx context.Context, ex execer, statements iter.Seq2[string, []any]) error {
	tx, ok := ex.(*sql.Tx)
	var last string
	var prepared *sql.Stmt
	defer func() {
		if prepared != nil {
			prepared.Close()
		}
	}()
	for q, args := range statements {
		if !ok {
			if _, err := ex.ExecContext(ctx, q, args...); err != nil {
				return err
			}
			continue
		}
		if q != last {
			if prepared != nil {
				prepared.Close()
			}
			var err error
			if prepared, err = tx.PrepareContext(ctx, q); err != nil {
				return err
			}
			last = q
		}
		if _, err := prepared.ExecContext(ctx, args...); err != nil {
			return err
		}
	}
	return nil
}

// valuesStatements yields head + " VALUES (…), (…) " + tail over rows, in as
// few statements as the dialect's BatchParams allows, with their arguments:
// the shared ones ($1…) once, then each row's, which all have one width.
// With sharedInRows every row's tuple starts with the shared placeholders.
//
// Where the dialect has PositionalParams, and the shared arguments are in
// every row or there are none, the placeholders are "?", up to
// PositionalParams a statement, and the shared arguments are repeated in
// each row: head and tail then hold no placeholders of their own.
func (db *DB) valuesStatements(head, tail string, shared []any, rows [][]any, sharedInRows bool) iter.Seq2[string, []any] {
	positional := db.positional(len(shared), sharedInRows)
	return func(yield func(string, []any) bool) {
		if len(rows) == 0 {
			return
		}
		width := len(rows[0])
		for chunk := range slices.Chunk(rows, db.rowsPerStatement(len(shared), width, sharedInRows)) {
			var args []any
			var q strings.Builder
			q.WriteString(head)
			q.WriteString(" VALUES ")
			if !positional {
				args = append(make([]any, 0, len(shared)+len(chunk)*width), shared...)
			}
			for i, row := range chunk {
				if i > 0 {
					q.WriteString(", ")
				}
				q.WriteByte('(')
				switch {
				case positional:
					writePositional(&q, len(shared)+width)
					args = append(append(args, shared...), row...)
				case sharedInRows && len(shared) > 0:
					writeParams(&q, 1, len(shared))
					q.WriteString(", ")
					fallthrough
				default:
					writeParams(&q, len(args)+1, width)
					args = append(args, row...)
				}
				q.WriteByte(')')
			}
			q.WriteString(" ")
			q.WriteString(tail)
			if !yield(q.String(), args) {
				return
			}
		}
	}
}

// inLists splits values into lists small enough for one "column IN (…)"
// beside the user id, yielding each list's placeholders ("$2, $3, …") and
// its arguments, the user id first. A function, not a method: methods take no
// type parameters.
func inLists[T any](db *DB, userID string, values []T) iter.Seq2[string, []any] {
	return func(yield func(string, []any) bool) {
		for chunk := range slices.Chunk(values, db.perStatement(1, 1)) {
			args := make([]any, 0, 1+len(chunk))
			args = append(args, userID)
			for _, v := range chunk {
				args = append(args, v)
			}
			var list strings.Builder
			writeParams(&list, 2, len(chunk))
			if !yield(list.String(), args) {
				return
			}
		}
	}
}

// rwIDLists is inLists for a page's Readwise ids, yielding each list's
// condition ("rw_id IN ($2, …)"). Where the dialect has arrays it is one
// condition on one array, "rw_id = ANY($2)": planning an IN list of 1,000
// constants took PostgreSQL 4.9 ms and running it 2.8 ms, the array 0.3 ms
// and 0.9 ms.
func rwIDLists(db *DB, userID string, ids []int64) iter.Seq2[string, []any] {
	if !db.dialect.NativeArrays {
		return func(yield func(string, []any) bool) {
			for in, args := range inLists(db, userID, ids) {
				if !yield("rw_id IN ("+in+")", args) {
					return
				}
			}
		}
	}
	return func(yield func(string, []any) bool) {
		if len(ids) > 0 {
			yield("rw_id = ANY($2)", []any{userID, ids})
		}
	}
}

// writePositional writes n placeholders "?, ?, …".
func writePositional(q *strings.Builder, n int) {
	for i := range n {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteByte('?')
	}
}

// writeParams writes n placeholders "$first, $first+1, …".
func writeParams(q *strings.Builder, first, n int) {
	for i := range n {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteByte('$')
		q.WriteString(strconv.Itoa(first + i))
	}
}

// lastByRWID keeps the last item of each RWID, in the order those last items
// come: one statement may not upsert a row twice on PostgreSQL.
func lastByRWID[T any](items []T, rwID func(T) int64) []T {
	last := make(map[int64]int, len(items))
	for i, item := range items {
		last[rwID(item)] = i
	}
	if len(last) == len(items) {
		return items
	}
	kept := make([]T, 0, len(last))
	for i, item := range items {
		if last[rwID(item)] == i {
			kept = append(kept, item)
		}
	}
	return kept
}

// withGenericPlans runs fn, a page's multi-row inserts, with plan_cache_mode
// force_generic_plan where the dialect has it. The session plans every
// statement for its values (postgres.dsns), and so every
// foreign-key check a row's insert fires: in a first sync a quarter of the
// server's CPU went to planning the highlights' check of their book, once
// per row. An insert's plan does not depend on its values, so one plan per
// prepared statement serves it and its checks; the IN lists after fn go
// back to the session's mode.
func (db *DB) withGenericPlans(ctx context.Context, tx *sql.Tx, fn func() error) error {
	if !db.dialect.PlanCacheMode {
		return fn()
	}
	if _, err := tx.ExecContext(ctx, `SET LOCAL plan_cache_mode = force_generic_plan`); err != nil {
		return err
	}
	if err := fn(); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `SET LOCAL plan_cache_mode TO DEFAULT`)
	return err
}
