package sqlite

import (
	"context"
	"database/sql"
	"time"

	"spark.dev/spark/store/internal/sqldb"
)

// checkpointEvery is how often the checkpointer copies the WAL back into
// the database file.
const checkpointEvery = 200 * time.Millisecond

// checkpointPragmas: a passive checkpoint never waits for a lock.
const checkpointPragmas = "_busy_timeout=0"

// checkpointed is the store with a checkpointer beside its writer. SQLite
// checkpoints in the connection whose commit fills the WAL, so that one
// request waits for the copy: 27 ms at p99 under the serve benchmark with
// a checkpoint every 1,000 pages, 108 ms every 10,000. A passive checkpoint
// from a connection of its own copies while the writer goes on; the
// writer's own (wal_autocheckpoint) is left as the backstop, for when this
// one falls behind.
type checkpointed struct {
	*sqldb.DB
	pool *sql.DB
	stop context.CancelFunc
	done chan struct{}
}

func withCheckpointer(db *sqldb.DB, dsn string) (*checkpointed, error) {
	pool, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	pool.SetMaxOpenConns(1)
	ctx, stop := context.WithCancel(context.Background())
	c := &checkpointed{DB: db, pool: pool, stop: stop, done: make(chan struct{})}
	go c.run(ctx)
	return c, nil
}

// run checkpoints until ctx ends. A failed checkpoint is left to the next
// one, or to the writer's.
func (c *checkpointed) run(ctx context.Context) {
	defer close(c.done)
	tick := time.NewTicker(checkpointEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			c.pool.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`)
		}
	}
}

func (c *checkpointed) Close() error {
	c.stop()
	<-c.done
	c.pool.Close()
	return c.DB.Close()
}
