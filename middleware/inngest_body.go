package middleware

import (
	"bytes"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"spark.dev/spark/apperr"
)

// Bounds of a body sent to /api/inngest. The SDK reads up to 100 MiB, and
// before it checks the signature it canonicalizes the JSON in time that
// grows with the square of its depth: anyone could make it spin for
// minutes. Inngest's own requests are far shallower.
const (
	MaxInngestBodyBytes = 100 << 20
	MaxInngestBodyDepth = 512
)

var (
	errInngestBodyTooLarge = apperr.New(apperr.TooLarge, "Request body is larger than 100 MiB")
	errInngestBodyTooDeep  = apperr.New(apperr.Invalid, "Request body is nested too deeply")
)

// InngestBody reads the whole body before the SDK sees it: one that is too
// large, too deep, too slow or cut short is refused here with a JSON error,
// instead of a 500 or a stall inside the SDK.
func InngestBody() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			if req.Body == nil || req.Body == http.NoBody {
				return next(c)
			}
			if req.ContentLength > MaxInngestBodyBytes {
				return errInngestBodyTooLarge
			}
			raw, err := readBody(req, MaxInngestBodyBytes, errInngestBodyTooLarge)
			if err != nil {
				return err
			}
			if NestingDepth(raw) > MaxInngestBodyDepth {
				return errInngestBodyTooDeep
			}
			req.Body = io.NopCloser(bytes.NewReader(raw))
			req.ContentLength = int64(len(raw))
			return next(c)
		}
	}
}

// NestingDepth is the deepest nesting of JSON arrays and objects in raw, in
// one pass; brackets inside strings do not count. Invalid JSON gets a depth
// too: the SDK refuses it anyway.
func NestingDepth(raw []byte) int {
	depth, deepest := 0, 0
	inString, escaped := false, false
	for _, b := range raw {
		switch {
		case inString && escaped:
			escaped = false
		case inString && b == '\\':
			escaped = true
		case b == '"':
			inString = !inString
		case inString:
		case b == '{' || b == '[':
			depth++
			deepest = max(deepest, depth)
		case b == '}' || b == ']':
			depth--
		}
	}
	return deepest
}
