package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
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

func (db *DB) StartFunctionLog(ctx context.Context, log store.FunctionLog) error {
	startedAt := log.StartedAt
	if startedAt.IsZero() {
		startedAt = time.Now()
	}
	var userID any // NULL: a run that serves no single user belongs to nobody
	if log.UserID != "" {
		userID = log.UserID
	}
	_, err := db.exec(ctx, `
		INSERT INTO function_logs (run_id, function_id, function_name, user_id, event_name,
			status, started_at, input_params, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		ON CONFLICT (run_id) DO NOTHING`,
		log.RunID, textArg(log.FunctionID), log.FunctionName, userID, textArg(log.EventName),
		store.RunStarted, db.timeArg(startedAt), jsonArg(log.Input), db.timeArg(time.Now()))
	if err != nil {
		return fmt.Errorf("start function log: %w", err)
	}
	return nil
}

func (db *DB) RecordFunctionProgress(ctx context.Context, runID string, result json.RawMessage, errorMessage string) error {
	// No result (an error to retry) keeps the last step's output.
	setResult := "result_data = result_data"
	args := []any{runID, errorMessage, db.timeArg(time.Now()), store.RunStarted}
	if result != nil {
		setResult = "result_data = $5"
		args = append(args, jsonArg(result))
	}
	_, err := db.exec(ctx, `
		UPDATE function_logs SET `+setResult+`,
			error_message = COALESCE(NULLIF($2, ''), error_message), updated_at = $3
		WHERE run_id = $1 AND status = $4`, args...)
	if err != nil {
		return fmt.Errorf("record function progress: %w", err)
	}
	return nil
}

func (db *DB) FinishFunctionLog(ctx context.Context, runID, status string, result json.RawMessage, errorMessage string, at time.Time) error {
	if status != store.RunCompleted && status != store.RunFailed {
		return fmt.Errorf("finish function log: status %q, want %s or %s", status, store.RunCompleted, store.RunFailed)
	}
	// started_at never changes once written, so reading it outside the
	// update is safe; the update's status check keeps the first outcome.
	var startedAt time.Time
	err := db.read.QueryRowContext(ctx, `SELECT started_at FROM function_logs WHERE run_id = $1`, runID).
		Scan(timeDest{&startedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("finish function log: %w", err)
	}
	// The instances that start and finish a run may disagree about the time.
	duration := max(at.Sub(startedAt), 0)
	_, err = db.exec(ctx, `
		UPDATE function_logs SET status = $2, result_data = $3, error_message = $4,
			completed_at = $5, duration_ms = $6, updated_at = $7
		WHERE run_id = $1 AND status = $8`,
		runID, status, jsonArg(result), textArg(errorMessage),
		db.timeArg(at), duration.Milliseconds(), db.timeArg(time.Now()), store.RunStarted)
	if err != nil {
		return fmt.Errorf("finish function log: %w", err)
	}
	return nil
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
