// Package scheduledfn holds the functions that fan work out to many users.
package scheduledfn

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/inngest/inngestgo"
	"github.com/inngest/inngestgo/step"

	"spark.dev/spark/credentials"
	"spark.dev/spark/inngest"
	"spark.dev/spark/store"
)

// usersPerPage bounds one fan-out step: its output stays a cursor and counts.
const usersPerPage = 500

// oneAtATime runs the cron alone; requested runs queue per requester, so one
// user asking often cannot hold up an admin's run for everyone.
var (
	oneAtATime      = &inngestgo.ConfigConcurrency{Fn: []inngestgo.ConfigFnConcurrency{{Limit: 1}}}
	onePerRequester = &inngestgo.ConfigConcurrency{
		Fn: []inngestgo.ConfigFnConcurrency{{Limit: 1, Key: inngestgo.StrPtr("event.data.requestedBy")}},
	}
)

// DailySync runs the daily Readwise jobs for every user holding a Readwise
// key, at 03:00 UTC. Registered in production only.
func DailySync(c inngestgo.Client, d inngest.Deps) (inngestgo.ServableFunction, error) {
	return inngestgo.CreateFunction(c,
		inngestgo.FunctionOpts{ID: inngest.FunctionDailySync, Name: "Readwise: daily sync", Concurrency: oneAtATime, Retries: inngestgo.IntPtr(3)},
		inngestgo.CronTrigger("TZ=UTC 0 3 * * *"),
		func(ctx context.Context, in inngestgo.Input[map[string]any]) (any, error) {
			// One set of jobs per user and day, however often this run retries.
			return fanOut(ctx, d, "", dayOf(in.Event.Timestamp))
		})
}

// DailySyncManual runs the daily sync on request: for every user (an admin
// asked) or for the requester alone.
func DailySyncManual(c inngestgo.Client, d inngest.Deps) (inngestgo.ServableFunction, error) {
	return inngestgo.CreateFunction(c,
		inngestgo.FunctionOpts{ID: inngest.FunctionDailySyncManual, Name: "Readwise: daily sync (requested)", Concurrency: onePerRequester, Retries: inngestgo.IntPtr(3)},
		inngestgo.EventTrigger(inngest.EventDailySyncRequested, nil),
		func(ctx context.Context, in inngestgo.Input[inngest.DailySyncRequested]) (any, error) {
			req := in.Event.Data
			// Each request is a new, deliberate run; its retries still send each job once.
			key := dayOf(in.Event.Timestamp) + "-" + in.InputCtx.RunID
			onlyUser, err := requestedUser(req.Scope, req.UserID)
			if err != nil {
				return nil, err
			}
			return fanOut(ctx, d, onlyUser, key)
		})
}

// requestedUser is the one user a requested run is for, "" for every user.
func requestedUser(scope, userID string) (string, error) {
	switch {
	case scope == inngest.ScheduleScopeAll:
		return "", nil
	case scope == inngest.ScheduleScopeSelf && userID != "":
		return userID, nil
	}
	return "", inngestgo.NoRetryError(fmt.Errorf("scope %q with userId %q is not a valid request", scope, userID))
}

type pageResult struct {
	Users      int    `json:"users"`
	EventsSent int    `json:"eventsSent"`
	LastUserID string `json:"lastUserId"`
	Done       bool   `json:"done"`
}

// fanOut sends the daily jobs for onlyUser, or for every user with a
// Readwise key when onlyUser is "", one step per page of users.
func fanOut(ctx context.Context, d inngest.Deps, onlyUser, key string) (any, error) {
	total := pageResult{}
	for page := 1; !total.Done; page++ {
		after := total.LastUserID
		res, err := step.Run(ctx, fmt.Sprintf("fan-out-page-%d", page), func(ctx context.Context) (pageResult, error) {
			users, err := usersPage(ctx, d, onlyUser, after)
			if err != nil {
				return pageResult{}, err
			}
			var events []any
			for _, userID := range users {
				events = append(events, dailyEvents(userID, key)...)
			}
			if len(events) > 0 {
				if _, err := d.Events.SendMany(ctx, events); err != nil {
					return pageResult{}, err
				}
			}
			res := pageResult{Users: len(users), EventsSent: len(events), LastUserID: after, Done: len(users) < usersPerPage}
			if len(users) > 0 {
				res.LastUserID = users[len(users)-1]
			}
			return res, nil
		})
		if err != nil {
			return nil, err
		}
		total = pageResult{Users: total.Users + res.Users, EventsSent: total.EventsSent + res.EventsSent, LastUserID: res.LastUserID, Done: res.Done}
	}
	return inngest.MarkAsLastStep(map[string]any{"success": true, "users": total.Users, "eventsSent": total.EventsSent})
}

func usersPage(ctx context.Context, d inngest.Deps, onlyUser, after string) ([]string, error) {
	if onlyUser == "" {
		return d.Store.UsersWithCredential(ctx, store.Readwise, after, usersPerPage)
	}
	if after != "" {
		return nil, nil
	}
	_, err := d.Vault.Token(ctx, onlyUser, store.Readwise)
	if err != nil {
		if errors.Is(err, credentials.ErrMissing) {
			return nil, nil
		}
		return nil, err
	}
	return []string{onlyUser}, nil
}

// dailyEvents are one user's daily jobs, with ids that make resending a no-op.
func dailyEvents(userID, key string) []any {
	return []any{
		inngest.NewEvent(inngest.CountBooks{UserID: userID}, "count-books-"+userID+"-"+key),
		inngest.NewEvent(inngest.SyncHighlights{UserID: userID}, "sync-highlights-"+userID+"-"+key),
	}
}

// dayOf is the UTC day of an event's timestamp (milliseconds), which
// Inngest sets on every event, cron ticks included.
func dayOf(timestampMillis int64) string {
	return time.UnixMilli(timestampMillis).UTC().Format(time.DateOnly)
}
