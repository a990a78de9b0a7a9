// Package handlers holds one small file per resource of the HTTP API.
// Handlers decode, validate, call a service or the store, and encode.
package handlers

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"spark.dev/spark/apperr"
	"spark.dev/spark/store"
)

// ErrorHandler renders every error as {"error": "<message>"}. Causes are
// logged, never shown: a client sees only messages written for it.
func ErrorHandler(logger *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		status, message := describe(err)
		if status == http.StatusServiceUnavailable && !isCode(err, apperr.NotConfigured) {
			c.Response().Header().Set("Retry-After", retryAfterSeconds)
		}
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

// retryAfterSeconds is when a client told 503 may try again: the store's
// queue of writes drains in well under that once a burst is over.
const retryAfterSeconds = "5"

// describe picks the status and the client's message for err.
func describe(err error) (int, string) {
	if e, ok := errors.AsType[*apperr.Error](err); ok {
		return statusOf(e.Code), e.Message
	}
	if errors.Is(err, store.ErrBusy) {
		return statusOf(apperr.Unavailable), "Service busy, try again shortly"
	}
	// Echo's router answers unknown routes and methods itself.
	if e, ok := errors.AsType[*echo.HTTPError](err); ok {
		if e.Code == http.StatusNotFound {
			return statusOf(apperr.NotFound), http.StatusText(e.Code)
		}
		return e.Code, http.StatusText(e.Code)
	}
	return http.StatusInternalServerError, "Internal server error"
}

func isCode(err error, code apperr.Code) bool {
	e, ok := errors.AsType[*apperr.Error](err)
	return ok && e.Code == code
}

// statusOf is the one mapping from error codes to HTTP statuses.
func statusOf(code apperr.Code) int {
	switch code {
	case apperr.Invalid:
		return http.StatusBadRequest
	case apperr.Unauthorized:
		return http.StatusUnauthorized
	case apperr.Forbidden:
		return http.StatusForbidden
	case apperr.NotFound:
		return http.StatusNotFound
	case apperr.Timeout:
		return http.StatusRequestTimeout
	case apperr.TooLarge:
		return http.StatusRequestEntityTooLarge
	case apperr.Upstream:
		return http.StatusBadGateway
	case apperr.Unavailable, apperr.NotConfigured:
		return http.StatusServiceUnavailable
	default:
		return http.StatusInternalServerError
	}
}
