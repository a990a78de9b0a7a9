package middleware

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"spark.dev/api/secure"
)

// CallbackSignature lets a request through only when its X-Spark-Signature
// header signs its exact body with secret (see secure.SignCallback). The body
// is read here and restored, so the handler decodes it as usual. now is the
// clock the timestamp is checked against; nil means time.Now.
func CallbackSignature(secret []byte, now func() time.Time) echo.MiddlewareFunc {
	if now == nil {
		now = time.Now
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			// BodyLimit normally runs first; the LimitReader keeps this safe
			// without it.
			raw, err := io.ReadAll(io.LimitReader(req.Body, MaxBodyBytes+1))
			if err != nil {
				if he, ok := errors.AsType[*echo.HTTPError](err); ok {
					return he // BodyLimit's 413
				}
				return echo.NewHTTPError(http.StatusBadRequest, "Could not read request body")
			}
			if len(raw) > MaxBodyBytes {
				return echo.ErrStatusRequestEntityTooLarge
			}
			if err := secure.VerifyCallback(secret, req.Header.Get(secure.CallbackSignatureHeader), raw, now()); err != nil {
				slog.InfoContext(req.Context(), "callback rejected", "path", c.Path(), "reason", err.Error())
				return echo.NewHTTPError(http.StatusUnauthorized, "Invalid signature")
			}
			req.Body = io.NopCloser(bytes.NewReader(raw))
			return next(c)
		}
	}
}
