package inngest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"

	"github.com/inngest/inngestgo"
)

// MarkAsLastStep returns result (a struct or map that encodes as a JSON
// object) with "isLastStep": true added: the marker of a run's final value
// that the original project's logger and frontend rely on.
func MarkAsLastStep(result any) (map[string]any, error) {
	if m, ok := result.(map[string]any); ok {
		// A map is copied, not encoded and decoded: it encodes the same.
		out := make(map[string]any, len(m)+1)
		maps.Copy(out, m)
		out["isLastStep"] = true
		return out, nil
	}
	raw, err := json.Marshal(result)
	if err != nil {
		return nil, err
	}
	out := map[string]any{}
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("final result must encode as a JSON object: %w", err)
	}
	out["isLastStep"] = true
	return out, nil
}

// MarkAsError is the final value of a handled, user-visible partial failure:
// the run completes with {"success": false, "error": message}. A failure
// that should show as Failed in Inngest (bad credentials, exhausted retries)
// is returned as an error instead.
func MarkAsError(message string, fields map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range fields {
		out[k] = v
	}
	out["success"] = false
	out["error"] = message
	out["isLastStep"] = true
	return out
}

// OnePerUser keeps two runs of one function for the same user from
// interleaving (a daily sync and a click of "sync now", say).
var OnePerUser = &inngestgo.ConfigConcurrency{
	Fn: []inngestgo.ConfigFnConcurrency{{Limit: 1, Key: inngestgo.StrPtr("event.data.userId")}},
}

// errMissingUser fails a run whose event names no user: retrying cannot help.
var errMissingUser = inngestgo.NoRetryError(errors.New("event data has no userId"))

// ForUser is the handler of a function that serves one user: handle gets
// the user the event names, and a run whose event names none fails at once.
func ForUser[D UserData](handle func(ctx context.Context, in inngestgo.Input[D], userID string) (any, error)) inngestgo.SDKFunction[D] {
	return func(ctx context.Context, in inngestgo.Input[D]) (any, error) {
		userID := in.Event.Data.User()
		if userID == "" {
			return nil, errMissingUser
		}
		return handle(ctx, in, userID)
	}
}
