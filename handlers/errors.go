// Package handlers holds one small file per resource of the HTTP API.
// Handlers decode, validate, call a service or the store, and encode.
package handlers

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"spark.dev/api/apperr"
)

// statusOf is the one mapping from error codes to HTTP statuses.
var statusOf = map[apperr.Code]int{
	apperr.Invalid:   http.StatusBadRequest,
	apperr.Forbidden: http.StatusForbidden,
	apperr.Upstream:  http.StatusBadGateway,
	apperr.Internal:  http.StatusInternalServerError,
}

// ErrorHandler renders every error as {"error": "<message>"}. Causes are
// logged, never shown: a client sees only messages written for it.
func ErrorHandler(logger *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		status, message := describe(err)
		if status >= http.StatusInternalServerError {
			logger.Error("request failed", "method", c.Request().Method, "path", c.Path(), "status", status, "err", err)
		}
		if c.Request().Method == http.MethodHead {
			err = c.NoContent(status)
		} else {
			err = c.JSON(status, map[string]string{"error": message})
		}
		if err != nil {
			logger.Error("writing an error response", "err", err)
		}
	}
}

func describe(err error) (int, string) {
	var appErr *apperr.Error
	if errors.As(err, &appErr) {
		return statusOf[appErr.Code], appErr.Message
	}
	var httpErr *echo.HTTPError
	if errors.As(err, &httpErr) {
		switch httpErr.Code {
		case http.StatusRequestEntityTooLarge:
			return httpErr.Code, "Request body is larger than 1 MiB"
		}
		if msg, ok := httpErr.Message.(string); ok {
			return httpErr.Code, msg
		}
		return httpErr.Code, http.StatusText(httpErr.Code)
	}
	return http.StatusInternalServerError, "Internal server error"
}
