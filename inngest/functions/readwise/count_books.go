package readwise

import (
	"context"
	"time"

	"github.com/inngest/inngestgo"
	"github.com/inngest/inngestgo/step"

	"spark.dev/api/callback"
	"spark.dev/api/inngest"
)

// CountBooks counts the user's Readwise books with one request and reports
// the count to the app's /api/readwise, signed.
func CountBooks(c inngestgo.Client, d inngest.Deps) (inngestgo.ServableFunction, error) {
	return inngestgo.CreateFunction(c,
		inngestgo.FunctionOpts{ID: "readwise-count-books", Name: "Readwise: count books", Retries: inngestgo.IntPtr(3)},
		inngestgo.MultipleTriggers{
			inngestgo.EventTrigger(inngest.EventCountBooks, nil),
			inngestgo.EventTrigger(inngest.EventFetchBooks, nil),
		},
		func(ctx context.Context, in inngestgo.Input[inngest.CountBooks]) (any, error) {
			userID := in.Event.Data.UserID
			if userID == "" {
				return nil, inngest.ErrMissingUser
			}
			counted, err := step.Run(ctx, "count-books", func(ctx context.Context) (callback.BookCount, error) {
				tok, err := token(ctx, d, userID)
				if err != nil {
					return callback.BookCount{}, err
				}
				n, err := d.Readwise.CountBooks(ctx, tok)
				if err != nil {
					return callback.BookCount{}, apiFailure(ctx, d, userID, err)
				}
				return callback.BookCount{UserID: userID, BookCount: n, SyncTime: d.Now().UTC().Format(time.RFC3339Nano)}, nil
			})
			if err != nil {
				return nil, err
			}
			if _, err := step.Run(ctx, "report-book-count", func(ctx context.Context) (bool, error) {
				return true, d.Callback.ReportBookCount(ctx, counted)
			}); err != nil {
				return nil, err
			}
			return inngest.MarkAsLastStep(map[string]any{"success": true, "bookCount": counted.BookCount})
		})
}
