package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"spark.dev/spark/store"
)

// jsonArg binds a document as text (SQLite keeps JSON as TEXT, and
// PostgreSQL parses text into JSONB); none is NULL.
func jsonArg(doc json.RawMessage) any {
	if len(doc) == 0 {
		return nil
	}
	return string(doc)
}

// WriteFunctionLog is one statement: an insert of the run's row that, when
// the row exists, applies the write to it instead, unless the run has
// finished. It goes through the group commit, so concurrent requests share
// transactions.
func (db *DB) WriteFunctionLog(ctx context.Context, log store.FunctionLog) error {
	finish := log.Status == store.RunCompleted || log.Status == store.RunFailed
	if !finish && log.Status != store.RunStarted {
		return fmt.Errorf("write function log: status %q, want %s, %s or %s", log.Status, store.RunStarted, store.RunCompleted, store.RunFailed)
	}
	now := time.Now()
	startedAt := log.StartedAt
	if startedAt.IsZero() {
		startedAt = now
	}
	var userID any // NULL: a run that serves no single user belongs to nobody
	if log.UserID != "" {
		userID = log.UserID
	}
	onConflict, completedAt, duration := progressLogSQL, any(nil), any(nil)
	if finish {
		// The instances that start and finish a run may disagree about the time.
		onConflict, completedAt, duration = db.finishLog, db.timeArg(log.CompletedAt), max(log.CompletedAt.Sub(startedAt), 0).Milliseconds()
	}
	err := db.logs.exec(ctx, insertLogSQL, onConflict, []any{newRowID(), log.RunID, textArg(log.FunctionID), log.FunctionName, userID, textArg(log.EventName),
		log.Status, db.timeArg(startedAt), jsonArg(log.Input), jsonArg(log.Result), textArg(log.ErrorMessage),
		completedAt, duration, db.timeArg(now)})
	if err != nil {
		return fmt.Errorf("write function log: %w", db.busy(err))
	}
	return nil
}

// insertLogSQL is the head of a function-log write; its rows follow as
// VALUES.
const insertLogSQL = `
	INSERT INTO function_logs AS f (id, run_id, function_id, function_name, user_id, event_name,
		status, started_at, input_params, result_data, error_message, completed_at, duration_ms, updated_at)`

// logUnfinished is the condition for a write to apply to a stored run: it
// has not finished. A literal, not a parameter, so that the rows of many
// writes can share one statement with "?" placeholders.
const logUnfinished = `WHERE f.status = '` + store.RunStarted + `'`

// progressLogSQL keeps the last step's output when a write has none (an
// error to retry), and the last error when it has none.
const progressLogSQL = `ON CONFLICT (run_id) DO UPDATE SET
		result_data = COALESCE(excluded.result_data, f.result_data),
		error_message = COALESCE(excluded.error_message, f.error_message), updated_at = excluded.updated_at
	` + logUnfinished

// finishLogSQL measures the duration from the stored start, which another
// request, maybe on another instance, wrote. It depends on the dialect
// only: Open builds it once into DB.finishLog, off the per-request path.
func finishLogSQL(d Dialect) string {
	return `ON CONFLICT (run_id) DO UPDATE SET
		status = excluded.status, result_data = excluded.result_data,
		error_message = excluded.error_message, completed_at = excluded.completed_at,
		duration_ms = ` + d.MillisBetween("f.started_at", "excluded.completed_at") + `,
		updated_at = excluded.updated_at
	` + logUnfinished
}

// functionLogOrders whitelists FunctionLogQuery.OrderBy. A leading "IS NULL"
// key puts unfinished runs last in both directions, the same on both engines
// (false sorts before true), where NULLS LAST/FIRST defaults differ.
var functionLogOrders = map[string]string{
	"started_at":    "started_at",
	"completed_at":  "completed_at IS NULL, completed_at",
	"duration_ms":   "duration_ms IS NULL, duration_ms",
	"function_name": "function_name",
	"status":        "status",
}

// functionLogOrder is the ORDER BY list of q, function names by bytes.
func (db *DB) functionLogOrder(q store.FunctionLogQuery) (string, bool) {
	order, ok := functionLogOrders[q.OrderBy]
	if q.OrderBy == "function_name" {
		order += db.dialect.ByteOrder
	}
	return order, ok
}

const functionLogColumns = `id, run_id, function_id, function_name, user_id,
	event_name, status, started_at, completed_at, duration_ms, input_params, result_data, error_message`

func scanFunctionLog(rows *sql.Rows) (store.FunctionLog, error) {
	var l store.FunctionLog
	var input, result []byte
	err := rows.Scan(&l.ID, &l.RunID, textDest{&l.FunctionID}, &l.FunctionName, textDest{&l.UserID},
		textDest{&l.EventName}, &l.Status, timeDest{&l.StartedAt}, timeDest{&l.CompletedAt}, &l.DurationMS,
		&input, &result, textDest{&l.ErrorMessage})
	l.Input, l.Result = input, result
	return l, err
}

func (db *DB) FunctionLogs(ctx context.Context, userID string, q store.FunctionLogQuery) ([]store.FunctionLog, int, error) {
	order, ok := db.functionLogOrder(q)
	if !ok {
		return nil, 0, fmt.Errorf("function logs: cannot order by %q", q.OrderBy)
	}
	if q.Limit < 1 || q.Offset < 0 {
		return nil, 0, fmt.Errorf("function logs: limit %d and offset %d, want at least 1 and 0", q.Limit, q.Offset)
	}
	where, args := "user_id = $1", []any{userID}
	if q.FunctionName != "" {
		args = append(args, q.FunctionName)
		where += fmt.Sprintf(" AND function_name = $%d", len(args))
	}
	if q.Status != "" {
		args = append(args, q.Status)
		where += fmt.Sprintf(" AND status = $%d", len(args))
	}

	var total int
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM function_logs WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count function logs: %w", err)
	}
	dir := " DESC"
	if q.Ascending {
		dir = " ASC"
	}
	page := fmt.Sprintf(" LIMIT $%d OFFSET $%d", len(args)+1, len(args)+2)
	rows, err := db.read.QueryContext(ctx, `SELECT `+functionLogColumns+` FROM function_logs
		WHERE `+where+` ORDER BY `+order+dir+`, run_id`+dir+page,
		append(args, q.Limit, q.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("function logs: %w", err)
	}
	logs, err := scanAll(rows, scanFunctionLog)
	if err != nil {
		return nil, 0, fmt.Errorf("function logs: %w", err)
	}
	return logs, total, nil
}
