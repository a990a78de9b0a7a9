package postgres_test

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"

	"spark.dev/spark/airtable"
	"spark.dev/spark/airtableimport"
	"spark.dev/spark/credentials"
	"spark.dev/spark/internal/fakeairtable"
	"spark.dev/spark/internal/fakereadwise"
	"spark.dev/spark/internal/testenv"
	"spark.dev/spark/internal/testtoken"
	"spark.dev/spark/readwise"
	"spark.dev/spark/readwisesync"
	"spark.dev/spark/store"
	"spark.dev/spark/store/postgres"
)

// ownerRole stands for Supabase's postgres role: it owns the tables but is
// no superuser, so RLS would apply to it if FORCE were set. Roles belong to
// the cluster, so it is created once and kept.
const ownerRole = "spark_supabase_owner"

// supabaseDatabase builds a fresh Supabase-shaped database (testdata
// supabase.sql) whose public tables ownerRole will own, with the users in
// auth.users. It returns a superuser connection and the backend's URL.
func supabaseDatabase(t *testing.T, users []string) (*sql.DB, string) {
	t.Helper()
	dsn := testenv.PostgresDatabase(t)
	admin := openDB(t, dsn)
	exec(t, admin, fmt.Sprintf(`DO $$ BEGIN
		IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%[1]s') THEN CREATE ROLE %[1]s LOGIN; END IF;
		EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`, ownerRole))
	exec(t, admin, sqlFile(t, "testdata/supabase.sql"))
	// What Supabase's postgres role has and the fixture gives the role that
	// ran it: tables it creates reach the API roles, it owns the publication.
	u, _ := url.Parse(dsn)
	exec(t, admin, `GRANT CREATE ON DATABASE `+u.Path[1:]+` TO `+ownerRole+`;
		GRANT CREATE ON SCHEMA public TO `+ownerRole+`;
		GRANT USAGE ON SCHEMA auth TO `+ownerRole+`;
		ALTER PUBLICATION supabase_realtime OWNER TO `+ownerRole+`;
		ALTER DEFAULT PRIVILEGES FOR ROLE `+ownerRole+` IN SCHEMA public
			GRANT ALL ON TABLES TO anon, authenticated, service_role;
		ALTER DEFAULT PRIVILEGES FOR ROLE `+ownerRole+` IN SCHEMA public
			GRANT ALL ON SEQUENCES TO anon, authenticated, service_role;
		ALTER DEFAULT PRIVILEGES FOR ROLE `+ownerRole+` IN SCHEMA public
			GRANT ALL ON FUNCTIONS TO anon, authenticated, service_role`)
	for i, id := range users {
		exec(t, admin, `INSERT INTO auth.users (id, email) VALUES ($1, $2)`, id, fmt.Sprintf("user%d@example.com", i))
	}
	u.User = url.User(ownerRole)
	return admin, u.String()
}

func openDB(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func exec(t *testing.T, db *sql.DB, query string, args ...any) {
	t.Helper()
	if _, err := db.Exec(query, args...); err != nil {
		t.Fatalf("%.80s: %v", query, err)
	}
}

func sqlFile(t *testing.T, name string) string {
	t.Helper()
	text, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(text)
}

func openStore(t *testing.T, dsn string) store.Store {
	t.Helper()
	s, err := postgres.Open(t.Context(), dsn)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// syncReadwise runs a first book and highlight sync for user from the fake.
func syncReadwise(t *testing.T, st store.Store, user string, lib *fakereadwise.Library) {
	fake := fakereadwise.New()
	t.Cleanup(fake.Close)
	fake.SetLimits(fakereadwise.Limits{List: 1 << 30, Other: 1 << 30})
	fake.AddUser("rw-"+user, lib)
	s := &readwisesync.Syncer{Store: st, Readwise: readwise.New(readwise.Options{BaseURL: fake.URL(), DisablePacing: true})}
	for next, first := "", true; first || next != ""; first = false {
		p, err := s.BooksPage(t.Context(), user, "rw-"+user, readwise.BookQuery{PageURL: next})
		if err != nil {
			t.Fatal(err)
		}
		next = p.Next
	}
	for cursor, first := "", true; first || cursor != ""; first = false {
		p, err := s.HighlightsPage(t.Context(), user, "rw-"+user, readwise.ExportQuery{Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		cursor = p.NextCursor
	}
}

// importAirtable imports records for user and returns the sparks imported.
func importAirtable(t *testing.T, st store.Store, user string, records []fakeairtable.Record) int {
	fake := fakeairtable.New()
	t.Cleanup(fake.Close)
	cred := credentials.Credential{Token: "at-" + user, BaseID: "appSupabase000001", TableID: "tblSupabase000001"}
	fake.AddTable(cred.Token, cred.BaseID, cred.TableID, records)
	im := &airtableimport.Importer{Store: st, Airtable: airtable.New(airtable.Options{BaseURL: fake.URL(), DisablePacing: true})}
	var total airtableimport.Progress
	for offset, first := "", true; first || offset != ""; first = false {
		p, err := im.Page(t.Context(), user, cred, offset)
		if err != nil {
			t.Fatal(err)
		}
		total, offset = total.Add(p), p.Offset
	}
	return total.ImportedRecords
}

// asRole runs query the way PostgREST runs a request: in a transaction as
// role, with the JWT claims (none for anon), rolled back. It returns the
// rows as one JSON array and their number.
func asRole(ctx context.Context, t *testing.T, db *sql.DB, role, sub, query string) (string, int) {
	t.Helper()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if role != "" {
		if _, err := tx.Exec(`SET LOCAL ROLE ` + role); err != nil {
			t.Fatal(err)
		}
	}
	if sub != "" {
		claims := fmt.Sprintf(`{"sub":%q,"role":%q}`, sub, role)
		if _, err := tx.Exec(`SELECT set_config('request.jwt.claims', $1, true)`, claims); err != nil {
			t.Fatal(err)
		}
	}
	var rows string
	var n int
	err = tx.QueryRow(`SELECT coalesce(json_agg(r), '[]')::text, count(*) FROM (`+query+`) r`).Scan(&rows, &n)
	if err != nil {
		t.Fatalf("%s as %s: %v", query, role, err)
	}
	return rows, n
}

// catalogSnapshot is what the Supabase migration decides: policies, RLS
// flags, FORCE flags and realtime's tables.
func catalogSnapshot(t *testing.T, db *sql.DB) string {
	t.Helper()
	var s string
	err := db.QueryRow(`SELECT concat_ws(E'\n', (` + policySnapshot + `),
		(SELECT string_agg(relname || ' rls=' || relrowsecurity || ' force=' || relforcerowsecurity, E'\n' ORDER BY relname)
		   FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')),
		(SELECT string_agg(pubname || ' ' || schemaname || '.' || tablename, E'\n' ORDER BY 1) FROM pg_publication_tables))`).Scan(&s)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSupabase syncs and imports two users' data through the real code paths
// into a fresh Supabase-shaped database, then reads it as the frontend does.
func TestSupabase(t *testing.T) {
	ctx := t.Context()
	users := []string{testtoken.UserID(0x5ba1), testtoken.UserID(0x5ba2)}
	admin, dsn := supabaseDatabase(t, users)
	st := openStore(t, dsn)
	owner := openDB(t, dsn)

	type params struct{ user, book, rwID, automation string }
	var mine []params
	for i, user := range users {
		lib := fakereadwise.GenerateLibrary(int64(i+1), 4+i, 30+10*i)
		syncReadwise(t, st, user, lib)
		sparks := importAirtable(t, st, user, fakeairtable.GenerateTable(int64(i+1), 12+i, fakeairtable.TableOptions{UIDPrefix: user[len(user)-4:] + "-"}))
		for j := range 2 + i {
			run := fmt.Sprintf("run-%d-%d", i, j)
			if err := st.WriteFunctionLog(ctx, store.FunctionLog{RunID: run, FunctionID: "spark-readwise-sync", FunctionName: "Readwise sync", UserID: user, Status: store.RunStarted}); err != nil {
				t.Fatal(err)
			}
		}
		// Rows no backend path writes (the frontend does), by the owner.
		var note, automation string
		if err := owner.QueryRow(`INSERT INTO notes (user_id, content) VALUES ($1, 'a note') RETURNING id`, user).Scan(&note); err != nil {
			t.Fatal(err)
		}
		exec(t, owner, `INSERT INTO highlight_notes (highlight_id, note_id) SELECT id, $2 FROM highlights WHERE user_id = $1 LIMIT 1`, user, note)
		exec(t, owner, `INSERT INTO user_settings (id, settings) VALUES ($1, '{"theme":"dark"}') ON CONFLICT DO NOTHING`, user)
		if err := owner.QueryRow(`INSERT INTO automations (user_id, name, source) VALUES ($1, 'tag it', 'ai') RETURNING id`, user).Scan(&automation); err != nil {
			t.Fatal(err)
		}
		exec(t, owner, `INSERT INTO automation_actions (automation_id, action_data) VALUES ($1, '{"action":"create_tag","tag_name":"x"}')`, automation)

		p := params{user: user, automation: automation}
		if err := owner.QueryRow(`SELECT id, rw_id FROM books WHERE user_id = $1 AND rw_num_highlights > 0 ORDER BY rw_title LIMIT 1`, user).Scan(&p.book, &p.rwID); err != nil {
			t.Fatal(err)
		}
		mine = append(mine, p)
		counts := map[string]int{"getBasicBookInfo": len(lib.Books()), "getSparks": sparks, "function_logs realtime / getFunctionLogs": 2 + i}
		for name, want := range counts {
			if _, n := asRole(ctx, t, owner, "", "", strings.ReplaceAll(readByName(name).sql, "{me}", user)); n != want || want == 0 {
				t.Fatalf("%s: the owner stored %d rows for user %d, want %d (> 0)", name, n, i, want)
			}
		}
	}

	for _, r := range frontendReads {
		for i, p := range mine {
			other := users[1-i]
			fill := strings.NewReplacer("{me}", p.user, "{book}", p.book, "{rw_id}", p.rwID, "{automation}", p.automation)
			query, expect := fill.Replace(r.sql), fill.Replace(cmp.Or(r.expect, r.sql))
			want, n := asRole(ctx, t, owner, "", p.user, expect) // the owner bypasses RLS
			if n == 0 {
				t.Fatalf("%s: user %d has no rows to read", r.name, i)
			}
			if got, _ := asRole(ctx, t, admin, "authenticated", p.user, query); got != want {
				t.Errorf("%s as user %d:\n got %.300s\nwant %.300s", r.name, i, got, want)
			}
			if r.owned != "" {
				query = `SELECT * FROM (` + query + `) o WHERE ` + fill.Replace(r.owned)
			}
			if got, n := asRole(ctx, t, admin, "authenticated", other, query); n != 0 {
				t.Errorf("%s: the other user reads %d of user %d's rows: %.300s", r.name, n, i, got)
			}
			if got, n := asRole(ctx, t, admin, "anon", "", query); n != 0 {
				t.Errorf("%s: anon reads %d of user %d's rows: %.300s", r.name, n, i, got)
			}
		}
	}
}

// TestSupabaseCatalog: realtime carries function_logs, the backend's own
// tables show nothing to the API roles, and migrating again (a second start,
// the migration itself once more) changes no policy, flag or publication.
func TestSupabaseCatalog(t *testing.T) {
	ctx := t.Context()
	user := testtoken.UserID(0x5ba3)
	admin, dsn := supabaseDatabase(t, []string{user})
	st := openStore(t, dsn)
	owner := openDB(t, dsn)
	if err := st.WriteFunctionLog(ctx, store.FunctionLog{RunID: "run-rt", FunctionID: "f", FunctionName: "F", UserID: user, Status: store.RunStarted}); err != nil {
		t.Fatal(err)
	}
	// A row in each of the backend's own tables, written as the backend.
	exec(t, owner, `INSERT INTO callback_nonces (nonce, expires_at) VALUES ('n1', now() + interval '1 hour');
		INSERT INTO credentials (user_id, provider, secret) VALUES ('`+user+`', 'readwise', '\\x00');
		INSERT INTO readwise_state (user_id) VALUES ('`+user+`');
		INSERT INTO airtable_state (user_id) VALUES ('`+user+`')`)
	var member bool
	if err := admin.QueryRow(`SELECT EXISTS (SELECT 1 FROM pg_publication_tables
		WHERE pubname = 'supabase_realtime' AND schemaname = 'public' AND tablename = 'function_logs')`).Scan(&member); err != nil || !member {
		t.Fatalf("function_logs in supabase_realtime: %v, %v", member, err)
	}
	if _, n := asRole(ctx, t, admin, "authenticated", user, `SELECT * FROM function_logs`); n != 1 {
		t.Errorf("the owner of the run reads %d function_logs rows, want 1", n)
	}
	for _, table := range []string{"credentials", "readwise_state", "airtable_state", "callback_nonces", "schema_migrations"} {
		if _, n := asRole(ctx, t, owner, "", "", `SELECT * FROM `+table); n == 0 {
			t.Fatalf("%s is empty: the check below would prove nothing", table)
		}
		for _, role := range []string{"authenticated", "anon"} {
			if got, n := asRole(ctx, t, admin, role, user, `SELECT * FROM `+table); n != 0 {
				t.Errorf("%s reads %d rows of %s: %.200s", role, n, table, got)
			}
		}
	}
	var open int
	if err := admin.QueryRow(`SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace
		AND relkind IN ('r', 'p') AND NOT relrowsecurity`).Scan(&open); err != nil || open != 0 {
		t.Errorf("%d public tables without RLS (%v)", open, err)
	}

	before := catalogSnapshot(t, admin)
	openStore(t, dsn) // the app starts again on this database
	exec(t, owner, sqlFile(t, "migrations/0008_supabase.sql"))
	if after := catalogSnapshot(t, admin); after != before {
		t.Errorf("migrating again changed the catalog:\n%s\nwas\n%s", after, before)
	}
}

const policySnapshot = `SELECT string_agg(concat_ws('|', tablename, policyname, permissive, roles::text, cmd, qual, with_check),
	E'\n' ORDER BY tablename, policyname) FROM pg_policies WHERE schemaname = 'public'`

// TestSupabaseOriginalPolicies: on the original's database, which has all
// the policies already, the migration adds and changes nothing.
func TestSupabaseOriginalPolicies(t *testing.T) {
	admin := openDB(t, testenv.PostgresDatabase(t))
	for _, f := range []string{"testdata/supabase.sql", "testdata/original_schema.sql"} {
		exec(t, admin, sqlFile(t, f))
	}
	before := catalogSnapshot(t, admin)
	exec(t, admin, sqlFile(t, "migrations/0008_supabase.sql"))
	if after := catalogSnapshot(t, admin); after != before {
		t.Errorf("the migration changed the original's catalog:\n%s\nwas\n%s", after, before)
	}
	// A fresh Supabase database gets exactly the original's policies.
	fresh, dsn := supabaseDatabase(t, nil)
	openStore(t, dsn)
	var want, got string
	if err := admin.QueryRow(policySnapshot).Scan(&want); err != nil {
		t.Fatal(err)
	}
	if err := fresh.QueryRow(policySnapshot).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("fresh Supabase policies:\n%s\nthe original's:\n%s", got, want)
	}
}

// TestPlainPostgresNoRLS: without auth.uid() (the API roles may exist: they
// belong to the cluster) nothing is enabled, so self-hosters see no change.
func TestPlainPostgresNoRLS(t *testing.T) {
	dsn := testenv.PostgresDatabase(t)
	openStore(t, dsn)
	var policies, secured int
	err := openDB(t, dsn).QueryRow(`SELECT (SELECT count(*) FROM pg_policies),
		(SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relrowsecurity)`).Scan(&policies, &secured)
	if err != nil || policies != 0 || secured != 0 {
		t.Errorf("plain PostgreSQL: %d policies, %d tables with RLS (%v), want none", policies, secured, err)
	}
}

func readByName(name string) frontendRead {
	for _, r := range frontendReads {
		if r.name == name {
			return r
		}
	}
	panic("no read " + name)
}
