// Package app builds Spark API: one constructor, used by main.go, by the
// Vercel entry (api/index.go) and by the tests.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/inngest/inngestgo"
	"github.com/labstack/echo/v4"
	echomw "github.com/labstack/echo/v4/middleware"

	"spark.dev/spark/airtable"
	"spark.dev/spark/airtableimport"
	"spark.dev/spark/callback"
	"spark.dev/spark/config"
	"spark.dev/spark/credentials"
	"spark.dev/spark/embeddings"
	"spark.dev/spark/handlers"
	"spark.dev/spark/inngest"
	"spark.dev/spark/inngest/functions"
	"spark.dev/spark/jobs"
	"spark.dev/spark/middleware"
	"spark.dev/spark/readwise"
	"spark.dev/spark/readwisesync"
	"spark.dev/spark/routes"
	"spark.dev/spark/search"
	"spark.dev/spark/secure"
	"spark.dev/spark/settings"
	"spark.dev/spark/store"
)

// App is the assembled application: an http.Handler plus what it owns.
type App struct {
	Echo      *echo.Echo
	Config    config.Config
	Store     store.Store
	Inngest   inngestgo.Client
	Functions []inngestgo.ServableFunction

	deps   inngest.Deps // of the functions, for RegisterFunctions
	logger *slog.Logger
}

// EventSender sends Inngest events: one at a time from the triggers, several
// at once from the functions. The Inngest client is one.
type EventSender interface {
	jobs.Sender
	inngest.Sender
}

// Option changes how New builds the app. Only tests use them.
type Option func(*options)

type options struct {
	events             EventSender
	bodyTimeout        time.Duration
	inngestBodyTimeout time.Duration
}

// inngestBodyTimeout is /api/inngest's middleware.BodyTimeout: Inngest's
// requests carry run state of several MB, sent fast from Inngest's servers.
const inngestBodyTimeout = time.Minute

// WithEventSender sends every event through s instead of the Inngest
// client, so a test can make sends fail at once rather than wait out the
// SDK's retries to a server that is not there.
func WithEventSender(s EventSender) Option {
	return func(o *options) { o.events = s }
}

// WithBodyTimeouts changes how long request bodies may take to arrive, on
// /api/inngest and on every other route, so a test need not wait out the
// real ones.
func WithBodyTimeouts(api, inngest time.Duration) Option {
	return func(o *options) { o.bodyTimeout, o.inngestBodyTimeout = api, inngest }
}

// New opens the store (running migrations), builds the Inngest client and
// functions for cfg's environment, and wires every route.
func New(ctx context.Context, cfg config.Config, logger *slog.Logger, opts ...Option) (*App, error) {
	o := options{bodyTimeout: middleware.BodyTimeout, inngestBodyTimeout: inngestBodyTimeout}
	for _, opt := range opts {
		opt(&o)
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	a, err := assemble(ctx, cfg, logger, st, o)
	if err != nil {
		st.Close()
		return nil, err
	}
	return a, nil
}

func assemble(ctx context.Context, cfg config.Config, logger *slog.Logger, st store.Store, o options) (*App, error) {
	cipher, err := secure.NewCipher(cfg.EncryptionKey)
	if err != nil {
		return nil, fmt.Errorf("ENCRYPTION_KEY: %w", err)
	}
	vault := credentials.NewVault(st, cipher)

	client, err := inngest.NewClient(cfg, logger, inngest.FunctionLogs(cfg.AppID, st, logger, time.Now))
	if err != nil {
		return nil, fmt.Errorf("inngest client: %w", err)
	}
	events := o.events
	if events == nil {
		events = client
	}
	rw := readwise.New(readwise.Options{BaseURL: cfg.ReadwiseAPIURL})
	embedder := embeddings.New(embeddings.Options{APIKey: cfg.OpenAIAPIKey, BaseURL: cfg.OpenAIBaseURL})
	deps := inngest.Deps{
		Events:      events,
		Store:       st,
		Vault:       vault,
		Readwise:    rw,
		Sync:        &readwisesync.Syncer{Store: st, Readwise: rw},
		Import:      &airtableimport.Importer{Store: st, Airtable: airtable.New(airtable.Options{BaseURL: cfg.AirtableAPIURL})},
		Callback:    callback.NewClient(cfg.AppURL, cfg.CallbackSecret, nil),
		Embeddings:  embedder,
		Logger:      logger,
		Now:         time.Now,
		PagesPerRun: cfg.PagesPerRun,
	}
	fns, err := functions.Register(client, cfg.Environment, deps)
	if err != nil {
		return nil, fmt.Errorf("inngest functions: %w", err)
	}

	auth, err := middleware.NewAuthenticator(ctx, middleware.AuthConfig{
		SupabaseURL: cfg.SupabaseURL,
		JWTSecret:   cfg.JWTSecret,
		Audience:    cfg.AuthAudience,
		Logger:      logger,
	})
	if err != nil {
		return nil, err
	}

	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = handlers.ErrorHandler(logger)
	e.Use(recoverPanics(logger), middleware.RequestLog(logger), middleware.CORS(cfg.CORSAllowedOrigins),
		middleware.BodyDeadline(o.bodyTimeout, map[string]time.Duration{"/api/inngest": o.inngestBodyTimeout}))
	routes.Register(e, routes.Deps{
		// Explicitly off: the SDK would otherwise read INNGEST_ENABLE_UNAUTHED_SYNC
		// and let anyone re-register the app. Dev mode allows it regardless.
		Inngest:        client.ServeWithOpts(inngestgo.ServeOpts{EnableUnauthedSync: inngestgo.BoolPtr(false)}),
		Auth:           auth,
		CallbackSecret: cfg.CallbackSecret,
		Jobs:           jobs.NewService(events, vault, cfg.IsAdmin, logger),
		Settings:       settings.NewService(st, vault),
		Search:         search.NewService(st, embedder),
		Store:          st,
		Health:         handlers.HealthInfo{Environment: string(cfg.Environment), AppID: cfg.AppID, Store: st.Engine()},
		Now:            time.Now,
		Logger:         logger,
	})
	return &App{Echo: e, Config: cfg, Store: st, Inngest: client, Functions: fns, deps: deps, logger: logger}, nil
}

// ServeHTTP serves the API.
func (a *App) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.Echo.ServeHTTP(w, r)
}

// Close releases the store.
func (a *App) Close() error {
	return a.Store.Close()
}

// recoverPanics turns a handler panic into a logged 500 instead of a dead
// connection.
func recoverPanics(logger *slog.Logger) echo.MiddlewareFunc {
	return echomw.RecoverWithConfig(echomw.RecoverConfig{
		LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
			logger.Error("panic in handler", "path", c.Path(), "err", err, "stack", string(stack))
			return err
		},
	})
}
