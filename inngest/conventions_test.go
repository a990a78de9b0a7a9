package inngest_test

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"time"

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

func TestMarkAsLastStepEncodesAsTheResultWithTheMarker(t *testing.T) {
	type counted struct {
		Success   bool `json:"success"`
		BookCount int  `json:"bookCount"`
	}
	given := map[string]any{"success": true, "bookCount": 3}
	for _, result := range []any{given, counted{true, 3}} {
		out, err := inngest.MarkAsLastStep(result)
		if err != nil {
			t.Fatalf("%T: %v", result, err)
		}
		if raw, _ := json.Marshal(out); string(raw) != `{"bookCount":3,"isLastStep":true,"success":true}` {
			t.Errorf("%T: encodes as %s", result, raw)
		}
	}
	if _, marked := given["isLastStep"]; marked {
		t.Error("MarkAsLastStep changed the caller's map")
	}
	if _, err := inngest.MarkAsLastStep([]int{1}); err == nil {
		t.Error("a result that is not a JSON object was taken")
	}
}

// Data must be what the request's JSON decodes to: the invoked run reads
// its event data back into a ListRequest.
func TestListRequestDataIsItsJSON(t *testing.T) {
	full := inngest.ListRequest{UserID: "u", Count: true, UpdatedAfter: time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC), PageURL: "https://readwise.io/api/v2/books/?page=2"}
	v := reflect.ValueOf(full)
	for i := range v.NumField() {
		if v.Field(i).IsZero() {
			t.Fatalf("the full request leaves %s unset: set it, and make Data carry it", v.Type().Field(i).Name)
		}
	}
	for _, req := range []inngest.ListRequest{{UserID: "u"}, full} {
		want, _ := json.Marshal(req)
		got, err := json.Marshal(req.Data())
		if err != nil {
			t.Fatal(err)
		}
		var a, b any
		_ = json.Unmarshal(want, &a)
		_ = json.Unmarshal(got, &b)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("Data() encodes as %s, the request as %s", got, want)
		}
	}
}
