package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"sync"
)

// maxGroup bounds one shared transaction: a commit waits for no more than
// this many statements before it.
const maxGroup = 256

// groupCommit coalesces concurrent writes of independent rows into shared
// transactions: one goroutine takes whatever is queued, runs it in one
// transaction and answers each writer once that commits. Under load the
// queue fills while a commit runs, so many writers share each commit; alone,
// a writer waits for its own commit only. A writer is answered only after
// its statement is committed.
type groupCommit struct {
	db     *DB
	mu     sync.RWMutex // held to send, taken whole to close
	closed bool
	queue  chan *groupedWrite
	done   chan struct{}
}

func newGroupCommit(db *DB) *groupCommit {
	g := &groupCommit{db: db, queue: make(chan *groupedWrite, maxGroup), done: make(chan struct{})}
	go g.run()
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

func (g *groupCommit) run() {
	defer close(g.done)
	for first := range g.queue {
		group := []*groupedWrite{first}
	fill:
		for len(group) < maxGroup {
			select {
			case w, ok := <-g.queue:
				if !ok {
					break fill
				}
				group = append(group, w)
			default:
				break fill
			}
		}
		g.commit(group)
	}
}

// commit runs group in one transaction. If that fails, each write runs
// alone, so one bad statement fails only its own writer.
func (g *groupCommit) commit(group []*groupedWrite) {
	// Writers may have given up waiting; their writes still land, as an
	// ordinary write whose caller went away would.
	ctx := context.Background()
	err := g.db.inTx(ctx, func(tx *sql.Tx) error {
		// A group holds a few statement texts, each many times.
		prepared := map[string]*sql.Stmt{}
		defer func() {
			for _, stmt := range prepared {
				stmt.Close()
			}
		}()
		for _, w := range group {
			stmt, ok := prepared[w.query]
			if !ok {
				var err error
				if stmt, err = tx.PrepareContext(ctx, w.query); err != nil {
					return err
				}
				prepared[w.query] = stmt
			}
			if _, err := stmt.ExecContext(ctx, w.args...); err != nil {
				return err
			}
		}
		return nil
	})
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

// close stops taking writes and waits for the queued ones to commit.
func (g *groupCommit) close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return
	}
	g.closed = true
	close(g.queue)
	<-g.done
}
