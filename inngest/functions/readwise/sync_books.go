package readwise

import (
	"context"
	"fmt"
	"time"

	"github.com/inngest/inngestgo"
	"github.com/inngest/inngestgo/step"

	"spark.dev/api/inngest"
	readwiseapi "spark.dev/api/readwise"
	"spark.dev/api/readwisesync"
)

// overlap re-reads a little of what the last sync saw, so a change stamped
// just before the previous sync's newest `updated` is never missed. Upserts
// make the re-read harmless.
const overlap = 5 * time.Minute

// SyncBooks copies the user's books: all of them the first time (or with
// fullSync), afterwards only those updated since the newest one stored.
// One step per page of 1000.
func SyncBooks(c inngestgo.Client, d inngest.Deps) (inngestgo.ServableFunction, error) {
	return inngestgo.CreateFunction(c,
		inngestgo.FunctionOpts{ID: "readwise-sync-books", Name: "Readwise: sync books", Retries: inngestgo.IntPtr(8), Concurrency: inngest.OnePerUser},
		inngestgo.EventTrigger(inngest.EventSyncBooks, nil),
		func(ctx context.Context, in inngestgo.Input[inngest.SyncBooks]) (any, error) {
			userID := in.Event.Data.UserID
			if userID == "" {
				return nil, inngest.ErrMissingUser
			}
			since, err := step.Run(ctx, "plan-book-sync", func(ctx context.Context) (time.Time, error) {
				state, err := d.Store.GetReadwiseState(ctx, userID)
				if err != nil || in.Event.Data.FullSync || state.BooksUpdatedSeen.IsZero() {
					return time.Time{}, err
				}
				return state.BooksUpdatedSeen.Add(-overlap), nil
			})
			if err != nil {
				return nil, err
			}
			total := readwisesync.BooksProgress{}
			for page, next := 1, ""; page == 1 || next != ""; page++ {
				query := readwiseapi.BookQuery{UpdatedAfter: since, PageURL: next}
				progress, err := step.Run(ctx, fmt.Sprintf("books-page-%d", page), func(ctx context.Context) (readwisesync.BooksProgress, error) {
					tok, err := token(ctx, d, userID)
					if err != nil {
						return readwisesync.BooksProgress{}, err
					}
					progress, err := d.Sync.BooksPage(ctx, userID, tok, query)
					return progress, apiFailure(ctx, d, userID, err)
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
		})
}
