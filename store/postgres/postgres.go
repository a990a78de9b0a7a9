// Package postgres is the PostgreSQL store, through pgx.
package postgres

import (
	"context"
	"embed"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver

	"spark.dev/api/store"
	"spark.dev/api/store/internal/sqldb"
)

//go:embed migrations/*.sql
var migrations embed.FS

var dialect = sqldb.Dialect{
	Engine:     "postgres",
	Migrations: migrations,
	// Any constant works; it only has to be the same in every process.
	LockMigrations: `SELECT pg_advisory_xact_lock(727726)`,
	// The protocol's limit: one statement for an export page of 1000 rows.
	BatchParams: 65535,
}

// Open connects to the database at url (postgres://…) and migrates it. Behind
// a transaction-mode pooler such as PgBouncer, add
// default_query_exec_mode=simple_protocol to the url.
func Open(ctx context.Context, url string) (store.Store, error) {
	db, err := sqldb.Open(ctx, "pgx", url, dialect)
	if err != nil {
		return nil, err // not db: a nil *DB in a store.Store is not a nil Store
	}
	return db, nil
}
