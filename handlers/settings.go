package handlers

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"spark.dev/spark/middleware"
	"spark.dev/spark/settings"
)

// GetSettings returns the user's settings, or one integration's with
// ?integration=readwise|airtable.
func GetSettings(svc *settings.Service) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx, userID := c.Request().Context(), middleware.UserID(c)
		if name := c.QueryParam("integration"); name != "" {
			integration, err := svc.Integration(ctx, userID, name)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, integration)
		}
		view, err := svc.Get(ctx, userID)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, view)
	}
}

// PutSettings replaces the client-owned keys the body names.
func PutSettings(svc *settings.Service) echo.HandlerFunc {
	return updateSettings(svc.Put)
}

// PatchSettings merges the body into the stored settings.
func PatchSettings(svc *settings.Service) echo.HandlerFunc {
	return updateSettings(svc.Patch)
}

type settingsUpdate func(ctx context.Context, userID string, body map[string]any) (map[string]any, error)

func updateSettings(update settingsUpdate) echo.HandlerFunc {
	return func(c echo.Context) error {
		var body map[string]any
		if err := decodeJSON(c, &body, false); err != nil {
			return err
		}
		saved, err := update(c.Request().Context(), middleware.UserID(c), body)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, map[string]any{
			"success": true,
			"message": "Settings updated successfully",
			"data":    map[string]any{"settings": saved},
		})
	}
}
