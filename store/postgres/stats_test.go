package postgres_test

import (
	"database/sql"
	"fmt"
	"testing"
	"time"

	"spark.dev/spark/internal/testenv"
	"spark.dev/spark/store"
	"spark.dev/spark/store/postgres"
)

// A first sync fills highlights long before the server's own analyzer looks
// at the table (here it never does): the store gathers the statistics
// itself once the table has doubled since they were last gathered, so that
// the lookup of a page's stored tags probes the index instead of reading
// every highlight of the user.
func TestFirstSyncGathersTheStatistics(t *testing.T) {
	url := testenv.PostgresDatabase(t)
	s, err := postgres.Open(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	conn, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(t.Context(), `ALTER TABLE highlights SET (autovacuum_enabled = false)`); err != nil {
		t.Fatal(err)
	}
	const user = "00000000-0000-4000-8000-00000000057a"
	next := int64(1)
	apply := func(n int) {
		page := store.HighlightPage{Books: []store.Book{{RWID: 1, Title: "Statistics"}}}
		for range n {
			page.Highlights = append(page.Highlights, store.Highlight{RWID: next, BookRWID: 1, Text: fmt.Sprint("highlight ", next)})
			next++
		}
		if _, err := s.ApplyHighlights(t.Context(), user, page); err != nil {
			t.Fatal(err)
		}
	}
	apply(1200)
	// The live count reaches the statistics views within a second or so of
	// a commit; each later page asks again.
	testenv.WaitFor(t, 30*time.Second, "highlights' statistics to count the first page", func() bool {
		time.Sleep(200 * time.Millisecond)
		apply(1)
		var tuples float64
		if err := conn.QueryRowContext(t.Context(), `SELECT reltuples FROM pg_class WHERE oid = 'highlights'::regclass`).Scan(&tuples); err != nil {
			t.Fatal(err)
		}
		return tuples >= 1200
	})
}
