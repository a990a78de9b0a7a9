package middleware

import (
	"bytes"
	"io"
	"log/slog"
	"time"

	"github.com/labstack/echo/v4"

	"spark.dev/spark/apperr"
	"spark.dev/spark/secure"
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
			raw, err := ReadBody(req)
			if err != nil {
				return err
			}
			if err := secure.VerifyCallback(secret, req.Header.Get(secure.CallbackSignatureHeader), raw, now()); err != nil {
				slog.InfoContext(req.Context(), "callback rejected", "path", c.Path(), "reason", err.Error())
				return apperr.New(apperr.Unauthorized, "Invalid signature")
			}
			req.Body = io.NopCloser(bytes.NewReader(raw))
			return next(c)
		}
	}
}
