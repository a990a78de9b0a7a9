package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"spark.dev/api/jobs"
)

// readwiseTrigger is the body of the Readwise trigger routes.
type readwiseTrigger struct {
	UserID   *string `json:"userId"`
	APIKey   string  `json:"apiKey"`
	FullSync bool    `json:"fullSync"`
}

// TriggerReadwise starts readwise-count-books.
func TriggerReadwise(svc *jobs.Service) echo.HandlerFunc {
	return func(c echo.Context) error {
		var req readwiseTrigger
		if err := decodeJSON(c, &req, true); err != nil {
			return err
		}
		userID, err := actingUser(c, req.UserID)
		if err != nil {
			return err
		}
		eventID, err := svc.CountBooks(c.Request().Context(), userID, req.APIKey)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, map[string]any{
			"success": true,
			"message": "Readwise book count automation triggered successfully",
			"eventId": eventID,
		})
	}
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
