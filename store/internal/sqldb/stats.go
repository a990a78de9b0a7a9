package sqldb

import (
	"context"
	"database/sql"
)

// refreshStats has the server gather the statistics of user_id and rw_id
// of those of tables (each has both) that have twice the rows they had when
// it last did. A first sync fills highlights in seconds, long before the
// server's own analyzer runs (a minute at the least); without statistics
// PostgreSQL takes a user to own a two-hundredth of the table and looks up
// a page's stored tags by reading every highlight of the user, filtering on
// rw_id, so that each page costs more than the one before (over a sync of
// 100,000 highlights, 13 ms of a page's 60 on average; 40 ms at 100,000
// rows, 1 ms with statistics). Gathering them each time a table doubles
// costs a sync a handful of samples. Best effort: a failure leaves the
// plans as they were, and the write it follows has committed.
func (db *DB) refreshStats(ctx context.Context, tables ...string) {
	if db.dialect.StaleStats == "" {
		return
	}
	// One query for all of them: it runs after every page.
	rows, err := db.sql.QueryContext(ctx, db.dialect.StaleStats, tables)
	if err != nil {
		return
	}
	stale, err := scanAll(rows, func(rows *sql.Rows) (string, error) {
		var table string
		return table, rows.Scan(&table)
	})
	if err != nil {
		return
	}
	for _, table := range stale {
		db.sql.ExecContext(ctx, db.dialect.Analyze+" "+table+" (user_id, rw_id)")
	}
}
