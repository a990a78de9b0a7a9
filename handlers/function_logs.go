package handlers

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"spark.dev/spark/apperr"
	"spark.dev/spark/middleware"
	"spark.dev/spark/store"
)

// FunctionLogReader is the part of the store the function-logs route needs.
type FunctionLogReader interface {
	FunctionLogs(ctx context.Context, userID string, q store.FunctionLogQuery) ([]store.FunctionLog, int, error)
}

var (
	logStatuses = map[string]bool{"": true, store.RunStarted: true, store.RunCompleted: true, store.RunFailed: true}
)

// functionLogJSON is a log row with the original project's column names,
// which the frontend reads.
type functionLogJSON struct {
	ID           string          `json:"id"`
	RunID        string          `json:"run_id"`
	FunctionID   string          `json:"function_id"`
	FunctionName string          `json:"function_name"`
	UserID       string          `json:"user_id"`
	EventName    string          `json:"event_name"`
	Status       string          `json:"status"`
	StartedAt    time.Time       `json:"started_at"`
	CompletedAt  *time.Time      `json:"completed_at"`
	DurationMS   *int64          `json:"duration_ms"`
	Input        json.RawMessage `json:"input_params"`
	Result       json.RawMessage `json:"result_data"`
	ErrorMessage *string         `json:"error_message"`
}

// FunctionLogs lists the caller's job runs, filtered, ordered and paged.
func FunctionLogs(logs FunctionLogReader) echo.HandlerFunc {
	return func(c echo.Context) error {
		q, err := functionLogQuery(c)
		if err != nil {
			return err
		}
		rows, total, err := logs.FunctionLogs(c.Request().Context(), middleware.UserID(c), q)
		if err != nil {
			return err
		}
		out := make([]functionLogJSON, len(rows))
		for i, r := range rows {
			out[i] = functionLogJSON{ID: r.ID, RunID: r.RunID, FunctionID: r.FunctionID, FunctionName: r.FunctionName,
				UserID: r.UserID, EventName: r.EventName, Status: r.Status, StartedAt: r.StartedAt,
				DurationMS: r.DurationMS, Input: r.Input, Result: r.Result}
			if !r.CompletedAt.IsZero() {
				out[i].CompletedAt = &r.CompletedAt
			}
			if r.ErrorMessage != "" {
				out[i].ErrorMessage = &r.ErrorMessage
			}
		}
		return c.JSON(http.StatusOK, map[string]any{
			"success": true,
			"data": map[string]any{
				"logs":       out,
				"pagination": map[string]int{"total": total, "offset": q.Offset, "limit": q.Limit},
			},
		})
	}
}

func functionLogQuery(c echo.Context) (store.FunctionLogQuery, error) {
	q := store.FunctionLogQuery{
		Limit:        20,
		FunctionName: c.QueryParam("function_name"),
		Status:       c.QueryParam("status"),
		OrderBy:      c.QueryParam("order_by"),
	}
	var err error
	if q.Limit, err = intParam(c, "limit", 20, 1, 100); err != nil {
		return q, err
	}
	if q.Offset, err = intParam(c, "offset", 0, 0, 1_000_000); err != nil {
		return q, err
	}
	// Text a database can store: PostgreSQL refuses NUL and invalid UTF-8.
	if !utf8.ValidString(q.FunctionName) || strings.ContainsRune(q.FunctionName, 0) {
		return q, apperr.New(apperr.Invalid, "function_name must be UTF-8 text without NUL")
	}
	if !logStatuses[q.Status] {
		return q, apperr.New(apperr.Invalid, "status must be one of: started, completed, failed")
	}
	if q.OrderBy == "" {
		q.OrderBy = "started_at"
	}
	if !slices.Contains(store.FunctionLogOrders, q.OrderBy) {
		return q, apperr.New(apperr.Invalid, "order_by must be one of: "+strings.Join(store.FunctionLogOrders, ", "))
	}
	switch c.QueryParam("order_direction") {
	case "", "desc":
	case "asc":
		q.Ascending = true
	default:
		return q, apperr.New(apperr.Invalid, "order_direction must be asc or desc")
	}
	return q, nil
}

// intParam reads an optional whole-number query parameter within [lo, hi].
func intParam(c echo.Context, name string, fallback, lo, hi int) (int, error) {
	raw := c.QueryParam(name)
	if raw == "" {
		return fallback, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < lo || n > hi {
		return 0, apperr.New(apperr.Invalid, name+" must be a whole number from "+strconv.Itoa(lo)+" to "+strconv.Itoa(hi))
	}
	return n, nil
}
