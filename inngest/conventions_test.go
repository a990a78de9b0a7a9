package inngest_test

import (
	"context"
	"testing"

	"github.com/inngest/inngestgo"
	sdkerrors "github.com/inngest/inngestgo/errors"

	"spark.dev/spark/inngest"
)

func TestForUserHandsOverTheUserAndFailsRunsThatNameNone(t *testing.T) {
	var served []string
	handler := inngest.ForUser(func(_ context.Context, _ inngestgo.Input[inngest.SyncBooks], userID string) (any, error) {
		served = append(served, userID)
		return "done", nil
	})
	input := func(userID string) inngestgo.Input[inngest.SyncBooks] {
		return inngestgo.Input[inngest.SyncBooks]{Event: inngestgo.GenericEvent[inngest.SyncBooks]{Data: inngest.SyncBooks{UserID: userID}}}
	}

	if out, err := handler(t.Context(), input("user-a")); err != nil || out != "done" {
		t.Fatalf("handler(user-a) = %v, %v", out, err)
	}
	if _, err := handler(t.Context(), input("")); !sdkerrors.IsNoRetryError(err) {
		t.Errorf("handler without a user = %v, want an error that is not retried", err)
	}
	if len(served) != 1 || served[0] != "user-a" {
		t.Errorf("served %q, want only user-a", served)
	}
}
