// Package readwisefn holds the Inngest functions of the Readwise domain, one
// file per function.
package readwisefn

import (
	"context"
	"time"

	"github.com/inngest/inngestgo"
	"github.com/inngest/inngestgo/step"

	"spark.dev/spark/callback"
	"spark.dev/spark/inngest"
)

// CountBooks counts the user's Readwise books with one LIST request (a run
// of readwise-list-request, under its throttle) and reports the count to
// the app's /api/readwise, signed.
func CountBooks(c inngestgo.Client, d inngest.Deps) (inngestgo.ServableFunction, error) {
	return inngestgo.CreateFunction(c,
		inngestgo.FunctionOpts{ID: inngest.FunctionCountBooks, Name: "Readwise: count books", Retries: inngestgo.IntPtr(3)},
		inngestgo.MultipleTriggers{
			inngestgo.EventTrigger(inngest.EventCountBooks, nil),
			inngestgo.EventTrigger(inngest.EventFetchBooks, nil),
		},
		inngest.ForUser(func(ctx context.Context, _ inngestgo.Input[inngest.CountBooks], userID string) (any, error) {
			listed, err := invokeList(ctx, c.AppID(), "count-books", inngest.ListRequest{UserID: userID, Count: true})
			if err != nil {
				return nil, err
			}
			counted := callback.BookCount{UserID: userID, BookCount: listed.BookCount, SyncTime: listed.AnsweredAt.UTC().Format(time.RFC3339Nano)}
			if _, err := step.Run(ctx, "report-book-count", func(ctx context.Context) (bool, error) {
				return true, d.Callback.ReportBookCount(ctx, counted)
			}); err != nil {
				return nil, err
			}
			return inngest.MarkAsLastStep(map[string]any{"success": true, "bookCount": counted.BookCount})
		}))
}
