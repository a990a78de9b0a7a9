package scheduledfn

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/inngest/inngestgo"
	"github.com/inngest/inngestgo/step"

	"spark.dev/spark/inngest"
	"spark.dev/spark/scheduledtasks"
	"spark.dev/spark/store"
)

// scheduledTask is what one task id of settings.scheduledTasks runs: its
// event, carrying the user id alone, and the credential it needs ("" for
// none), without which it is skipped.
type scheduledTask struct {
	event func(userID string) inngest.Data
	needs store.Provider
}

// taskRegistry is the original's task list.
var taskRegistry = map[string]scheduledTask{
	scheduledtasks.AirtableImport:     {func(u string) inngest.Data { return inngest.ImportSparks{UserID: u} }, store.Airtable},
	scheduledtasks.ReadwiseBooks:      {func(u string) inngest.Data { return inngest.SyncBooks{UserID: u} }, store.Readwise},
	scheduledtasks.ReadwiseHighlights: {func(u string) inngest.Data { return inngest.SyncHighlights{UserID: u} }, store.Readwise},
	scheduledtasks.Embeddings:         {func(u string) inngest.Data { return inngest.GenerateEmbeddings{UserID: u} }, ""},
}

// ScheduledTasks runs every user's due scheduled tasks, hourly at :00 UTC.
// Registered in production only.
func ScheduledTasks(c inngestgo.Client, d inngest.Deps) (inngestgo.ServableFunction, error) {
	return inngestgo.CreateFunction(c,
		inngestgo.FunctionOpts{ID: inngest.FunctionScheduledTasks, Name: "Scheduled tasks", Concurrency: oneAtATime, Retries: inngestgo.IntPtr(3)},
		inngestgo.CronTrigger("TZ=UTC 0 * * * *"),
		func(ctx context.Context, in inngestgo.Input[map[string]any]) (any, error) {
			return runScheduledTasks(ctx, d, "", eventTime(d, in.Event.Timestamp))
		})
}

// ScheduledTasksManual runs the due scheduled tasks on request: every
// user's (an admin asked) or the requester's alone. It shares the cron's
// periods, so a request and a tick in one hour send each task once.
func ScheduledTasksManual(c inngestgo.Client, d inngest.Deps) (inngestgo.ServableFunction, error) {
	return inngestgo.CreateFunction(c,
		inngestgo.FunctionOpts{ID: inngest.FunctionScheduledTasksManual, Name: "Scheduled tasks (requested)", Concurrency: oneAtATime, Retries: inngestgo.IntPtr(3)},
		inngestgo.EventTrigger(inngest.EventScheduledTasksRequested, nil),
		func(ctx context.Context, in inngestgo.Input[inngest.ScheduledTasksRequested]) (any, error) {
			req := in.Event.Data
			onlyUser, err := requestedUser(req.Scope, req.UserID)
			if err != nil {
				return nil, err
			}
			return runScheduledTasks(ctx, d, onlyUser, eventTime(d, in.Event.Timestamp))
		})
}

// tasksPage is what one page of users made of their tasks.
type tasksPage struct {
	Users int `json:"users"`
	// Triggered counts the tasks sent, by task id.
	Triggered map[string]int `json:"triggered"`
	// NotDue counts active tasks that ran less than a period ago,
	// NoCredential those whose credential is missing, Removed those the user
	// removed between the send and the write of their lastRun.
	NotDue       int    `json:"notDue"`
	NoCredential int    `json:"noCredential"`
	Removed      int    `json:"removed"`
	LastUserID   string `json:"lastUserId"`
	Done         bool   `json:"done"`
}

func (p *tasksPage) add(o tasksPage) {
	p.Users += o.Users
	for id, n := range o.Triggered {
		p.Triggered[id] += n
	}
	p.NotDue, p.NoCredential, p.Removed = p.NotDue+o.NotDue, p.NoCredential+o.NoCredential, p.Removed+o.Removed
	p.LastUserID, p.Done = o.LastUserID, o.Done
}

// runScheduledTasks runs the due tasks of onlyUser, or of every user when
// onlyUser is "", at now: one step per page of users.
func runScheduledTasks(ctx context.Context, d inngest.Deps, onlyUser string, now time.Time) (any, error) {
	total := tasksPage{Triggered: map[string]int{}}
	for page := 1; !total.Done; page++ {
		after := total.LastUserID
		res, err := step.Run(ctx, fmt.Sprintf("run-due-tasks-page-%d", page), func(ctx context.Context) (tasksPage, error) {
			users, err := scheduledUsers(ctx, d, onlyUser, after)
			if err != nil {
				return tasksPage{}, err
			}
			res, err := runDueTasks(ctx, d, users, now)
			if err != nil {
				return tasksPage{}, err
			}
			res.LastUserID, res.Done = after, len(users) < usersPerPage
			if len(users) > 0 {
				res.LastUserID = users[len(users)-1].UserID
			}
			return res, nil
		})
		if err != nil {
			return nil, err
		}
		total.add(res)
	}
	triggered := 0
	for _, n := range total.Triggered {
		triggered += n
	}
	return inngest.MarkAsLastStep(map[string]any{
		"success": true, "users": total.Users, "triggeredTasks": triggered, "triggeredByTask": total.Triggered,
		"skippedTasks": total.NotDue + total.NoCredential, "notDue": total.NotDue, "noCredential": total.NoCredential,
		"removed": total.Removed,
	})
}

// scheduledRun is one user's task, sent.
type scheduledRun struct{ userID, taskID string }

// runDueTasks sends the users' due tasks, with ids that make a resend in
// the same period a no-op, then writes each sent task's lastRun.
func runDueTasks(ctx context.Context, d inngest.Deps, users []store.UserScheduledTasks, now time.Time) (tasksPage, error) {
	res := tasksPage{Users: len(users), Triggered: map[string]int{}}
	var events []any
	var runs []scheduledRun
	for _, u := range users {
		has := credentialCheck(ctx, d, u.UserID)
		tasks := scheduledtasks.Parse(u.Tasks)
		for _, taskID := range slices.Sorted(maps.Keys(tasks)) {
			task, known := taskRegistry[taskID]
			schedule := tasks[taskID]
			switch {
			case !known || !schedule.Active():
				continue
			case !schedule.Due(now):
				res.NotDue++
				continue
			}
			ok, err := has(task.needs)
			if err != nil {
				return tasksPage{}, err
			}
			if !ok {
				res.NoCredential++
				continue
			}
			id := u.UserID + "-" + taskID + "-" + scheduledtasks.Period(now)
			events = append(events, inngest.NewEvent(task.event(u.UserID), id))
			runs = append(runs, scheduledRun{u.UserID, taskID})
		}
	}
	if len(events) > 0 {
		if _, err := d.Events.SendMany(ctx, events); err != nil {
			return tasksPage{}, err
		}
	}
	lastRun := scheduledtasks.FormatLastRun(now)
	for _, r := range runs {
		wrote, err := d.Store.RecordTaskRun(ctx, r.userID, r.taskID, lastRun)
		if err != nil {
			return tasksPage{}, err
		}
		res.Triggered[r.taskID]++
		if !wrote {
			res.Removed++
		}
	}
	return res, nil
}

// credentialCheck reports, per provider, whether the user holds what its
// jobs need (Readwise: a token; Airtable: a token, base and table). It
// reads each provider once, and never decrypts.
func credentialCheck(ctx context.Context, d inngest.Deps, userID string) func(store.Provider) (bool, error) {
	known := map[store.Provider]bool{}
	return func(p store.Provider) (bool, error) {
		if p == "" {
			return true, nil
		}
		if has, ok := known[p]; ok {
			return has, nil
		}
		c, err := d.Store.GetCredential(ctx, userID, p)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return false, err
		}
		has := len(c.Secret) > 0 && (p != store.Airtable || c.BaseID != "" && c.TableID != "")
		known[p] = has
		return has, nil
	}
}

// scheduledUsers is the page of users after after, or onlyUser alone.
func scheduledUsers(ctx context.Context, d inngest.Deps, onlyUser, after string) ([]store.UserScheduledTasks, error) {
	if onlyUser == "" {
		return d.Store.UsersWithScheduledTasks(ctx, after, usersPerPage)
	}
	if after != "" {
		return nil, nil
	}
	raw, err := d.Store.GetSettings(ctx, onlyUser)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var doc struct {
		ScheduledTasks json.RawMessage `json:"scheduledTasks"`
	}
	if json.Unmarshal(raw, &doc) != nil || len(doc.ScheduledTasks) == 0 {
		return nil, nil
	}
	return []store.UserScheduledTasks{{UserID: onlyUser, Tasks: doc.ScheduledTasks}}, nil
}

// eventTime is when the event that started the run was sent: the same on
// every retry, so the due rule, the period and lastRun are too.
func eventTime(d inngest.Deps, timestampMillis int64) time.Time {
	if timestampMillis == 0 {
		return d.Now()
	}
	return time.UnixMilli(timestampMillis).UTC()
}
