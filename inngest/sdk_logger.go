package inngest

import (
	"context"
	"log/slog"
	"slices"
)

// sdkLogger is logger for the SDK, with the attributes the SDK adds kept
// aside until a record is written. The SDK adds the run's call context to
// its logger on every request (Logger.With in its handler), which a JSON
// handler encodes there and then, for a debug line that is off outside
// debugging: 2.6% of the app's CPU under the serve benchmark.
func sdkLogger(logger *slog.Logger) *slog.Logger {
	return slog.New(&deferredAttrs{next: logger.Handler()})
}

// deferredAttrs is a handler whose WithAttrs only remembers the attributes;
// they reach the handler it wraps with each record written through it, so
// a record costs their encoding: the SDK writes few records, and a request
// none at the usual levels.
type deferredAttrs struct {
	next  slog.Handler
	attrs []slog.Attr
}

func (h *deferredAttrs) Enabled(ctx context.Context, level slog.Level) bool {
	return h.next.Enabled(ctx, level)
}

func (h *deferredAttrs) Handle(ctx context.Context, r slog.Record) error {
	return h.resolved().Handle(ctx, r)
}

func (h *deferredAttrs) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &deferredAttrs{next: h.next, attrs: append(slices.Clip(h.attrs), attrs...)}
}

// WithGroup applies the attributes so far first: they stay outside the group.
func (h *deferredAttrs) WithGroup(name string) slog.Handler {
	return &deferredAttrs{next: h.resolved().WithGroup(name)}
}

func (h *deferredAttrs) resolved() slog.Handler {
	if len(h.attrs) == 0 {
		return h.next
	}
	return h.next.WithAttrs(h.attrs)
}
