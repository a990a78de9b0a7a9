// Package bareinngest is the benchmarks' floor: one function of the app's
// count-books shape served by inngestgo alone on Echo, as the app serves its
// own, in cloud mode with signatures checked, and nothing else but a health
// route. servebench loads it beside the app; bareserve runs it as a process
// for startupbench's cold starts.
package bareinngest

import (
	"context"
	"net/http"
	"time"

	"github.com/inngest/inngestgo"
	"github.com/inngest/inngestgo/step"
	"github.com/labstack/echo/v4"
)

// The bare app imports nothing of Spark's, so that its start-up is
// inngestgo's and Echo's alone; these are the app's count-books names.
const (
	AppID      = "bare"
	FunctionID = "readwise-count-books"
	event      = "readwise/count-books"
)

type countBooksEvent struct {
	UserID string `json:"userId"`
}

// New returns the bare app's handler: /api/inngest and /api/health.
func New(signingKey string) (http.Handler, error) {
	client, err := inngestgo.NewClient(inngestgo.ClientOpts{AppID: AppID, SigningKey: inngestgo.StrPtr(signingKey), Dev: inngestgo.BoolPtr(false)})
	if err != nil {
		return nil, err
	}
	_, err = inngestgo.CreateFunction(client,
		inngestgo.FunctionOpts{ID: FunctionID, Retries: inngestgo.IntPtr(3)},
		inngestgo.EventTrigger(event, nil),
		countBooks)
	if err != nil {
		return nil, err
	}
	e := echo.New()
	e.Any("/api/inngest", echo.WrapHandler(client.Serve()))
	e.GET("/api/health", func(c echo.Context) error {
		return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
	})
	return e, nil
}

// countBooks has count-books' steps: an invoke, then a run, then the result.
func countBooks(ctx context.Context, in inngestgo.Input[countBooksEvent]) (any, error) {
	listed, err := step.Invoke[map[string]any](ctx, "count-books", step.InvokeOpts{FunctionId: "bare-readwise-list-request", Data: map[string]any{"userId": in.Event.Data.UserID}, Timeout: time.Hour})
	if err != nil {
		return nil, err
	}
	if _, err := step.Run(ctx, "report-book-count", func(ctx context.Context) (bool, error) { return true, nil }); err != nil {
		return nil, err
	}
	return map[string]any{"success": true, "bookCount": listed["bookCount"], "isLastStep": true}, nil
}
