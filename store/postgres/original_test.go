package postgres

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"spark.dev/spark/internal/testenv"
	"spark.dev/spark/store"
)

// The two users of the fixtures' rows (testdata/README.md).
const (
	originalUser1 = "11111111-1111-1111-1111-111111111111"
	originalUser2 = "22222222-2222-2222-2222-222222222222"
)

// originalDatabase builds a database as the original's migrations leave it,
// from the fixture files in testdata (without .sql), each in one
// transaction, and returns its URL and a connection to it.
func originalDatabase(t *testing.T, fixtures ...string) (string, *sql.DB) {
	t.Helper()
	url := testenv.PostgresDatabase(t)
	conn, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	for _, f := range fixtures {
		text, err := os.ReadFile(filepath.Join("testdata", f+".sql"))
		if err != nil {
			t.Fatal(err)
		}
		// No arguments: pgx sends the file as one simple query, which the
		// server runs as one implicit transaction (like psql -1).
		if _, err := conn.ExecContext(t.Context(), string(text)); err != nil {
			t.Fatalf("load %s: %v", f, err)
		}
	}
	return url, conn
}

// openStore opens the store (migrating) and closes it when the test ends.
func openStore(t *testing.T, url string) store.Store {
	t.Helper()
	s, err := Open(t.Context(), url)
	if err != nil {
		t.Fatalf("open the store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// tableRows is every row of every table in public but schema_migrations,
// each row a JSON object, by table.
type tableRows map[string][]map[string]any

func snapshotRows(t *testing.T, conn *sql.DB) tableRows {
	t.Helper()
	tables := queryStrings(t, conn, `SELECT relname FROM pg_class
		WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname <> 'schema_migrations'`)
	snap := tableRows{}
	for _, table := range tables {
		for _, text := range queryStrings(t, conn, `SELECT to_jsonb(t)::text FROM public.`+table+` t`) {
			var row map[string]any
			if err := json.Unmarshal([]byte(text), &row); err != nil {
				t.Fatal(err)
			}
			snap[table] = append(snap[table], row)
		}
	}
	return snap
}

// assertRowsKept checks that every row of before is in after, row for row,
// comparing only before's columns (an upgrade may add some) and nothing
// else: no row lost, none added, none changed.
func assertRowsKept(t *testing.T, before, after tableRows) {
	t.Helper()
	for table, rows := range before {
		var columns []string
		if len(rows) > 0 {
			for c := range rows[0] {
				columns = append(columns, c)
			}
		}
		want, got := rowTexts(rows, columns), rowTexts(after[table], columns)
		if !slices.Equal(got, want) {
			t.Errorf("table %s after the upgrade:\n got %q\nwant %q", table, got, want)
		}
	}
	for table := range after {
		if _, ok := before[table]; !ok && len(after[table]) > 0 && !slices.Contains(ownTables, table) {
			t.Errorf("table %s has %d rows after the upgrade, none before", table, len(after[table]))
		}
	}
}

// ownTables are this backend's tables, which an original database lacks.
var ownTables = []string{"credentials", "readwise_state", "airtable_state", "callback_nonces"}

// rowTexts is each row as JSON of only columns, sorted.
func rowTexts(rows []map[string]any, columns []string) []string {
	texts := []string{}
	for _, row := range rows {
		kept := map[string]any{}
		for _, c := range columns {
			kept[c] = row[c]
		}
		b, _ := json.Marshal(kept)
		texts = append(texts, string(b))
	}
	slices.Sort(texts)
	return texts
}

// snapshotCatalog describes what the schemas hold: columns, constraints,
// indexes, functions, views, policies, triggers, grants and the realtime
// publication's tables; one sorted line each.
func snapshotCatalog(t *testing.T, conn *sql.DB, schemas ...string) []string {
	t.Helper()
	return queryStrings(t, conn, `
		WITH s AS (SELECT oid, nspname FROM pg_namespace WHERE nspname = ANY($1))
		SELECT concat_ws(' ', 'column', table_schema, table_name, column_name, data_type, is_nullable, column_default)
		FROM information_schema.columns WHERE table_schema IN (SELECT nspname FROM s)
		UNION ALL SELECT concat_ws(' ', 'constraint', conrelid::regclass, conname, pg_get_constraintdef(oid))
		FROM pg_constraint WHERE connamespace IN (SELECT oid FROM s)
		UNION ALL SELECT concat_ws(' ', 'index', schemaname, indexdef)
		FROM pg_indexes WHERE schemaname IN (SELECT nspname FROM s)
		UNION ALL SELECT concat_ws(' ', 'function', oid::regprocedure, proacl, pg_get_functiondef(oid))
		FROM pg_proc WHERE pronamespace IN (SELECT oid FROM s) AND prokind = 'f'
		UNION ALL SELECT concat_ws(' ', 'view', schemaname, viewname, definition)
		FROM pg_views WHERE schemaname IN (SELECT nspname FROM s)
		UNION ALL SELECT concat_ws(' ', 'policy', schemaname, tablename, policyname, cmd, roles, qual, with_check)
		FROM pg_policies WHERE schemaname IN (SELECT nspname FROM s)
		UNION ALL SELECT concat_ws(' ', 'trigger', tgrelid::regclass, tgname, pg_get_triggerdef(oid))
		FROM pg_trigger WHERE NOT tgisinternal AND tgrelid IN (SELECT oid FROM pg_class WHERE relnamespace IN (SELECT oid FROM s))
		UNION ALL SELECT concat_ws(' ', 'relation', relnamespace::regnamespace, relname, relkind, relacl, relrowsecurity)
		FROM pg_class WHERE relnamespace IN (SELECT oid FROM s)
		UNION ALL SELECT concat_ws(' ', 'publication', pubname, schemaname, tablename)
		FROM pg_publication_tables WHERE schemaname IN (SELECT nspname FROM s)
		ORDER BY 1`, schemas)
}

func queryStrings(t *testing.T, conn *sql.DB, query string, args ...any) []string {
	t.Helper()
	rows, err := conn.QueryContext(t.Context(), query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
