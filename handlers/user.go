package handlers

import (
	"github.com/labstack/echo/v4"

	"spark.dev/spark/apperr"
	"spark.dev/spark/middleware"
)

// actingUser is the token's subject. A body naming another user is refused:
// the user id always comes from the token, never from the body.
func actingUser(c echo.Context, bodyUserID *string) (string, error) {
	userID := middleware.UserID(c)
	if bodyUserID != nil && *bodyUserID != "" && *bodyUserID != userID {
		return "", apperr.New(apperr.Forbidden, "Unauthorized: Cannot access another user's data")
	}
	return userID, nil
}
