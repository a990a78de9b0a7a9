package readwisefn

import (
	"context"
	"fmt"
	"time"

	"github.com/inngest/inngestgo"
	"github.com/inngest/inngestgo/step"

	"spark.dev/spark/credentials"
	"spark.dev/spark/inngest"
	"spark.dev/spark/readwisesync"
	"spark.dev/spark/store"
)

// SyncHighlights copies the user's highlights. It first runs
// readwise-sync-books and waits for it, so every highlight finds its book;
// then it walks the export (deleted highlights included), incremental from
// the newest `updated` stored, one step per page of up to 1000 highlights.
// After PagesPerRun pages it continues in a new run, which resumes the walk.
func SyncHighlights(c inngestgo.Client, d inngest.Deps) (inngestgo.ServableFunction, error) {
	syncBooks := inngest.QualifiedID(c.AppID(), inngest.FunctionSyncBooks)
	return inngestgo.CreateFunction(c,
		inngestgo.FunctionOpts{ID: inngest.FunctionSyncHighlights, Name: "Readwise: sync highlights", Retries: inngestgo.IntPtr(8), Concurrency: inngest.OnePerUser},
		inngestgo.EventTrigger(inngest.EventSyncHighlights, nil),
		inngest.ForUser(func(ctx context.Context, in inngestgo.Input[inngest.SyncHighlights], userID string) (any, error) {
			data := in.Event.Data
			var walk readwisesync.HighlightWalk
			if data.Resume != nil {
				walk = *data.Resume
			} else {
				if _, err := step.Invoke[map[string]any](ctx, "sync-books", step.InvokeOpts{
					FunctionId: syncBooks,
					Data:       map[string]any{"userId": userID, "fullSync": data.FullSync},
					Timeout:    time.Hour,
				}); err != nil {
					return nil, err
				}
				planned, err := step.Run(ctx, "plan-highlight-sync", func(ctx context.Context) (readwisesync.HighlightWalk, error) {
					state, err := d.Store.GetReadwiseState(ctx, userID)
					if err != nil {
						return readwisesync.HighlightWalk{}, err
					}
					return readwisesync.NewHighlightWalk(state, data.FullSync), nil
				})
				if err != nil {
					return nil, err
				}
				walk = planned
			}

			run := readwisesync.HighlightsProgress{} // what this run's pages did
			pages := 0
			for done := false; !done && (pages == 0 || pages < d.PagesPerRun); {
				pages++
				query := walk.Query()
				progress, err := step.Run(ctx, fmt.Sprintf("highlights-page-%d", pages), func(ctx context.Context) (readwisesync.HighlightsProgress, error) {
					return inngest.WithCredential(ctx, d, userID, store.Readwise, func(cred credentials.Credential) (readwisesync.HighlightsProgress, error) {
						return d.Sync.HighlightsPage(ctx, userID, cred.Token, query)
					})
				})
				if err != nil {
					return nil, err
				}
				run = run.Add(progress)
				done = walk.Advance(progress)
			}

			hasMore := walk.Cursor != ""
			result := map[string]any{
				"success": true, "syncType": syncType(walk.Full), "pages": pages,
				"upserted": run.Upserted, "deleted": run.Deleted, "hasMoreToSync": hasMore,
			}
			if hasMore {
				next := inngest.SyncHighlights{UserID: userID, FullSync: data.FullSync, Resume: &walk}
				if _, err := step.Send(ctx, "continue-in-a-new-run", inngest.NewEvent(next, "")); err != nil {
					return nil, err
				}
			} else {
				if _, err := step.Run(ctx, "record-highlight-sync", func(ctx context.Context) (bool, error) {
					return true, d.Store.RecordHighlightSync(ctx, userID, walk.UpdatedSeen, d.Now(), walk.Full)
				}); err != nil {
					return nil, err
				}
			}
			if run.TagsChanged {
				// Readwise tags became different: bring the user's tags along.
				if _, err := step.Send(ctx, "migrate-highlight-tags", inngest.NewEvent(inngest.MigrateTags{UserID: userID}, "")); err != nil {
					return nil, err
				}
			}
			stored, err := step.Run(ctx, "count-highlights", func(ctx context.Context) (int, error) {
				return d.Store.CountHighlights(ctx, userID)
			})
			if err != nil {
				return nil, err
			}
			result["totalInDatabase"] = stored
			return inngest.MarkAsLastStep(result)
		}))
}

func syncType(full bool) string {
	if full {
		return "full"
	}
	return "incremental"
}
