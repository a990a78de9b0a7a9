// Package airtablefn holds the Inngest functions of the Airtable domain.
package airtablefn

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/inngest/inngestgo"
	"github.com/inngest/inngestgo/step"

	"spark.dev/spark/airtableimport"
	"spark.dev/spark/credentials"
	"spark.dev/spark/inngest"
	"spark.dev/spark/store"
)

// ImportSparks imports the user's Airtable table of sparks, one step per
// page of 100 records, each a run of airtable-page-request under the
// engine's throttle. When Airtable expires an offset the walk starts
// again from the first page; pages counted before are walked through
// (importing them again creates nothing) without being counted twice.
// The last run of an import records its summary for the settings.
func ImportSparks(c inngestgo.Client, d inngest.Deps) (inngestgo.ServableFunction, error) {
	return inngestgo.CreateFunction(c,
		inngestgo.FunctionOpts{ID: inngest.FunctionImportSparks, Name: "Airtable: import sparks", Retries: inngestgo.IntPtr(8), Concurrency: inngest.OnePerUser},
		inngestgo.EventTrigger(inngest.EventImportSparks, nil),
		inngest.ForUser(func(ctx context.Context, in inngestgo.Input[inngest.ImportSparks], userID string) (any, error) {
			walk := airtableimport.Walk{}
			if in.Event.Data.Resume != nil {
				walk = *in.Event.Data.Resume
			}
			for n, done := 1, false; !done; n++ {
				if n > d.PagesPerRun {
					next := inngest.ImportSparks{UserID: userID, Resume: &walk}
					if _, err := step.Send(ctx, "continue-in-a-new-run", inngest.NewEvent(next, "")); err != nil {
						return nil, err
					}
					return inngest.MarkAsLastStep(importResult(walk.Total, true))
				}
				from := walk.Offset
				page, err := invokePage(ctx, c.AppID(), fmt.Sprintf("records-page-%d", n), inngest.AirtablePage{UserID: userID, Offset: from})
				if err != nil {
					return nil, err
				}
				if done, err = walk.Advance(page); err != nil {
					return nil, inngestgo.NoRetryError(err)
				}
			}
			total := walk.Total
			if _, err := step.Run(ctx, "record-import", func(ctx context.Context) (bool, error) {
				return true, recordImport(ctx, d, userID, total)
			}); err != nil {
				return nil, err
			}
			return inngest.MarkAsLastStep(importResult(total, false))
		}))
}

// importResult is a run's final value: the counters of the whole import so
// far, and whether a new run carries it on.
func importResult(total airtableimport.Progress, hasMore bool) map[string]any {
	return map[string]any{
		"success": true, "totalRecords": total.TotalRecords, "importedRecords": total.ImportedRecords,
		"skippedDuplicates": total.SkippedDuplicates, "skippedNoUid": total.SkippedNoUID,
		"skippedNoContent": total.SkippedNoContent, "skippedNoCategory": total.SkippedNoCategory,
		"skippedNoTags": total.SkippedNoTags, "newCategories": nonNil(total.NewCategories), "newTags": nonNil(total.NewTags),
		"hasMoreToImport": hasMore,
	}
}

// recordImport stores the summary the settings show as lastImport.
func recordImport(ctx context.Context, d inngest.Deps, userID string, total airtableimport.Progress) error {
	cred, err := d.Vault.Get(ctx, userID, store.Airtable)
	if err != nil && !errors.Is(err, credentials.ErrMissing) {
		return err
	}
	summary, err := json.Marshal(map[string]any{
		"date":         d.Now().UTC().Format(time.RFC3339),
		"totalRecords": total.TotalRecords,
		"imported":     total.ImportedRecords,
		"skipped": map[string]int{
			"duplicates": total.SkippedDuplicates, "noUid": total.SkippedNoUID, "noContent": total.SkippedNoContent,
			"noCategory": total.SkippedNoCategory, "noTags": total.SkippedNoTags,
		},
		"baseId":  cred.BaseID,
		"tableId": cred.TableID,
	})
	if err != nil {
		return err
	}
	return d.Store.RecordAirtableImport(ctx, userID, summary)
}

func nonNil(names []string) []string {
	if names == nil {
		return []string{}
	}
	return names
}
