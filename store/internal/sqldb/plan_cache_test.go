package sqldb

import (
	"context"
	"database/sql"
	"net/url"
	"testing"
	"time"

	"spark.dev/spark/internal/testenv"
)

// A page's inserts run with generic plans, and what follows them in the
// transaction, and the session after it, with the session's own mode.
func TestGenericPlansLastForTheInserts(t *testing.T) {
	u, err := url.Parse(testenv.PostgresDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("plan_cache_mode", "force_custom_plan") // as postgres.Open sets it
	u.RawQuery = q.Encode()
	pool, err := sql.Open("pgx", u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	pool.SetMaxOpenConns(1) // one session throughout
	db := &DB{sql: pool, dialect: Dialect{PlanCacheMode: true, WriteWait: time.Minute, Busy: func(error) bool { return false }}}
	mode := func(q interface {
		QueryRowContext(context.Context, string, ...any) *sql.Row
	}) string {
		t.Helper()
		var m string
		if err := q.QueryRowContext(t.Context(), `SHOW plan_cache_mode`).Scan(&m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	var during, after string
	err = db.inTx(t.Context(), func(tx *sql.Tx) error {
		if err := db.withGenericPlans(t.Context(), tx, func() error { during = mode(tx); return nil }); err != nil {
			return err
		}
		after = mode(tx)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if during != "force_generic_plan" || after != "force_custom_plan" {
		t.Errorf("plan_cache_mode during the inserts %q, after them %q; want force_generic_plan, then the session's force_custom_plan", during, after)
	}
	if got := mode(pool); got != "force_custom_plan" {
		t.Errorf("the session's plan_cache_mode after the transaction = %q, want force_custom_plan", got)
	}
}
