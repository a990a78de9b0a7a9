package airtablefn

import (
	"context"
	"time"

	"github.com/inngest/inngestgo"
	"github.com/inngest/inngestgo/step"

	"spark.dev/spark/airtableimport"
	"spark.dev/spark/credentials"
	"spark.dev/spark/inngest"
	"spark.dev/spark/store"
)

// pageThrottle keeps a user's Airtable requests under Airtable's 5 a second
// per base across every instance (a user imports one base). The engine's
// throttle counts run starts of this function (GCRA, per userId): with
// Limit 2 a second it lets 2 start at once and then one every 500 ms, at
// most 3 in any second, which leaves room for a 429's retry (a retried run
// is no new start).
var pageThrottle = &inngestgo.ConfigThrottle{
	Limit:  2,
	Period: time.Second,
	Key:    inngestgo.StrPtr("event.data.userId"),
}

// PageRequest imports one page of the user's Airtable table per run, so that
// the engine's throttle, which counts run starts, counts Airtable requests.
// Every page airtable-import-sparks reads is a run of this function. The run
// has no step: the run is the request, and a retried run sends it again
// (importing a page again creates nothing).
func PageRequest(c inngestgo.Client, d inngest.Deps) (inngestgo.ServableFunction, error) {
	return inngestgo.CreateFunction(c,
		inngestgo.FunctionOpts{ID: inngest.FunctionAirtablePage, Name: "Airtable: one page", Retries: inngestgo.IntPtr(8), Throttle: pageThrottle},
		inngestgo.EventTrigger(inngest.EventAirtablePage, nil),
		inngest.ForUser(func(ctx context.Context, in inngestgo.Input[inngest.AirtablePage], userID string) (any, error) {
			return inngest.WithCredential(ctx, d, userID, store.Airtable, func(cred credentials.Credential) (airtableimport.Progress, error) {
				return d.Import.Page(ctx, userID, cred, in.Event.Data.Offset)
			})
		}))
}

// invokePage imports one page as a run of airtable-page-request and waits
// for it; the wait includes the time the engine's throttle holds it back.
func invokePage(ctx context.Context, appID, stepID string, req inngest.AirtablePage) (airtableimport.Progress, error) {
	return step.Invoke[airtableimport.Progress](ctx, stepID, step.InvokeOpts{
		FunctionId: inngest.QualifiedID(appID, inngest.FunctionAirtablePage),
		Data:       map[string]any{"userId": req.UserID, "offset": req.Offset},
		Timeout:    time.Hour,
	})
}
