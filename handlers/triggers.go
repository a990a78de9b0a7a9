package handlers

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"spark.dev/spark/jobs"
)

// A trigger body names, at most, the user it is for; every field is optional.
type triggerBody interface {
	claimedUser() *string
}

// userOnly is the body of triggers that take nothing but the user.
type userOnly struct {
	UserID *string `json:"userId"`
}

// readwiseTrigger is the body of the Readwise triggers.
type readwiseTrigger struct {
	UserID   *string `json:"userId"`
	APIKey   string  `json:"apiKey"`
	FullSync bool    `json:"fullSync"`
}

// airtableTrigger is the body of trigger-airtable-import.
type airtableTrigger struct {
	UserID  *string `json:"userId"`
	APIKey  string  `json:"apiKey"`
	BaseID  string  `json:"baseId"`
	TableID string  `json:"tableId"`
}

func (b userOnly) claimedUser() *string        { return b.UserID }
func (b readwiseTrigger) claimedUser() *string { return b.UserID }
func (b airtableTrigger) claimedUser() *string { return b.UserID }

// trigger is the shape of every trigger route: decode the body, refuse a
// user id other than the token's, start the job, answer with what start
// returns.
func trigger[T triggerBody](start func(ctx context.Context, userID string, req T) (map[string]any, error)) echo.HandlerFunc {
	return func(c echo.Context) error {
		var req T
		if err := decodeJSON(c, &req, true); err != nil {
			return err
		}
		userID, err := actingUser(c, req.claimedUser())
		if err != nil {
			return err
		}
		answer, err := start(c.Request().Context(), userID, req)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, answer)
	}
}

// flatAnswer is the shape of the first routes: the event id at the top.
func flatAnswer(message, eventID string) map[string]any {
	return map[string]any{"success": true, "message": message, "eventId": eventID}
}

// dataAnswer is the shape of the later routes: {data: {triggered, eventId}}.
func dataAnswer(message, eventID string) map[string]any {
	return map[string]any{"success": true, "message": message, "data": map[string]any{"triggered": true, "eventId": eventID}}
}

// TriggerReadwise starts readwise-count-books.
func TriggerReadwise(svc *jobs.Service) echo.HandlerFunc {
	return trigger(func(ctx context.Context, userID string, req readwiseTrigger) (map[string]any, error) {
		eventID, err := svc.CountBooks(ctx, userID, req.APIKey)
		return flatAnswer("Readwise book count automation triggered successfully", eventID), err
	})
}

// TriggerConnectionTest starts readwise-connection-test.
func TriggerConnectionTest(svc *jobs.Service) echo.HandlerFunc {
	return trigger(func(ctx context.Context, userID string, req readwiseTrigger) (map[string]any, error) {
		eventID, err := svc.TestConnection(ctx, userID, req.APIKey)
		return flatAnswer("Readwise connection test triggered successfully", eventID), err
	})
}

// TriggerSyncBooks starts readwise-sync-books.
func TriggerSyncBooks(svc *jobs.Service) echo.HandlerFunc {
	return trigger(func(ctx context.Context, userID string, req readwiseTrigger) (map[string]any, error) {
		eventID, err := svc.SyncBooks(ctx, userID, req.APIKey, req.FullSync)
		return dataAnswer("Readwise book import automation triggered successfully", eventID), err
	})
}

// TriggerSyncHighlights starts readwise-sync-highlights.
func TriggerSyncHighlights(svc *jobs.Service) echo.HandlerFunc {
	return trigger(func(ctx context.Context, userID string, req readwiseTrigger) (map[string]any, error) {
		eventID, err := svc.SyncHighlights(ctx, userID, req.APIKey, req.FullSync)
		return dataAnswer("Readwise highlights sync automation triggered successfully", eventID), err
	})
}

// TriggerAirtableImport starts airtable-import-sparks.
func TriggerAirtableImport(svc *jobs.Service) echo.HandlerFunc {
	return trigger(func(ctx context.Context, userID string, req airtableTrigger) (map[string]any, error) {
		eventID, err := svc.ImportAirtable(ctx, userID, jobs.AirtableImport{APIKey: req.APIKey, BaseID: req.BaseID, TableID: req.TableID})
		return map[string]any{"success": true, "eventId": eventID}, err
	})
}

// TriggerMigrateTags starts migrate-highlight-tags.
func TriggerMigrateTags(svc *jobs.Service) echo.HandlerFunc {
	return trigger(func(ctx context.Context, userID string, _ userOnly) (map[string]any, error) {
		eventID, err := svc.MigrateTags(ctx, userID)
		return dataAnswer("Highlight tag migration automation triggered successfully", eventID), err
	})
}

// TriggerGenerateEmbeddings starts generate-highlight-embeddings.
func TriggerGenerateEmbeddings(svc *jobs.Service) echo.HandlerFunc {
	return trigger(func(ctx context.Context, userID string, _ userOnly) (map[string]any, error) {
		eventID, err := svc.GenerateEmbeddings(ctx, userID)
		return dataAnswer("Embeddings generation triggered successfully", eventID), err
	})
}

// TriggerSchedule runs the daily sync and the due scheduled tasks now:
// every user's for admins, the caller's alone for anyone else.
func TriggerSchedule(svc *jobs.Service) echo.HandlerFunc {
	return trigger(func(ctx context.Context, userID string, _ userOnly) (map[string]any, error) {
		run, err := svc.Schedule(ctx, userID)
		return map[string]any{
			"success": true,
			"message": "Scheduled tasks cron triggered manually",
			"data": map[string]any{"triggered": true, "scope": run.Scope, "eventId": run.DailySyncEventID,
				"scheduledTasksEventId": run.ScheduledTasksEventID},
		}, err
	})
}
