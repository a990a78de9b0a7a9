package middleware

import (
	"bytes"
	"cmp"
	"io"
	"log/slog"
	"time"

	"github.com/labstack/echo/v4"

	"spark.dev/spark/apperr"
	"spark.dev/spark/secure"
	"spark.dev/spark/store"
)

var errInvalidSignature = apperr.New(apperr.Unauthorized, "Invalid signature")

// CallbackSignature lets a request through only when its X-Spark-Signature
// header signs its exact body with secret (see secure.SignCallback), and only
// the first time: nonces remembers each accepted signature until it goes
// stale, so a callback sent again is refused like a forged one. The body is
// read here and restored, so the handler decodes it as usual. now is the
// clock the timestamp is checked against; nil means time.Now. Refusals are
// logged to logger (nil: slog's default).
func CallbackSignature(secret []byte, nonces store.CallbackNonces, now func() time.Time, logger *slog.Logger) echo.MiddlewareFunc {
	if now == nil {
		now = time.Now
	}
	logger = cmp.Or(logger, slog.Default())
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			raw, err := ReadBody(req)
			if err != nil {
				return err
			}
			at := now()
			callback, err := secure.VerifyCallback(secret, req.Header.Get(secure.CallbackSignatureHeader), raw, at)
			if err != nil {
				logger.InfoContext(req.Context(), "callback rejected", "path", c.Path(), "reason", err.Error())
				return errInvalidSignature
			}
			fresh, err := nonces.UseCallbackNonce(req.Context(), callback.Nonce, callback.Expires, at)
			if err != nil {
				return err
			}
			if !fresh {
				logger.InfoContext(req.Context(), "callback rejected", "path", c.Path(), "reason", "replayed")
				return errInvalidSignature
			}
			req.Body = io.NopCloser(bytes.NewReader(raw))
			return next(c)
		}
	}
}
