package readwisefn

import (
	"context"
	"errors"

	"github.com/inngest/inngestgo"
	"github.com/inngest/inngestgo/step"

	"spark.dev/spark/credentials"
	"spark.dev/spark/inngest"
	"spark.dev/spark/store"
)

// TestConnection checks the user's Readwise token (GET /auth/) and records
// whether it works. A rejected or missing token is the answer the user asked
// for, so the run completes with {success: false, error}.
func TestConnection(c inngestgo.Client, d inngest.Deps) (inngestgo.ServableFunction, error) {
	return inngestgo.CreateFunction(c,
		inngestgo.FunctionOpts{ID: inngest.FunctionTestConnection, Name: "Readwise: test connection", Retries: inngestgo.IntPtr(3)},
		inngestgo.EventTrigger(inngest.EventTestConnection, nil),
		inngest.ForUser(func(ctx context.Context, _ inngestgo.Input[inngest.TestConnection], userID string) (any, error) {
			problem, err := step.Run(ctx, "test-readwise-connection", func(ctx context.Context) (string, error) {
				_, err := inngest.WithCredential(ctx, d, userID, store.Readwise, func(cred credentials.Credential) (struct{}, error) {
					return struct{}{}, d.Readwise.CheckToken(ctx, cred.Token)
				})
				if rejected, ok := errors.AsType[*inngest.RejectedError](err); ok {
					return rejected.Error(), nil // recorded already
				}
				if err != nil {
					return "", err
				}
				return "", d.Store.RecordConnection(ctx, userID, store.Readwise, true, "")
			})
			if err != nil {
				return nil, err
			}
			if problem != "" {
				return inngest.MarkAsError(problem, nil), nil
			}
			return inngest.MarkAsLastStep(map[string]any{"success": true})
		}))
}
