package handlers

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"spark.dev/spark/apperr"
	"spark.dev/spark/middleware"
	"spark.dev/spark/settings"
	"spark.dev/spark/store"
)

// ReadwiseStatus returns the user's Readwise connection and sync status.
func ReadwiseStatus(svc *settings.Service) echo.HandlerFunc {
	return func(c echo.Context) error {
		status, err := svc.ReadwiseStatus(c.Request().Context(), middleware.UserID(c))
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, status)
	}
}

// BookCountRecorder stores a job's book count.
type BookCountRecorder interface {
	RecordBookCount(ctx context.Context, userID string, count int, syncedAt time.Time) error
}

// bookCountReport is the body a job POSTs to /api/readwise.
type bookCountReport struct {
	UserID    string  `json:"userId"`
	BookCount *int    `json:"bookCount"`
	SyncTime  *string `json:"syncTime"`
}

// Valid lists what is wrong with the report, by field.
func (r bookCountReport) Valid() map[string]string {
	problems := map[string]string{}
	if r.UserID == "" {
		problems["userId"] = "Missing userId"
	} else if !store.IsUserID(r.UserID) {
		problems["userId"] = "userId must be a user's UUID"
	}
	if r.BookCount == nil || *r.BookCount < 0 {
		problems["bookCount"] = "bookCount must be a number of books"
	}
	if r.SyncTime != nil {
		if _, err := time.Parse(time.RFC3339Nano, *r.SyncTime); err != nil {
			problems["syncTime"] = "syncTime must be an ISO 8601 time"
		}
	}
	return problems
}

// RecordBookCount takes a job's signed report of a user's book count.
func RecordBookCount(store BookCountRecorder, now func() time.Time) echo.HandlerFunc {
	return func(c echo.Context) error {
		var report bookCountReport
		if err := decodeJSON(c, &report, false); err != nil {
			return err
		}
		if problems := report.Valid(); len(problems) > 0 {
			return apperr.New(apperr.Invalid, firstProblem(problems, "userId", "bookCount", "syncTime"))
		}
		syncedAt := now()
		if report.SyncTime != nil {
			syncedAt, _ = time.Parse(time.RFC3339Nano, *report.SyncTime)
		}
		if err := store.RecordBookCount(c.Request().Context(), report.UserID, *report.BookCount, syncedAt); err != nil {
			return err
		}
		return c.JSON(http.StatusOK, map[string]bool{"success": true})
	}
}

// firstProblem picks the message of the first failing field in order.
func firstProblem(problems map[string]string, order ...string) string {
	for _, field := range order {
		if msg, ok := problems[field]; ok {
			return msg
		}
	}
	return "Invalid request"
}
