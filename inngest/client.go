// Package inngest holds Spark's Inngest client, its typed events, the
// function ids, and the conventions every function follows: results, one
// user per run, and what a credential or API failure does to a run. The
// functions themselves live in inngest/functions/<domain>fn, listed by the
// registry in inngest/functions.
package inngest

import (
	"log/slog"

	"github.com/inngest/inngestgo"
	"github.com/inngest/inngestgo/middleware"

	"spark.dev/spark/config"
)

// NewClient builds the environment-keyed client. Every SDK setting is passed
// explicitly, so the SDK never reads a setting the config did not check.
func NewClient(cfg config.Config, logger *slog.Logger, mw ...func() middleware.Middleware) (inngestgo.Client, error) {
	opts := inngestgo.ClientOpts{
		AppID:              cfg.AppID,
		Logger:             sdkLogger(logger),
		Middleware:         mw,
		Dev:                inngestgo.BoolPtr(cfg.Inngest.Dev),
		SigningKey:         inngestgo.StrPtr(cfg.Inngest.SigningKey),
		SigningKeyFallback: inngestgo.StrPtr(cfg.Inngest.SigningKeyFallback),
		// The checkpoint path reads APIBaseURL only, never INNGEST_BASE_URL.
		APIBaseURL:      inngestgo.StrPtr(cfg.Inngest.APIBaseURL),
		EventAPIBaseURL: inngestgo.StrPtr(cfg.Inngest.EventAPIBaseURL),
	}
	if cfg.Inngest.EventKey != "" {
		opts.EventKey = inngestgo.StrPtr(cfg.Inngest.EventKey)
	}
	return inngestgo.NewClient(opts)
}
