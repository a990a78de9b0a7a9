package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"runtime"
	"sync"
)

// maxGroup bounds one shared transaction: a commit waits for no more than
// this many statements before it.
const maxGroup = 256

// maxYields is how often a committer lets other goroutines run before a
// commit, for writers about to join it.
const maxYields = 2

// groupCommit coalesces concurrent writes of independent rows into shared
// transactions: each of its committers takes whatever is queued, runs it in
// one transaction and answers each writer once that commits. Under load the
// queue fills while commits run, so many writers share each commit; alone,
// a writer waits for its own commit only. A writer is answered only after
// its statement is committed.
type groupCommit struct {
	db        *DB
	mu        sync.RWMutex // held to send, taken whole to close
	closed    bool
	queue     chan *groupedWrite
	committed sync.WaitGroup
}

// newGroupCommit starts committers goroutines (the dialect's LogCommitters:
// SQLite commits one at a time anyway, PostgreSQL overlaps the waits for
// its log flushes).
func newGroupCommit(db *DB, committers int) *groupCommit {
	g := &groupCommit{db: db, queue: make(chan *groupedWrite, maxGroup)}
	for range max(committers, 1) {
		g.committed.Add(1)
		go g.run()
	}
	return g
}

type groupedWrite struct {
	query  string
	args   []any
	result chan error
}

var errClosed = errors.New("the store is closed")

// exec runs query in the next shared transaction and returns its outcome.
func (g *groupCommit) exec(ctx context.Context, query string, args ...any) error {
	w := &groupedWrite{query: query, args: args, result: make(chan error, 1)}
	g.mu.RLock()
	if g.closed {
		g.mu.RUnlock()
		return errClosed
	}
	g.queue <- w
	g.mu.RUnlock()
	select {
	case err := <-w.result:
		return err
	case <-ctx.Done():
		// The write may still commit; its writer no longer waits to know.
		return ctx.Err()
	}
}

// run is one committer. Its statements are prepared once on the write pool:
// the texts are few and repeat on every request, and preparing one cost
// SQLite more than running it.
func (g *groupCommit) run() {
	defer g.committed.Done()
	stmts := map[string]*sql.Stmt{}
	defer func() {
		for _, stmt := range stmts {
			stmt.Close()
		}
	}()
	for first := range g.queue {
		g.commit(g.gather(first), stmts)
	}
}

// gather is first and whatever else is queued: writers about to send get a
// turn to join, so that under load a commit serves many requests; alone,
// that costs a yield.
func (g *groupCommit) gather(first *groupedWrite) []*groupedWrite {
	group := []*groupedWrite{first}
	for yields := 0; len(group) < maxGroup; {
		select {
		case w, ok := <-g.queue:
			if !ok {
				return group
			}
			group = append(group, w)
			continue
		default:
		}
		if yields++; yields > maxYields {
			return group
		}
		runtime.Gosched()
	}
	return group
}

// commit runs group in one transaction. If that fails, each write runs
// alone, so one bad statement fails only its own writer.
func (g *groupCommit) commit(group []*groupedWrite, stmts map[string]*sql.Stmt) {
	// Writers may have given up waiting; their writes still land, as an
	// ordinary write whose caller went away would.
	ctx := context.Background()
	err := g.prepare(ctx, group, stmts)
	if err == nil {
		err = g.db.inTx(ctx, func(tx *sql.Tx) error {
			for _, w := range group {
				if _, err := tx.StmtContext(ctx, stmts[w.query]).ExecContext(ctx, w.args...); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err == nil || len(group) == 1 {
		for _, w := range group {
			w.result <- err
		}
		return
	}
	for _, w := range group {
		_, err := g.db.exec(ctx, w.query, w.args...)
		w.result <- err
	}
}

// prepare adds the group's statements missing from stmts, prepared on the
// write pool before the transaction takes a connection of it: SQLite's has
// only one.
func (g *groupCommit) prepare(ctx context.Context, group []*groupedWrite, stmts map[string]*sql.Stmt) error {
	for _, w := range group {
		if _, ok := stmts[w.query]; ok {
			continue
		}
		stmt, err := g.db.sql.PrepareContext(ctx, w.query)
		if err != nil {
			return err
		}
		stmts[w.query] = stmt
	}
	return nil
}

// close stops taking writes and waits for the queued ones to commit.
func (g *groupCommit) close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return
	}
	g.closed = true
	close(g.queue)
	g.committed.Wait()
}
