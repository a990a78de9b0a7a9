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

// SyncHighlights copies the user's highlights. It first runs
// readwise-sync-books and waits for it, so every highlight finds its book;
// then it walks the export (deleted highlights included), incremental from
// the newest `updated` stored, one step per page of up to 1000 highlights.
// After PagesPerRun pages it continues in a new run, which resumes the walk.
func SyncHighlights(c inngestgo.Client, d inngest.Deps) (inngestgo.ServableFunction, error) {
	syncBooksID := c.AppID() + "-readwise-sync-books"
	return inngestgo.CreateFunction(c,
		inngestgo.FunctionOpts{ID: "readwise-sync-highlights", Name: "Readwise: sync highlights", Retries: inngestgo.IntPtr(8), Concurrency: inngest.OnePerUser},
		inngestgo.EventTrigger(inngest.EventSyncHighlights, nil),
		func(ctx context.Context, in inngestgo.Input[inngest.SyncHighlights]) (any, error) {
			data := in.Event.Data
			if data.UserID == "" {
				return nil, inngest.ErrMissingUser
			}
			walk := data.Resume
			if walk == nil {
				if _, err := step.Invoke[map[string]any](ctx, "sync-books", step.InvokeOpts{
					FunctionId: syncBooksID,
					Data:       map[string]any{"userId": data.UserID, "fullSync": data.FullSync},
					Timeout:    time.Hour,
				}); err != nil {
					return nil, err
				}
				planned, err := step.Run(ctx, "plan-highlight-sync", func(ctx context.Context) (inngest.SyncResume, error) {
					return planHighlightSync(ctx, d, data)
				})
				if err != nil {
					return nil, err
				}
				walk = &planned
			}

			total := readwisesync.HighlightsProgress{NextCursor: walk.Cursor, UpdatedSeen: walk.UpdatedSeen}
			pages := 0
			for pages == 0 || (total.NextCursor != "" && pages < d.PagesPerRun) {
				pages++
				query := readwiseapi.ExportQuery{UpdatedAfter: walk.UpdatedAfter, Cursor: total.NextCursor}
				progress, err := step.Run(ctx, fmt.Sprintf("highlights-page-%d", pages), func(ctx context.Context) (readwisesync.HighlightsProgress, error) {
					tok, err := token(ctx, d, data.UserID)
					if err != nil {
						return readwisesync.HighlightsProgress{}, err
					}
					progress, err := d.Sync.HighlightsPage(ctx, data.UserID, tok, query)
					return progress, apiFailure(ctx, d, data.UserID, err)
				})
				if err != nil {
					return nil, err
				}
				total = total.Add(progress)
			}

			hasMore := total.NextCursor != ""
			result := map[string]any{
				"success": true, "syncType": syncType(walk.Full), "pages": pages,
				"upserted": total.Upserted, "deleted": total.Deleted, "hasMoreToSync": hasMore,
			}
			if hasMore {
				next := inngest.SyncHighlights{UserID: data.UserID, FullSync: data.FullSync, Resume: &inngest.SyncResume{
					Cursor: total.NextCursor, UpdatedAfter: walk.UpdatedAfter, UpdatedSeen: total.UpdatedSeen, Full: walk.Full,
				}}
				if _, err := step.Send(ctx, "continue-in-a-new-run", inngest.NewEvent(next, "")); err != nil {
					return nil, err
				}
			} else {
				if _, err := step.Run(ctx, "record-highlight-sync", func(ctx context.Context) (bool, error) {
					return true, d.Store.RecordHighlightSync(ctx, data.UserID, total.UpdatedSeen, d.Now(), walk.Full)
				}); err != nil {
					return nil, err
				}
			}
			if total.TagsChanged {
				// Readwise tags became different: bring the user's tags along.
				if _, err := step.Send(ctx, "migrate-highlight-tags", inngest.NewEvent(inngest.MigrateTags{UserID: data.UserID}, "")); err != nil {
					return nil, err
				}
			}
			stored, err := step.Run(ctx, "count-highlights", func(ctx context.Context) (int, error) {
				return d.Store.CountHighlights(ctx, data.UserID)
			})
			if err != nil {
				return nil, err
			}
			result["totalInDatabase"] = stored
			return inngest.MarkAsLastStep(result)
		})
}

// planHighlightSync decides where the export walk starts: from the
// beginning for a full sync (asked for, or never done), else a little
// before the newest `updated` stored.
func planHighlightSync(ctx context.Context, d inngest.Deps, data inngest.SyncHighlights) (inngest.SyncResume, error) {
	state, err := d.Store.GetReadwiseState(ctx, data.UserID)
	if err != nil {
		return inngest.SyncResume{}, err
	}
	if data.FullSync || !state.FullSyncDone || state.HighlightsCursor.IsZero() {
		return inngest.SyncResume{Full: true}, nil
	}
	return inngest.SyncResume{UpdatedAfter: state.HighlightsCursor.Add(-overlap), UpdatedSeen: state.HighlightsCursor}, nil
}

func syncType(full bool) string {
	if full {
		return "full"
	}
	return "incremental"
}
