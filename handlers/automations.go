package handlers

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"spark.dev/spark/apperr"
	"spark.dev/spark/jobs"
	"spark.dev/spark/middleware"
	"spark.dev/spark/naming"
	"spark.dev/spark/store"
)

// TriggerTagRandomHighlights starts tag-random-highlights.
func TriggerTagRandomHighlights(svc *jobs.Service) echo.HandlerFunc {
	return trigger(func(ctx context.Context, userID string, _ userOnly) (map[string]any, error) {
		eventID, err := svc.TagRandomHighlights(ctx, userID)
		return dataAnswer("Random highlight tagging automation triggered successfully", eventID), err
	})
}

// TriggerCategorizeRandomHighlights starts categorize-random-highlights.
func TriggerCategorizeRandomHighlights(svc *jobs.Service) echo.HandlerFunc {
	return trigger(func(ctx context.Context, userID string, _ userOnly) (map[string]any, error) {
		eventID, err := svc.CategorizeRandomHighlights(ctx, userID)
		return dataAnswer("Random highlight categorization automation triggered successfully", eventID), err
	})
}

// ApproveAutomation applies the caller's pending automation, all of it or
// nothing (docs/api.md#automations).
func ApproveAutomation(s store.Store) echo.HandlerFunc {
	rules := store.NameRules{Tag: naming.Tag, Slug: naming.Slug}
	return automationRoute(func(status string) string { return "Automation is already " + status },
		func(ctx context.Context, userID, id string) (map[string]any, error) {
			created, err := s.ApproveAutomation(ctx, userID, id, rules)
			if err != nil {
				return nil, err
			}
			answer := map[string]any{"success": true, "automationId": id}
			if len(created.Tags)+len(created.Categories) > 0 {
				answer["createdResources"] = map[string]any{
					"categories": nonNil(created.Categories), "tags": nonNil(created.Tags),
				}
			}
			return answer, nil
		})
}

// RejectAutomation marks the caller's pending automation rejected.
func RejectAutomation(s store.Store) echo.HandlerFunc {
	return automationRoute(func(status string) string { return "Can only reject pending automations, current status: " + status },
		func(ctx context.Context, userID, id string) (map[string]any, error) {
			return map[string]any{"success": true, "automationId": id}, s.RejectAutomation(ctx, userID, id)
		})
}

// RevertAutomation undoes the caller's approved automation.
func RevertAutomation(s store.Store) echo.HandlerFunc {
	return automationRoute(func(status string) string { return "Can only revert approved automations, current status: " + status },
		func(ctx context.Context, userID, id string) (map[string]any, error) {
			return map[string]any{"success": true, "automationId": id}, s.RevertAutomation(ctx, userID, id)
		})
}

// automationBody is what the automation routes read; the id is checked by
// hand, so that any malformed one gets the one message.
type automationBody struct {
	AutomationID any `json:"automationId"`
}

// automationRoute is the shape of the three automation routes: decode
// {automationId}, run op for the token's user, and answer the original's
// {success, …}; a client's mistake is {success: false, error} with its
// status. wrongState words the answer for an automation in the wrong status.
func automationRoute(wrongState func(status string) string, op func(ctx context.Context, userID, id string) (map[string]any, error)) echo.HandlerFunc {
	return func(c echo.Context) error {
		answer, err := func() (map[string]any, error) {
			var body automationBody
			if err := decodeJSON(c, &body, true); err != nil {
				return nil, err
			}
			id, _ := body.AutomationID.(string)
			id = strings.ToLower(id)
			if !store.IsRowID(id) {
				return nil, apperr.New(apperr.Invalid, "Missing automationId")
			}
			return op(c.Request().Context(), middleware.UserID(c), id)
		}()
		if err == nil {
			return c.JSON(http.StatusOK, answer)
		}
		status, message := automationFailure(err, wrongState)
		if status == 0 {
			return err // a server failure: the error handler logs it
		}
		return c.JSON(status, map[string]any{"success": false, "error": message})
	}
}

// automationFailure is the status and message of a failed automation
// request, or 0 for a failure of the server.
func automationFailure(err error, wrongState func(string) string) (int, string) {
	if e, ok := errors.AsType[*store.AutomationStatusError](err); ok {
		return http.StatusBadRequest, wrongState(e.Status)
	}
	if e, ok := errors.AsType[*store.ActionFailedError](err); ok {
		// The automation changed nothing and stays pending: the data it
		// would change is no longer as it was proposed.
		return http.StatusConflict, e.Reason
	}
	if errors.Is(err, store.ErrNotFound) {
		return http.StatusNotFound, "Automation not found"
	}
	if e, ok := errors.AsType[*apperr.Error](err); ok && statusOf(e.Code) < http.StatusInternalServerError {
		return statusOf(e.Code), e.Message
	}
	return 0, ""
}

// nonNil makes a nil list encode as [] rather than null.
func nonNil[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}
