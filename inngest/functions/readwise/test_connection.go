package readwise

import (
	"context"
	"errors"

	"github.com/inngest/inngestgo"
	"github.com/inngest/inngestgo/step"

	"spark.dev/api/credentials"
	"spark.dev/api/inngest"
	readwiseapi "spark.dev/api/readwise"
	"spark.dev/api/store"
)

// TestConnection checks the user's Readwise token (GET /auth/) and records
// whether it works. A rejected or missing token is the answer the user asked
// for, so the run completes with {success: false, error}.
func TestConnection(c inngestgo.Client, d inngest.Deps) (inngestgo.ServableFunction, error) {
	return inngestgo.CreateFunction(c,
		inngestgo.FunctionOpts{ID: "readwise-connection-test", Name: "Readwise: test connection", Retries: inngestgo.IntPtr(3)},
		inngestgo.EventTrigger(inngest.EventTestConnection, nil),
		func(ctx context.Context, in inngestgo.Input[inngest.TestConnection]) (any, error) {
			userID := in.Event.Data.UserID
			if userID == "" {
				return nil, inngest.ErrMissingUser
			}
			problem, err := step.Run(ctx, "test-readwise-connection", func(ctx context.Context) (string, error) {
				tok, err := d.Vault.Token(ctx, userID, store.Readwise)
				if errors.Is(err, credentials.ErrMissing) {
					return recordConnection(ctx, d, userID, errNoToken)
				}
				if err != nil {
					return "", err
				}
				err = d.Readwise.CheckToken(ctx, tok)
				var unauthorized *readwiseapi.UnauthorizedError
				if errors.As(err, &unauthorized) {
					return recordConnection(ctx, d, userID, err)
				}
				if err != nil {
					return "", apiFailure(ctx, d, userID, err)
				}
				return recordConnection(ctx, d, userID, nil)
			})
			if err != nil {
				return nil, err
			}
			if problem != "" {
				return inngest.MarkAsError(problem, nil), nil
			}
			return inngest.MarkAsLastStep(map[string]any{"success": true})
		})
}

// recordConnection stores the outcome and returns the user-facing problem
// ("" when the token works).
func recordConnection(ctx context.Context, d inngest.Deps, userID string, problem error) (string, error) {
	message := ""
	if problem != nil {
		message = problem.Error()
	}
	return message, d.Store.RecordConnection(ctx, userID, problem == nil, message)
}
