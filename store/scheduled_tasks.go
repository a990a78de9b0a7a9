package store

import (
	"context"
	"encoding/json"
)

// ScheduledTasks is what the scheduler reads and writes of the tasks users
// keep in their settings document (settings.scheduledTasks).
type ScheduledTasks interface {
	// UsersWithScheduledTasks pages through the users whose document holds
	// a non-empty scheduledTasks object, in ascending byte order of id,
	// strictly after afterUserID ("" = from the start), at most limit (at
	// least 1) at a time, each with that object as stored.
	UsersWithScheduledTasks(ctx context.Context, afterUserID string, limit int) ([]UserScheduledTasks, error)
	// RecordTaskRun sets scheduledTasks.<taskID>.lastRun of the user's
	// document to lastRun, by a targeted update of that field alone and only
	// while the task is still an object there: a task the user removed
	// meanwhile is not created again, and every other field (the task's
	// enabled and frequency, other tasks) stays as it is when the statement
	// runs. It reports whether it wrote. taskID is letters, digits, - and _.
	RecordTaskRun(ctx context.Context, userID, taskID, lastRun string) (bool, error)
}

// UserScheduledTasks is one user's scheduledTasks object.
type UserScheduledTasks struct {
	UserID string
	Tasks  json.RawMessage
}
