package readwisefn

import (
	"context"
	"fmt"
	"time"

	"github.com/inngest/inngestgo"
	"github.com/inngest/inngestgo/step"

	"spark.dev/spark/inngest"
	"spark.dev/spark/readwisesync"
)

// SyncBooks copies the user's books: all of them the first time (or with
// fullSync), afterwards only those updated since the newest one stored.
// Each page of 1000 is one run of readwise-list-request, invoked and
// waited for, so the engine's throttle paces the pages.
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
				req := inngest.ListRequest{UserID: userID, UpdatedAfter: since, PageURL: next}
				listed, err := invokeList(ctx, c.AppID(), fmt.Sprintf("books-page-%d", page), req)
				if err != nil {
					return nil, err
				}
				total = total.Add(listed.Page)
				next = listed.Page.Next
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
