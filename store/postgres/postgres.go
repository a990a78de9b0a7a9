// Package postgres is the PostgreSQL store, through pgx.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	neturl "net/url"
	"slices"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver

	"spark.dev/spark/store"
	"spark.dev/spark/store/internal/sqldb"
)

//go:embed migrations/*.sql
var migrations embed.FS

var dialect = sqldb.Dialect{
	Engine:     "postgres",
	Migrations: migrations,
	// Any constant works; it only has to be the same in every process.
	LockMigrations: `SELECT pg_advisory_xact_lock(727726)`,
	LockRow:        " FOR UPDATE",
	// For the VALUES lists of the other writes (links, sparks, the log):
	// a page's books and highlights go as arrays instead (insertPage). When
	// they went as VALUES, an export page of 1000 highlights in one
	// statement of 19,000 parameters (the protocol allows 65,535) cost the
	// server more to plan than twenty of 1,000 (scripts/bench-sync.sh:
	// 10,607 rows/s at 65,535, 10,864 at 12,000, 12,251 at 4,000, 11,661 and
	// 13,048 at 1,000, 8,558 at 400).
	BatchParams:   1000,
	PlanCacheMode: true,
	// Twice the rows the last ANALYZE counted (reltuples is -1 before the
	// first), and at least a thousand: a table that grows is analyzed each
	// time it doubles, one that does not never. The live count reaches the
	// view within a second of a commit.
	StaleStats: `SELECT s.relname FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
		WHERE s.relid = ANY($1::text[]::regclass[]) AND s.n_live_tup >= 2 * GREATEST(c.reltuples, 500)`,
	Analyze: "ANALYZE",
	// At most 20 connections a process, with the function log's 2
	// (LogCommitters, in a pool of their own): a burst waits for one of them
	// instead of opening one per request until the server refuses more
	// (max_connections is 100 by default and often lower on hosted plans).
	Writers:   8,
	Readers:   10,
	WriteWait: 10 * time.Second,
	// Commits wait for the log flush: while one waits, the other gathers.
	// Two, not four: each committer's groups are then larger, and the
	// server does fewer commits (scripts/bench-serve.sh, when each row was a
	// statement of its own: 0.51–0.54× the bare handler's requests/s with
	// four, 0.66× in one run with two).
	LogCommitters: 2,
	Busy:          busy,
	ByteOrder:     ` COLLATE "C"`,
	NativeArrays:  true,
	JSONB:         true,
	MillisBetween: func(start, end string) string {
		return fmt.Sprintf("GREATEST(0, FLOOR(EXTRACT(EPOCH FROM %s - %s) * 1000))::bigint", end, start)
	},
	VectorType: `SELECT format_type(atttypid, atttypmod) FROM pg_attribute
		WHERE attrelid = 'highlights'::regclass AND attname = 'embedding'`,
}

// busyStates are the SQLSTATEs of a server too busy for the work now:
// too_many_connections, cannot_connect_now, lock_not_available,
// serialization_failure and deadlock_detected.
var busyStates = []string{"53300", "57P03", "55P03", "40001", "40P01"}

func busy(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && slices.Contains(busyStates, e.Code)
}

// Open connects to the database at url (postgres://…) and migrates it. Behind
// a transaction-mode pooler such as PgBouncer, add
// default_query_exec_mode=simple_protocol to the url.
func Open(ctx context.Context, url string) (store.Store, error) {
	dsn, err := dsns(url)
	if err != nil {
		return nil, err
	}
	db, err := sqldb.Open(ctx, "pgx", dsn, dialect)
	if err != nil {
		return nil, err // not db: a nil *DB in a store.Store is not a nil Store
	}
	return db, nil
}

// dsns are url's pools, each with the plan_cache_mode its statements need,
// unless the url sets one itself.
//
// The write and read pools plan every statement for its actual parameters.
// pgx caches prepared statements, and after five runs PostgreSQL may
// switch one to a generic plan; for "rw_id IN (…1000 ids…)" on a table not
// yet analyzed that plan scans every row of the table, once per page
// (measured: 130–260 ms a page instead of a few).
//
// The function log's commits have a pool of their own, which plans each
// statement once: they are upserts by run id, on every request of every
// run, and planning each again cost the server CPU the app needed
// (scripts/bench-serve.sh: 0.60–0.61× the bare handler's requests/s
// before, 0.64–0.66× after, in alternating runs).
func dsns(raw string) (sqldb.DSNs, error) {
	u, err := neturl.Parse(raw)
	if err != nil {
		return sqldb.DSNs{}, fmt.Errorf("DATABASE_URL is not a valid URL")
	}
	withPlans := func(mode string) string {
		q := u.Query()
		if q.Get("plan_cache_mode") == "" {
			q.Set("plan_cache_mode", mode)
		}
		v := *u
		v.RawQuery = q.Encode()
		return v.String()
	}
	custom := withPlans("force_custom_plan")
	return sqldb.DSNs{Write: custom, Read: custom, Log: withPlans("force_generic_plan")}, nil
}
