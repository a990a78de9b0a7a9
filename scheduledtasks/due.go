// Package scheduledtasks is the rule of the per-user scheduled tasks the
// frontend saves in settings.scheduledTasks: which tasks exist, how a task
// is read from the document, and when one is due.
package scheduledtasks

import (
	"encoding/json"
	"time"
)

// Task ids: the keys of settings.scheduledTasks that the scheduler runs.
const (
	AirtableImport     = "airtable-import-sparks"
	ReadwiseBooks      = "readwise-books-import"
	ReadwiseHighlights = "readwise-highlights-sync"
	Embeddings         = "generate-embeddings"
)

// Frequencies a task may have.
const (
	Off     = "off"
	Hourly  = "hourly"
	Daily   = "daily"
	Weekly  = "weekly"
	Monthly = "monthly"
)

// slack is how much earlier than a full period a task is due again: the
// cron ticks on the hour and a run lands a little after it, so a task that
// waited for a whole period would skip every other tick.
const slack = 20 * time.Minute

// periods are the frequencies' periods (a month is 30 days, as in the
// original); a task is due once period - slack has passed since its last run.
var periods = map[string]time.Duration{
	Hourly:  time.Hour,
	Daily:   24 * time.Hour,
	Weekly:  7 * 24 * time.Hour,
	Monthly: 30 * 24 * time.Hour,
}

// Schedule is one task as the document holds it. The frontend writes the
// document itself, so fields of the wrong type are kept as read: an
// enabled that is not true means disabled, a frequency that is not a known
// string is never due.
type Schedule struct {
	Enabled   bool
	Frequency string
	// LastRun is the JSON value of lastRun, nil when absent.
	LastRun any
}

// Due reports whether the task should run at now: enabled, with a known
// frequency other than off, and never run or last run at least its period
// less 20 minutes before now. A lastRun that is not an RFC 3339 time counts
// as never run: only the scheduler writes it, with a valid time, so the
// task runs once and heals it, where "not due" would stop it for good. A
// lastRun after now (clocks of two instances apart) is not due.
func (s Schedule) Due(now time.Time) bool {
	if !s.Active() {
		return false
	}
	last, ok := lastRunTime(s.LastRun)
	if !ok {
		return true
	}
	return now.Sub(last) >= periods[s.Frequency]-slack
}

// Active reports whether the task runs at all: enabled, with a known
// frequency other than off.
func (s Schedule) Active() bool {
	_, known := periods[s.Frequency]
	return s.Enabled && known
}

func lastRunTime(v any) (time.Time, bool) {
	text, ok := v.(string)
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339, text)
	return t, err == nil
}

// Parse reads a settings.scheduledTasks object. A task that is not an
// object reads as disabled; a document that is no object reads as no tasks.
func Parse(raw json.RawMessage) map[string]Schedule {
	var tasks map[string]json.RawMessage
	if json.Unmarshal(raw, &tasks) != nil {
		return nil
	}
	out := make(map[string]Schedule, len(tasks))
	for id, rawTask := range tasks {
		var fields map[string]any
		_ = json.Unmarshal(rawTask, &fields)
		enabled, _ := fields["enabled"].(bool)
		frequency, _ := fields["frequency"].(string)
		out[id] = Schedule{Enabled: enabled, Frequency: frequency, LastRun: fields["lastRun"]}
	}
	return out
}

// Period is the hour now falls in (UTC): a task is sent at most once per
// user and period, however often the scheduler runs or retries within it.
func Period(now time.Time) string {
	return now.UTC().Format("2006-01-02T15")
}

// FormatLastRun is how lastRun is written: UTC with milliseconds, as the
// frontend's Date.toISOString writes times.
func FormatLastRun(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}
