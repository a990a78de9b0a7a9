package handlers

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"spark.dev/api/jobs"
)

// readwiseTrigger is the body of the Readwise trigger routes; every field
// is optional.
type readwiseTrigger struct {
	UserID   *string `json:"userId"`
	APIKey   string  `json:"apiKey"`
	FullSync bool    `json:"fullSync"`
}

// startReadwiseJob starts one Readwise job for the caller and answers with
// the event id.
type startReadwiseJob func(ctx context.Context, userID string, req readwiseTrigger) (eventID string, err error)

// readwiseTriggerHandler decodes and checks a trigger body, starts the job
// and lets answer shape the route's success body.
func readwiseTriggerHandler(start startReadwiseJob, answer func(eventID string) map[string]any) echo.HandlerFunc {
	return func(c echo.Context) error {
		var req readwiseTrigger
		if err := decodeJSON(c, &req, true); err != nil {
			return err
		}
		userID, err := actingUser(c, req.UserID)
		if err != nil {
			return err
		}
		eventID, err := start(c.Request().Context(), userID, req)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, answer(eventID))
	}
}

// flatAnswer is the shape of the first routes: the event id at the top.
func flatAnswer(message string) func(string) map[string]any {
	return func(eventID string) map[string]any {
		return map[string]any{"success": true, "message": message, "eventId": eventID}
	}
}

// dataAnswer is the shape of the later routes: {data: {triggered, eventId}}.
func dataAnswer(message string) func(string) map[string]any {
	return func(eventID string) map[string]any {
		return map[string]any{"success": true, "message": message, "data": map[string]any{"triggered": true, "eventId": eventID}}
	}
}

// TriggerReadwise starts readwise-count-books.
func TriggerReadwise(svc *jobs.Service) echo.HandlerFunc {
	return readwiseTriggerHandler(func(ctx context.Context, userID string, req readwiseTrigger) (string, error) {
		return svc.CountBooks(ctx, userID, req.APIKey)
	}, flatAnswer("Readwise book count automation triggered successfully"))
}

// TriggerConnectionTest starts readwise-connection-test.
func TriggerConnectionTest(svc *jobs.Service) echo.HandlerFunc {
	return readwiseTriggerHandler(func(ctx context.Context, userID string, req readwiseTrigger) (string, error) {
		return svc.TestConnection(ctx, userID, req.APIKey)
	}, flatAnswer("Readwise connection test triggered successfully"))
}

// TriggerSyncBooks starts readwise-sync-books.
func TriggerSyncBooks(svc *jobs.Service) echo.HandlerFunc {
	return readwiseTriggerHandler(func(ctx context.Context, userID string, req readwiseTrigger) (string, error) {
		return svc.SyncBooks(ctx, userID, req.APIKey, req.FullSync)
	}, dataAnswer("Readwise book import automation triggered successfully"))
}

// TriggerSyncHighlights starts readwise-sync-highlights.
func TriggerSyncHighlights(svc *jobs.Service) echo.HandlerFunc {
	return readwiseTriggerHandler(func(ctx context.Context, userID string, req readwiseTrigger) (string, error) {
		return svc.SyncHighlights(ctx, userID, req.APIKey, req.FullSync)
	}, dataAnswer("Readwise highlights sync automation triggered successfully"))
}

// TriggerSchedule requests the daily sync: every user for admins, the
// caller alone for anyone else.
func TriggerSchedule(svc *jobs.Service) echo.HandlerFunc {
	return func(c echo.Context) error {
		var req struct {
			UserID *string `json:"userId"`
		}
		if err := decodeJSON(c, &req, true); err != nil {
			return err
		}
		userID, err := actingUser(c, req.UserID)
		if err != nil {
			return err
		}
		scope, eventID, err := svc.Schedule(c.Request().Context(), userID)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, map[string]any{
			"success": true,
			"message": "Scheduled tasks cron triggered manually",
			"data":    map[string]any{"triggered": true, "scope": scope, "eventId": eventID},
		})
	}
}

// airtableTrigger is the body of trigger-airtable-import; every field is
// optional when the user has stored it before.
type airtableTrigger struct {
	UserID  *string `json:"userId"`
	APIKey  string  `json:"apiKey"`
	BaseID  string  `json:"baseId"`
	TableID string  `json:"tableId"`
}

// TriggerAirtableImport starts airtable-import-sparks.
func TriggerAirtableImport(svc *jobs.Service) echo.HandlerFunc {
	return func(c echo.Context) error {
		var req airtableTrigger
		if err := decodeJSON(c, &req, true); err != nil {
			return err
		}
		userID, err := actingUser(c, req.UserID)
		if err != nil {
			return err
		}
		eventID, err := svc.ImportAirtable(c.Request().Context(), userID, jobs.AirtableImport{APIKey: req.APIKey, BaseID: req.BaseID, TableID: req.TableID})
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, map[string]any{"success": true, "eventId": eventID})
	}
}

// TriggerMigrateTags starts migrate-highlight-tags.
func TriggerMigrateTags(svc *jobs.Service) echo.HandlerFunc {
	answer := dataAnswer("Highlight tag migration automation triggered successfully")
	return func(c echo.Context) error {
		var req struct {
			UserID *string `json:"userId"`
		}
		if err := decodeJSON(c, &req, true); err != nil {
			return err
		}
		userID, err := actingUser(c, req.UserID)
		if err != nil {
			return err
		}
		eventID, err := svc.MigrateTags(c.Request().Context(), userID)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, answer(eventID))
	}
}
