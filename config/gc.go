package config

import (
	"os"
	"runtime/debug"
)

// GCPercent is the garbage collector's target the server runs with when
// GOGC is unset: a collection once the heap has grown 200% since the last,
// where Go's default is 100%. The server's live heap is small and every
// Inngest request allocates much, so at 100% the collector took about a
// tenth of its CPU under load; at 200% it collects half as often, for a few
// MB more (docs/configuration.md has the figures).
const GCPercent = 200

// ApplyGCDefault sets GCPercent unless GOGC, which Go reads itself when the
// process starts, says otherwise. Only an entry point calls it: it sets the
// whole process's collector.
func ApplyGCDefault() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(GCPercent)
	}
}
