package sqldb

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"spark.dev/spark/store"
)

var _ store.ScheduledTasks = (*DB)(nil)

// taskIDPattern keeps a task id a plain key of a JSON path.
var taskIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

func (db *DB) UsersWithScheduledTasks(ctx context.Context, afterUserID string, limit int) ([]store.UserScheduledTasks, error) {
	if limit < 1 {
		return nil, fmt.Errorf("users with scheduled tasks: limit %d, want at least 1", limit)
	}
	// As in UsersWithCredential: "" is no uuid, so it leaves the bound out.
	after, args := "", []any{limit}
	if afterUserID != "" {
		after, args = " AND id > $2", append(args, afterUserID)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT id, `+db.scheduledTasks()+` FROM user_settings
		WHERE `+db.hasScheduledTasks()+after+`
		ORDER BY id LIMIT $1`, args...)
	if err != nil {
		return nil, fmt.Errorf("users with scheduled tasks: %w", err)
	}
	defer rows.Close()
	var users []store.UserScheduledTasks
	for rows.Next() {
		var u store.UserScheduledTasks
		var tasks []byte
		if err := rows.Scan(&u.UserID, &tasks); err != nil {
			return nil, fmt.Errorf("users with scheduled tasks: %w", err)
		}
		u.Tasks = tasks
		users = append(users, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("users with scheduled tasks: %w", err)
	}
	return users, nil
}

func (db *DB) RecordTaskRun(ctx context.Context, userID, taskID, lastRun string) (bool, error) {
	if !taskIDPattern.MatchString(taskID) {
		return false, fmt.Errorf("record run of task %q: not a task id", taskID)
	}
	res, err := db.exec(ctx, `UPDATE user_settings SET settings = `+db.setLastRun()+`, updated_at = $4
		WHERE id = $1 AND `+db.taskIsObject(), userID, taskID, lastRun, db.timeArg(time.Now()))
	if err != nil {
		return false, fmt.Errorf("record run of task %s: %w", taskID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("record run of task %s: %w", taskID, err)
	}
	return n == 1, nil
}

// scheduledTasks is the document's scheduledTasks, as JSON text.
func (db *DB) scheduledTasks() string {
	if db.dialect.JSONB {
		return `(settings->'scheduledTasks')::text`
	}
	return `json_extract(settings, '$.scheduledTasks')`
}

// hasScheduledTasks holds for a document whose scheduledTasks is an object
// with at least one task. SQLite keeps the text the frontend wrote, which
// may not be JSON: such a document has none.
func (db *DB) hasScheduledTasks() string {
	if db.dialect.JSONB {
		return `jsonb_typeof(settings->'scheduledTasks') = 'object' AND settings->'scheduledTasks' <> '{}'::jsonb`
	}
	return `(CASE WHEN json_valid(settings) THEN json_type(settings, '$.scheduledTasks') = 'object'
		AND EXISTS (SELECT 1 FROM json_each(settings, '$.scheduledTasks')) END)`
}

// setLastRun is the document with scheduledTasks.<$2>.lastRun set to the
// string $3. The task id is bound, never spliced into the SQL.
func (db *DB) setLastRun() string {
	if db.dialect.JSONB {
		return `jsonb_set(settings, ARRAY['scheduledTasks', $2::text, 'lastRun'], to_jsonb($3::text))`
	}
	return `json_set(settings, '$.scheduledTasks."' || $2 || '".lastRun', $3)`
}

// taskIsObject holds while scheduledTasks.<$2> is an object.
func (db *DB) taskIsObject() string {
	if db.dialect.JSONB {
		return `jsonb_typeof(settings->'scheduledTasks'->($2::text)) = 'object'`
	}
	return `(CASE WHEN json_valid(settings) THEN json_type(settings, '$.scheduledTasks."' || $2 || '"') = 'object' END)`
}
