package inngest

import (
	"bytes"
	"context"
	"log/slog"
	"testing"
)

// The SDK's logger writes what the logger it wraps would, attributes and
// groups included, at the levels that logger writes.
func TestSDKLoggerWritesWhatItsLoggerWould(t *testing.T) {
	var direct, deferred bytes.Buffer
	opts := &slog.HandlerOptions{Level: slog.LevelInfo, ReplaceAttr: dropTime}
	write := func(l *slog.Logger) {
		l = l.With("fn", "app-count-books", "call_ctx", struct{ RunID string }{"01J"})
		l.Debug("calling function")
		l.Info("called", "step", 1)
		l.With("a", 1).WithGroup("g").With("b", 2).Warn("grouped", "c", 3)
	}
	write(slog.New(slog.NewJSONHandler(&direct, opts)))
	write(sdkLogger(slog.New(slog.NewJSONHandler(&deferred, opts))))
	if direct.String() != deferred.String() {
		t.Fatalf("through sdkLogger:\n%s\nwant:\n%s", deferred.String(), direct.String())
	}
	if bytes.Contains(deferred.Bytes(), []byte("calling function")) {
		t.Fatalf("a debug line was written at level info:\n%s", deferred.String())
	}
}

// The attributes reach the wrapped handler only when a record is written.
func TestSDKLoggerLeavesAttributesAsideUntilARecord(t *testing.T) {
	counter := &withAttrsCounter{Handler: slog.NewJSONHandler(&bytes.Buffer{}, nil)}
	l := sdkLogger(slog.New(counter)).With("call_ctx", struct{ RunID string }{"01J"})
	l.Debug("calling function")
	if counter.calls != 0 {
		t.Fatalf("WithAttrs called %d times before any record, want 0", counter.calls)
	}
	l.Info("written")
	if counter.calls != 1 {
		t.Fatalf("WithAttrs called %d times for one record, want 1", counter.calls)
	}
}

type withAttrsCounter struct {
	slog.Handler
	calls int
}

func (c *withAttrsCounter) WithAttrs(attrs []slog.Attr) slog.Handler {
	c.calls++
	return c.Handler.WithAttrs(attrs)
}

func (c *withAttrsCounter) Enabled(ctx context.Context, l slog.Level) bool {
	return c.Handler.Enabled(ctx, l)
}

func dropTime(groups []string, a slog.Attr) slog.Attr {
	if len(groups) == 0 && a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}
