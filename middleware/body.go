package middleware

import (
	"errors"
	"io"
	"net/http"
	"os"

	"github.com/labstack/echo/v4"

	"spark.dev/spark/apperr"
)

// MaxBodyBytes bounds every API request body (1 MiB); larger ones get 413.
const MaxBodyBytes = 1 << 20

var errBodyTooLarge = apperr.New(apperr.TooLarge, "Request body is larger than 1 MiB")

// BodyLimit refuses bodies over MaxBodyBytes, whether or not they declare
// their length.
func BodyLimit() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			if req.ContentLength > MaxBodyBytes {
				return errBodyTooLarge
			}
			req.Body = &limitedBody{ReadCloser: req.Body}
			return next(c)
		}
	}
}

// limitedBody fails the read that takes a body past MaxBodyBytes.
type limitedBody struct {
	io.ReadCloser
	read int64
}

func (b *limitedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.read += int64(n)
	if b.read > MaxBodyBytes {
		return n, errBodyTooLarge
	}
	return n, err
}

// ReadBody reads the whole request body. A body over MaxBodyBytes is a 413
// even where BodyLimit does not run; one still arriving at BodyDeadline's
// deadline is a 408; a read that fails otherwise (the client went away) is a
// 400.
func ReadBody(req *http.Request) ([]byte, error) {
	return readBody(req, MaxBodyBytes, errBodyTooLarge)
}

// readBody reads at most limit bytes of the body, failing with tooLarge past
// them.
func readBody(req *http.Request, limit int64, tooLarge error) ([]byte, error) {
	raw, err := io.ReadAll(io.LimitReader(req.Body, limit+1))
	if err != nil {
		if _, ok := errors.AsType[*apperr.Error](err); ok {
			return nil, err // BodyLimit's 413
		}
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return nil, errBodyTooSlow
		}
		return nil, apperr.Wrap(apperr.Invalid, "Could not read the request body", err)
	}
	if int64(len(raw)) > limit {
		return nil, tooLarge
	}
	return raw, nil
}
