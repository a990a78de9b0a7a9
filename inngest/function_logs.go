package inngest

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/inngest/inngestgo"
	sdkerrors "github.com/inngest/inngestgo/errors"
	"github.com/inngest/inngestgo/middleware"

	"spark.dev/spark/secure"
	"spark.dev/spark/store"
)

// unlogged are functions whose runs get no function_logs row: a run of
// readwise-list-request or airtable-page-request is one page of a sync or
// an import (or a count) that the caller's own row already reports, and a
// 25-page sync would otherwise show the user 25 rows of plumbing. Its
// failure reaches the caller's row.
var unlogged = map[string]bool{FunctionListRequest: true, FunctionAirtablePage: true}

// inngestDefaultRetries is what Inngest uses when a function sets none.
const inngestDefaultRetries = 3

// FunctionLogs is the client middleware that keeps one function_logs row per
// run for every function: "started" with the latest step's output as
// progress, then "completed" with the final result or "failed" with the
// error once the run cannot retry any more. Each request of a run writes
// once, when it has its outcome: that write inserts the run's row if this
// is its first request (or an earlier one's write was lost). A failure to
// write a log is logged and never fails the run.
func FunctionLogs(appID string, s store.Store, logger *slog.Logger, now func() time.Time) func() middleware.Middleware {
	return func() middleware.Middleware {
		return &functionLog{appID: appID, store: s, logger: logger, now: now}
	}
}

// functionLog lives for one request of one run.
type functionLog struct {
	middleware.BaseMiddleware
	appID   string
	store   store.Store
	logger  *slog.Logger
	now     func() time.Time
	event   *inngestgo.Event
	arrived time.Time // when this request came: the run's start, if it is the first
	written bool
}

func (m *functionLog) TransformInput(_ context.Context, _ middleware.CallContext, input *middleware.TransformableInput) {
	m.event, m.arrived = input.Event, m.now()
}

func (m *functionLog) TransformOutput(ctx context.Context, call middleware.CallContext, out *middleware.TransformableOutput) {
	switch {
	case out.Error != nil:
		m.failure(ctx, call, out.Error)
	case isLastStep(out.Result):
		m.write(ctx, call, store.RunCompleted, out.Result, "")
	default:
		m.write(ctx, call, store.RunStarted, out.Result, "")
	}
}

func (m *functionLog) OnPanic(ctx context.Context, call middleware.CallContext, recovered any, _ string) {
	m.failure(ctx, call, fmt.Errorf("function panicked: %v", recovered))
}

// failure records err: as the run's end when Inngest will not retry it,
// else as progress.
func (m *functionLog) failure(ctx context.Context, call middleware.CallContext, err error) {
	if retriesLeft(call, err) {
		m.write(ctx, call, store.RunStarted, nil, err.Error())
		return
	}
	m.write(ctx, call, store.RunFailed, nil, err.Error())
}

// write records the request's outcome, once per request.
func (m *functionLog) write(ctx context.Context, call middleware.CallContext, status string, result any, message string) {
	if m.written || call.RunID == "" || unlogged[call.FunctionOpts.ID] {
		return
	}
	m.written = true
	// The original frontend filters function_name by function id.
	entry := store.FunctionLog{
		RunID:        call.RunID,
		FunctionID:   QualifiedID(m.appID, call.FunctionOpts.ID),
		FunctionName: call.FunctionOpts.ID,
		Status:       status,
		StartedAt:    m.arrived,
		Result:       encode(result),
		ErrorMessage: message,
	}
	if status != store.RunStarted {
		entry.CompletedAt = m.now()
	}
	if m.event != nil {
		entry.EventName = m.event.Name
		entry.UserID = userOf(m.event.Data)
		entry.Input = encode(map[string]any{"eventName": m.event.Name, "data": redact(m.event.Data)})
	}
	if err := m.store.WriteFunctionLog(ctx, entry); err != nil {
		m.logger.ErrorContext(ctx, "writing the function log", "status", status, "function", call.FunctionOpts.ID, "run", call.RunID, "err", err)
	}
}

// retriesLeft reports whether Inngest will run this step or function again
// after err. Spark's functions return step errors as they come, so a step
// that cannot retry means the run fails.
func retriesLeft(call middleware.CallContext, err error) bool {
	if sdkerrors.IsNoRetryError(err) || sdkerrors.IsStepError(err) {
		return false
	}
	retries := inngestDefaultRetries
	if call.FunctionOpts.Retries != nil {
		retries = *call.FunctionOpts.Retries
	}
	return call.Attempt < retries
}

func isLastStep(result any) bool {
	m, ok := result.(map[string]any)
	return ok && m["isLastStep"] == true
}

// userOf is the user a run serves: the event's userId, or whoever asked.
func userOf(data map[string]any) string {
	for _, key := range []string{"userId", "requestedBy"} {
		if id, ok := data[key].(string); ok && id != "" {
			return id
		}
	}
	return ""
}

// redact removes anything that looks like a secret, and Inngest's own
// bookkeeping. Spark's events carry no secret, but a log must not be where
// one leaks if an event ever does.
func redact(data map[string]any) map[string]any {
	out := make(map[string]any, len(data))
	for k, v := range data {
		switch {
		case strings.HasPrefix(k, "_inngest"):
			continue
		case secure.LooksSecret(k):
			out[k] = "[redacted]"
		default:
			if nested, ok := v.(map[string]any); ok {
				v = redact(nested)
			}
			out[k] = v
		}
	}
	return out
}

func encode(v any) json.RawMessage {
	if v == nil {
		return nil
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	return raw
}
