package readwisefn

import (
	"context"
	"fmt"
	"time"

	"github.com/inngest/inngestgo"
	"github.com/inngest/inngestgo/step"

	"spark.dev/spark/credentials"
	"spark.dev/spark/inngest"
	"spark.dev/spark/readwise"
	"spark.dev/spark/readwisesync"
	"spark.dev/spark/store"
)

// SyncBooks copies the user's books: all of them the first time (or with
// fullSync), afterwards only those updated since the newest one stored.
// One step per page of 1000.
func SyncBooks(c inngestgo.Client, d inngest.Deps) (inngestgo.ServableFunction, error) {
	return inngestgo.CreateFunction(c,
		inngestgo.FunctionOpts{ID: inngest.FunctionSyncBooks, Name: "Readwise: sync books", Retries: inngestgo.IntPtr(8), Concurrency: inngest.OnePerUser},
		inngestgo.EventTrigger(inngest.EventSyncBooks, nil),
		inngest.ForUser(func(ctx context.Context, in inngestgo.Input[inngest.SyncBooks], userID string) (any, error) {
			since, err := step.Run(ctx, "plan-book-sync", func(ctx context.Context) (time.Time, error) {
				state, err := d.Store.GetReadwiseState(ctx, userID)
				if err != nil {
					return time.Time{}, err
				}
				return readwisesync.BooksUpdatedAfter(state, in.Event.Data.FullSync), nil
			})
			if err != nil {
				return nil, err
			}
			total := readwisesync.BooksProgress{}
			for page, next := 1, ""; page == 1 || next != ""; page++ {
				query := readwise.BookQuery{UpdatedAfter: since, PageURL: next}
				progress, err := step.Run(ctx, fmt.Sprintf("books-page-%d", page), func(ctx context.Context) (readwisesync.BooksProgress, error) {
					return inngest.WithCredential(ctx, d, userID, store.Readwise, func(cred credentials.Credential) (readwisesync.BooksProgress, error) {
						return d.Sync.BooksPage(ctx, userID, cred.Token, query)
					})
				})
				if err != nil {
					return nil, err
				}
				total = total.Add(progress)
				next = progress.Next
			}
			if _, err := step.Run(ctx, "record-book-sync", func(ctx context.Context) (bool, error) {
				return true, d.Store.RecordBookSync(ctx, userID, total.UpdatedSeen, d.Now())
			}); err != nil {
				return nil, err
			}
			return inngest.MarkAsLastStep(map[string]any{
				"success": true, "readwiseBooks": total.Books, "imported": total.Imported, "updated": total.Updated,
			})
		}))
}
