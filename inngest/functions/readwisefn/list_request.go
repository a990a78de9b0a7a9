package readwisefn

import (
	"context"
	"time"

	"github.com/inngest/inngestgo"
	"github.com/inngest/inngestgo/step"

	"spark.dev/spark/credentials"
	"spark.dev/spark/inngest"
	"spark.dev/spark/readwise"
	"spark.dev/spark/readwisesync"
	"spark.dev/spark/store"
)

// listThrottle keeps a user's LIST requests under Readwise's 20 a minute
// across every instance. The engine's throttle counts run starts of this
// function (GCRA, per userId): with Limit 20 a minute it lets 20 start at
// once and then one every 3 s, up to 39 in a minute; one start every 3 s
// lands on the edge of Readwise's window, and a 429's retry (a retried run
// is no new start) tips it over. One start every 4 s (15 a minute) leaves
// room for retries.
var listThrottle = &inngestgo.ConfigThrottle{
	Limit:  1,
	Period: 4 * time.Second,
	Key:    inngestgo.StrPtr("event.data.userId"),
}

// listResult is what one LIST request did: the page's progress, or the
// count, and when Readwise answered. Counts and a link, never rows.
type listResult struct {
	Page       readwisesync.BooksProgress `json:"page"`
	BookCount  int                        `json:"bookCount"`
	AnsweredAt time.Time                  `json:"answeredAt"`
}

// ListRequest makes one Readwise LIST request for a user per run, so that
// the engine's throttle, which counts run starts, counts LIST requests.
// Every LIST request Spark makes is a run of this function, invoked by
// readwise-sync-books (one per page) and readwise-count-books. The run has
// no step: the run is the request, and a retried run sends it again.
func ListRequest(c inngestgo.Client, d inngest.Deps) (inngestgo.ServableFunction, error) {
	return inngestgo.CreateFunction(c,
		inngestgo.FunctionOpts{ID: inngest.FunctionListRequest, Name: "Readwise: one LIST request", Retries: inngestgo.IntPtr(8), Throttle: listThrottle},
		inngestgo.EventTrigger(inngest.EventListRequest, nil),
		inngest.ForUser(func(ctx context.Context, in inngestgo.Input[inngest.ListRequest], userID string) (any, error) {
			req := in.Event.Data
			result, err := inngest.WithCredential(ctx, d, userID, store.Readwise, func(cred credentials.Credential) (listResult, error) {
				if req.Count {
					n, err := d.Readwise.CountBooks(ctx, cred.Token)
					return listResult{BookCount: n, AnsweredAt: d.Now()}, err
				}
				page, err := d.Sync.BooksPage(ctx, userID, cred.Token, readwise.BookQuery{UpdatedAfter: req.UpdatedAfter, PageURL: req.PageURL})
				return listResult{Page: page, AnsweredAt: d.Now()}, err
			})
			if err != nil {
				return nil, err
			}
			return inngest.MarkAsLastStep(result)
		}))
}

// invokeList runs one LIST request for the user as a run of
// readwise-list-request and waits for it; the wait includes the time the
// engine's throttle holds the run back.
func invokeList(ctx context.Context, appID, stepID string, req inngest.ListRequest) (listResult, error) {
	return step.Invoke[listResult](ctx, stepID, step.InvokeOpts{
		FunctionId: inngest.QualifiedID(appID, inngest.FunctionListRequest),
		Data:       req.Data(),
		Timeout:    time.Hour,
	})
}
