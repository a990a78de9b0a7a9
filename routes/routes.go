// Package routes is the whole surface of the API in one table: every route,
// its handler and its middleware.
package routes

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"spark.dev/spark/handlers"
	"spark.dev/spark/jobs"
	"spark.dev/spark/middleware"
	"spark.dev/spark/search"
	"spark.dev/spark/settings"
	"spark.dev/spark/store"
)

// Deps are the services the routes call.
type Deps struct {
	Inngest        http.Handler // the Inngest SDK's serve handler
	Auth           *middleware.Authenticator
	CallbackSecret []byte
	Jobs           *jobs.Service
	Settings       *settings.Service
	Search         *search.Service
	Store          store.Store
	Health         handlers.HealthInfo
	Now            func() time.Time
	Logger         *slog.Logger
}

// Register adds every route of the API to e. Middleware is listed per route
// (Echo runs route middleware left to right): authentication first, then the
// 1 MiB body limit, so an anonymous caller learns nothing about bodies.
func Register(e *echo.Echo, d Deps) {
	bearer := d.Auth.RequireUser()
	signed := middleware.CallbackSignature(d.CallbackSecret, d.Store, d.Now, d.Logger)
	limit := middleware.BodyLimit()

	// Inngest signs its own requests (the SDK checks them outside dev mode);
	// its bodies carry run state and may exceed the API's 1 MiB.
	inngest, inngestBody := echo.WrapHandler(d.Inngest), middleware.InngestBody()
	e.GET("/api/inngest", inngest)
	e.POST("/api/inngest", inngest, inngestBody)
	e.PUT("/api/inngest", inngest, inngestBody)

	e.GET("/api/health", handlers.Health(d.Health, d.Store))

	e.POST("/api/inngest/trigger-readwise", handlers.TriggerReadwise(d.Jobs), bearer, limit)
	e.POST("/api/inngest/trigger-connection-test", handlers.TriggerConnectionTest(d.Jobs), bearer, limit)
	e.POST("/api/inngest/trigger-sync-books", handlers.TriggerSyncBooks(d.Jobs), bearer, limit)
	e.POST("/api/inngest/trigger-sync-highlights", handlers.TriggerSyncHighlights(d.Jobs), bearer, limit)
	e.POST("/api/inngest/trigger-airtable-import", handlers.TriggerAirtableImport(d.Jobs), bearer, limit)
	e.POST("/api/inngest/trigger-migrate-tags", handlers.TriggerMigrateTags(d.Jobs), bearer, limit)
	e.POST("/api/inngest/trigger-schedule", handlers.TriggerSchedule(d.Jobs), bearer, limit)
	e.POST("/api/inngest/trigger-tag-random-highlights", handlers.TriggerTagRandomHighlights(d.Jobs), bearer, limit)
	e.POST("/api/inngest/trigger-categorize-random-highlights", handlers.TriggerCategorizeRandomHighlights(d.Jobs), bearer, limit)
	e.POST("/api/inngest/trigger-generate-embeddings", handlers.TriggerGenerateEmbeddings(d.Jobs), bearer, limit)

	// Jobs report their results here, signed with CALLBACK_SECRET.
	e.POST("/api/readwise", handlers.RecordBookCount(d.Store, d.Now), limit, signed)
	e.GET("/api/readwise", handlers.ReadwiseStatus(d.Settings), bearer)

	e.GET("/api/function-logs", handlers.FunctionLogs(d.Store), bearer)

	e.POST("/api/automations/approve", handlers.ApproveAutomation(d.Store), bearer, limit)
	e.POST("/api/automations/reject", handlers.RejectAutomation(d.Store), bearer, limit)
	e.POST("/api/automations/revert", handlers.RevertAutomation(d.Store), bearer, limit)
	e.POST("/api/highlights/search", handlers.SearchHighlights(d.Search), bearer, limit)

	e.GET("/api/user-settings", handlers.GetSettings(d.Settings), bearer)
	e.PUT("/api/user-settings", handlers.PutSettings(d.Settings), bearer, limit)
	e.PATCH("/api/user-settings", handlers.PatchSettings(d.Settings), bearer, limit)
}
