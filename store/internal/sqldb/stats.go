package sqldb

import "context"

// refreshStats has the server gather the statistics of those of tables
// that have changed more than they had rows when it last did. A first sync
// fills highlights in seconds, long before the server's own analyzer runs
// (a minute at the least); without statistics PostgreSQL takes a user to
// own a two-hundredth of the table and looks up a page's stored tags by
// reading every highlight of the user, filtering on rw_id: each page then
// costs more than the one before (13 ms of a page's 60 at 100,000
// highlights, 40 ms at 100,000 on its own, 1 ms with statistics). Gathering
// them each time a table has doubled costs a sync a handful of samples.
// Best effort: a failure leaves the plans as they were, and the write it
// follows has committed.
func (db *DB) refreshStats(ctx context.Context, tables ...string) {
	if db.dialect.StaleStats == "" {
		return
	}
	for _, table := range tables {
		var stale bool
		if err := db.sql.QueryRowContext(ctx, db.dialect.StaleStats, table).Scan(&stale); err != nil || !stale {
			continue
		}
		db.sql.ExecContext(ctx, db.dialect.Analyze+" "+table+" (user_id, rw_id)")
	}
}
