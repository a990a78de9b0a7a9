// Package readwisefn holds the Inngest functions of the Readwise domain, one
// file per function.
package readwisefn

import (
	"context"
	"time"

	"github.com/inngest/inngestgo"
	"github.com/inngest/inngestgo/step"

	"spark.dev/spark/callback"
	"spark.dev/spark/credentials"
	"spark.dev/spark/inngest"
	"spark.dev/spark/store"
)

// CountBooks counts the user's Readwise books with one request and reports
// the count to the app's /api/readwise, signed.
func CountBooks(c inngestgo.Client, d inngest.Deps) (inngestgo.ServableFunction, error) {
	return inngestgo.CreateFunction(c,
		inngestgo.FunctionOpts{ID: inngest.FunctionCountBooks, Name: "Readwise: count books", Retries: inngestgo.IntPtr(3)},
		inngestgo.MultipleTriggers{
			inngestgo.EventTrigger(inngest.EventCountBooks, nil),
			inngestgo.EventTrigger(inngest.EventFetchBooks, nil),
		},
		inngest.ForUser(func(ctx context.Context, _ inngestgo.Input[inngest.CountBooks], userID string) (any, error) {
			counted, err := step.Run(ctx, "count-books", func(ctx context.Context) (callback.BookCount, error) {
				return inngest.WithCredential(ctx, d, userID, store.Readwise, func(cred credentials.Credential) (callback.BookCount, error) {
					n, err := d.Readwise.CountBooks(ctx, cred.Token)
					return callback.BookCount{UserID: userID, BookCount: n, SyncTime: d.Now().UTC().Format(time.RFC3339Nano)}, err
				})
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
		}))
}
