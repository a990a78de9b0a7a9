// Package functions is the registry: the single list of every Inngest
// function Spark serves, cron functions gated to production.
package functions

import (
	"github.com/inngest/inngestgo"

	"spark.dev/spark/config"
	"spark.dev/spark/inngest"
	"spark.dev/spark/inngest/functions/airtablefn"
	"spark.dev/spark/inngest/functions/automationsfn"
	"spark.dev/spark/inngest/functions/embeddingsfn"
	"spark.dev/spark/inngest/functions/readwisefn"
	"spark.dev/spark/inngest/functions/scheduledfn"
	"spark.dev/spark/inngest/functions/tagsfn"
)

type definition func(inngestgo.Client, inngest.Deps) (inngestgo.ServableFunction, error)

// everywhere runs in every environment.
var everywhere = []definition{
	readwisefn.CountBooks,
	readwisefn.TestConnection,
	readwisefn.SyncBooks,
	readwisefn.SyncHighlights,
	readwisefn.ListRequest,
	airtablefn.ImportSparks,
	airtablefn.PageRequest,
	tagsfn.MigrateHighlightTags,
	scheduledfn.DailySyncManual,
	automationsfn.TagRandomHighlights,
	automationsfn.CategorizeRandomHighlights,
	scheduledfn.ScheduledTasksManual,
	embeddingsfn.GenerateEmbeddings,
}

// productionOnly holds the cron functions: previews and local development
// never run schedules.
var productionOnly = []definition{
	scheduledfn.DailySync,
	scheduledfn.ScheduledTasks,
}

// Register creates every function for env on the client (creating a
// function registers it with the client's serve handler).
func Register(c inngestgo.Client, env config.Environment, d inngest.Deps) ([]inngestgo.ServableFunction, error) {
	defs := everywhere
	if env == config.Production {
		defs = append(append([]definition{}, everywhere...), productionOnly...)
	}
	fns := make([]inngestgo.ServableFunction, 0, len(defs))
	for _, def := range defs {
		fn, err := def(c, d)
		if err != nil {
			return nil, err
		}
		fns = append(fns, fn)
	}
	return fns, nil
}
