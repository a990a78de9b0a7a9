package middleware

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"spark.dev/spark/apperr"
)

// BodyTimeout is how long an API request body may take to arrive in full,
// counted from when its headers were read, so a client that trickles a body
// cannot hold a connection and its goroutine for longer. A full 1 MiB body
// needs about 70 KB/s.
const BodyTimeout = 15 * time.Second

var errBodyTooSlow = apperr.New(apperr.Timeout, "Request body took too long to arrive")

// BodyDeadline gives a request body timeout to arrive, or slower[route] on
// the routes listed there; ReadBody answers a read past it with 408. Where the
// response writer takes no read deadline (http.ErrNotSupported) it does
// nothing: the body is then read by whatever serves the app.
func BodyDeadline(timeout time.Duration, slower map[string]time.Duration) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			// net/http lifts the read deadline when it starts watching for
			// the client going away: at the end of the body, or before the
			// handler when there is none. A deadline set after that would
			// fire under the watch and cancel the request's context.
			if req.Body == nil || req.Body == http.NoBody {
				return next(c)
			}
			d, ok := slower[c.Path()]
			if !ok {
				d = timeout
			}
			_ = http.NewResponseController(c.Response()).SetReadDeadline(time.Now().Add(d)) // or http.ErrNotSupported
			return next(c)
		}
	}
}
