// Package tagsfn holds the Inngest functions that maintain user tags.
package tagsfn

import (
	"context"
	"fmt"

	"github.com/inngest/inngestgo"
	"github.com/inngest/inngestgo/step"

	"spark.dev/spark/inngest"
	"spark.dev/spark/naming"
	"spark.dev/spark/store"
)

// highlightsPerStep bounds one step: a page of highlights in one transaction.
const highlightsPerStep = 1000

// MigrateHighlightTags turns the Readwise tags on the user's highlights into
// user tags linked to their highlights (created_by "readwise"), one step per
// page of highlights. It makes the links equal to the tags, so running it
// again changes nothing.
func MigrateHighlightTags(c inngestgo.Client, d inngest.Deps) (inngestgo.ServableFunction, error) {
	return inngestgo.CreateFunction(c,
		inngestgo.FunctionOpts{ID: inngest.FunctionMigrateTags, Name: "Tags: migrate highlight tags", Retries: inngestgo.IntPtr(5), Concurrency: inngest.OnePerUser},
		inngestgo.EventTrigger(inngest.EventMigrateTags, nil),
		inngest.ForUser(func(ctx context.Context, _ inngestgo.Input[inngest.MigrateTags], userID string) (any, error) {
			total := store.TagMigration{}
			// A full page may have more after it; a short one is the last.
			for page, more := 1, true; more; page++ {
				after := total.LastRWID
				done, err := step.Run(ctx, fmt.Sprintf("highlights-page-%d", page), func(ctx context.Context) (store.TagMigration, error) {
					return d.Store.MigrateHighlightTags(ctx, userID, after, highlightsPerStep, naming.Tag)
				})
				if err != nil {
					return nil, err
				}
				more = done.Highlights == highlightsPerStep
				total = store.TagMigration{
					Highlights:   total.Highlights + done.Highlights,
					LastRWID:     max(total.LastRWID, done.LastRWID),
					LinksCreated: total.LinksCreated + done.LinksCreated,
					LinksRemoved: total.LinksRemoved + done.LinksRemoved,
					TagsCreated:  total.TagsCreated + done.TagsCreated,
				}
			}
			unique, err := step.Run(ctx, "count-tags", func(ctx context.Context) (int, error) {
				return d.Store.CountReadwiseTags(ctx, userID)
			})
			if err != nil {
				return nil, err
			}
			return inngest.MarkAsLastStep(map[string]any{
				"success": true, "migrated": total.LinksCreated, "removed": total.LinksRemoved,
				"tagsCreated": total.TagsCreated, "uniqueTags": unique, "highlights": total.Highlights,
			})
		}))
}
