package app

import (
	"context"

	"spark.dev/spark/config"
	"spark.dev/spark/store"
	"spark.dev/spark/store/postgres"
	"spark.dev/spark/store/sqlite"
)

// openStore opens the engine DATABASE_URL names and runs its migrations.
func openStore(ctx context.Context, cfg config.Config) (store.Store, error) {
	if cfg.StoreEngine() == "postgres" {
		return postgres.Open(ctx, cfg.DatabaseURL)
	}
	return sqlite.Open(ctx, cfg.SQLitePath())
}
