package app

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"

	"github.com/inngest/inngestgo"

	"spark.dev/spark/inngest"
	"spark.dev/spark/inngest/functions"
)

// RegisterFunctions registers the app's functions with the configured
// engine: the SDK's out-of-band sync, which POSTs them to
// <API base>/fn/register signed with the signing key. A self-hosted
// `inngest start` needs it: it discards the answer to its own signed sync
// (inngest/inngest#4669). Inngest Cloud syncs through its Vercel
// integration instead.
//
// The sync runs on a second client whose handler is never routed, so the
// served /api/inngest keeps refusing unsigned syncs.
func (a *App) RegisterFunctions(ctx context.Context) error {
	serveURL, err := url.Parse(a.Config.AppURL + "/api/inngest")
	if err != nil {
		return fmt.Errorf("APP_URL: %w", err)
	}
	client, err := inngest.NewClient(a.Config, a.logger)
	if err != nil {
		return err
	}
	if _, err := functions.Register(client, a.Config.Environment, a.deps); err != nil {
		return err
	}
	syncer := client.ServeWithOpts(inngestgo.ServeOpts{EnableUnauthedSync: inngestgo.BoolPtr(true)})
	req := httptest.NewRequestWithContext(ctx, http.MethodPut, serveURL.String(), nil)
	// The SDK registers the URL it was asked on: scheme, host and path.
	req.Header.Set("X-Forwarded-Proto", serveURL.Scheme)
	answer := httptest.NewRecorder()
	syncer.ServeHTTP(answer, req)
	if answer.Code != http.StatusOK {
		return fmt.Errorf("registering with %s: %d %s", a.Config.Inngest.APIBaseURL, answer.Code, strings.TrimSpace(answer.Body.String()))
	}
	a.logger.Info("registered the functions", "engine", a.Config.Inngest.APIBaseURL, "url", serveURL.String(), "functions", len(a.Functions))
	return nil
}
