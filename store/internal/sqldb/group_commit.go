package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"runtime"
	"sync"
	"time"
)

// maxGroup bounds one shared transaction: a commit waits for no more than
// this many statements before it.
const maxGroup = 256

// maxYields is how often a committer lets other goroutines run before a
// commit, for writers about to join it.
const maxYields = 2

// gatherWindow is how long a committer that found company waits for more
// writers: under load a commit then serves more requests, for fewer
// commits and a steadier p99 (servebench on SQLite: 4.5 to about 8 writes
// a commit, the p99 1.1-1.3x the bare handler's to 1.05-1.15x, requests/s
// the same within the noise), while a writer alone is never held back.
const gatherWindow = 200 * time.Microsecond

// groupCommit coalesces concurrent writes of independent rows into shared
// transactions, and rows of one shape into shared statements: each of its
// committers takes whatever is queued, writes it in one transaction and
// answers each writer once that commits. Under load the
// queue fills while commits run, so many writers share each commit; alone,
// a writer waits for its own commit only. A writer is answered only after
// its statement is committed.
type groupCommit struct {
	db        *DB
	pool      *sql.DB      // where the groups commit: the write pool, or one of their own
	mu        sync.RWMutex // held to send, taken whole to close
	closed    bool
	queue     chan *groupedWrite
	committed sync.WaitGroup
}

// newGroupCommit starts committers goroutines committing on pool (the
// dialect's LogCommitters: SQLite commits one at a time anyway, PostgreSQL
// overlaps the waits for its log flushes).
func newGroupCommit(db *DB, pool *sql.DB, committers int) *groupCommit {
	g := &groupCommit{db: db, pool: pool, queue: make(chan *groupedWrite, maxGroup)}
	for range max(committers, 1) {
		g.committed.Add(1)
		go g.run()
	}
	return g
}

// groupedWrite is one row to write: head + " VALUES (…) " + tail, where
// head and tail hold no placeholders, so that writes of one head and tail
// go into one statement of many rows.
type groupedWrite struct {
	head, tail string
	row        []any
	result     chan error
}

var errClosed = errors.New("the store is closed")

// exec writes row in the next shared transaction and returns its outcome.
func (g *groupCommit) exec(ctx context.Context, head, tail string, row []any) error {
	w := &groupedWrite{head: head, tail: tail, row: row, result: make(chan error, 1)}
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

// run is one committer. Its statements are prepared once on its pool:
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
// turn to join, and if any did, the writers of the next gatherWindow too,
// so that under load a commit serves many requests; alone, that costs a
// yield.
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
			break
		}
		runtime.Gosched()
	}
	if len(group) == 1 {
		return group
	}
	window := time.NewTimer(gatherWindow)
	defer window.Stop()
	for len(group) < maxGroup {
		select {
		case w, ok := <-g.queue:
			if !ok {
				return group
			}
			group = append(group, w)
		case <-window.C:
			return group
		}
	}
	return group
}

// statement is one statement of a group, with its arguments.
type statement struct {
	query string
	args  []any
}

// commit writes group in one transaction, the rows of each head and tail
// in as few statements as can hold them. If that fails, each write runs
// alone, so one bad row fails only its own writer.
func (g *groupCommit) commit(group []*groupedWrite, stmts map[string]*sql.Stmt) {
	// Writers may have given up waiting; their writes still land, as an
	// ordinary write whose caller went away would.
	ctx := context.Background()
	statements := g.statements(group)
	err := g.prepare(ctx, statements, stmts)
	if err == nil && len(statements) == 1 {
		// One statement is a transaction of its own: on PostgreSQL that
		// saves the round trips of BEGIN and COMMIT.
		err = g.execAlone(ctx, stmts[statements[0].query], statements[0].args)
	} else if err == nil {
		err = g.db.inTxOf(ctx, g.pool, func(tx *sql.Tx) error {
			for _, s := range statements {
				if _, err := tx.StmtContext(ctx, stmts[s.query]).ExecContext(ctx, s.args...); err != nil {
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
		alone := g.statements([]*groupedWrite{w})[0]
		_, err := g.db.execOf(ctx, g.pool, alone.query, alone.args...)
		w.result <- err
	}
}

// execAlone runs one prepared statement outside a transaction, on a
// connection of the pool once one is free.
func (g *groupCommit) execAlone(ctx context.Context, stmt *sql.Stmt, args []any) error {
	conn, err := g.db.writerOf(ctx, g.pool)
	if err != nil {
		return err
	}
	conn.Close() // a connection is free: the statement takes one
	_, err = stmt.ExecContext(ctx, args...)
	return g.db.busy(err)
}

// exactRows is the most rows a group's statement holds at its exact size:
// every size up to it is a text of its own to prepare, and a group that
// fits is one statement.
const exactRows = 64

// statements are the statements that write group: by head and tail, in the
// order each first comes, in chunks that fit the dialect's budget: rows
// that fit exactRows are one statement, and more take chunks whose sizes
// are powers of two until the rest fits, so that the texts to prepare stay
// few (a group of 100 rows is chunks of 64 and 36).
func (g *groupCommit) statements(group []*groupedWrite) []statement {
	type shape struct{ head, tail string }
	var order []shape
	byShape := map[shape][]*groupedWrite{}
	for _, w := range group {
		k := shape{w.head, w.tail}
		if _, ok := byShape[k]; !ok {
			order = append(order, k)
		}
		byShape[k] = append(byShape[k], w)
	}
	var out []statement
	for _, k := range order {
		writes := byShape[k]
		limit := g.db.rowsPerStatement(0, len(writes[0].row), false)
		for len(writes) > 0 {
			n := min(len(writes), limit)
			if n > exactRows {
				for n = 1; n*2 <= min(len(writes), limit); {
					n *= 2
				}
			}
			rows := make([][]any, n)
			for i, w := range writes[:n] {
				rows[i] = w.row
			}
			for q, args := range g.db.valuesStatements(k.head, k.tail, nil, rows, false) {
				out = append(out, statement{q, args})
			}
			writes = writes[n:]
		}
	}
	return out
}

// prepare adds the statements missing from stmts, prepared on the pool
// before the transaction takes a connection of it: SQLite's has only one.
func (g *groupCommit) prepare(ctx context.Context, statements []statement, stmts map[string]*sql.Stmt) error {
	for _, s := range statements {
		if _, ok := stmts[s.query]; ok {
			continue
		}
		stmt, err := g.pool.PrepareContext(ctx, s.query)
		if err != nil {
			return err
		}
		stmts[s.query] = stmt
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
