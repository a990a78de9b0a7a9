package postgres

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"testing"

	"spark.dev/spark/credentials"
	"spark.dev/spark/internal/fakereadwise"
	"spark.dev/spark/readwise"
	"spark.dev/spark/readwisesync"
	"spark.dev/spark/secure"
	"spark.dev/spark/store"
)

// An original database upgrades in place: every row kept, row for row; the
// schema's defects fixed; nothing in auth touched; the backend then works
// on it, and migrating again changes nothing.
func TestUpgradesTheOriginalDatabase(t *testing.T) {
	t.Parallel()
	url, conn := originalDatabase(t, "supabase", "original_schema", "original_rows")
	// Grants other than the migrating role's default privileges, which the
	// recreated search function must keep.
	if _, err := conn.ExecContext(t.Context(), `REVOKE ALL ON FUNCTION search_highlights_keyword FROM PUBLIC, anon`); err != nil {
		t.Fatal(err)
	}
	before, auth := snapshotRows(t, conn), snapshotCatalog(t, conn, "auth")
	grants := searchGrants(t, conn)

	s := openStore(t, url)
	assertRowsKept(t, before, snapshotRows(t, conn))
	assertUpgradedSchema(t, conn, auth)
	if got := searchGrants(t, conn); !slices.Equal(got, grants) {
		t.Errorf("search_highlights_keyword's grants after the upgrade: %q, want %q", got, grants)
	}
	assertReadwiseSyncWithLargeIDs(t, s, conn)
	assertSecondUserTakesFirstUsersNames(t, s, conn)
	assertMigratingAgainChangesNothing(t, url, conn)
	assertClearKeysTakenIn(t, s, conn)
}

// The early books shape (bigint rw_id unique across users, title, author,
// … without the rw_ prefix) becomes the standard one, every row kept.
func TestUpgradesTheEarlyBooksShape(t *testing.T) {
	t.Parallel()
	url, conn := originalDatabase(t, "supabase", "original_schema", "original_books_early", "original_rows_early_books")
	before, auth := snapshotRows(t, conn), snapshotCatalog(t, conn, "auth")
	for _, book := range before["books"] {
		for old, renamed := range earlyBookColumns {
			book[renamed] = book[old]
			delete(book, old)
		}
	}

	s := openStore(t, url)
	assertRowsKept(t, before, snapshotRows(t, conn))
	assertUpgradedSchema(t, conn, auth)
	if got := queryStrings(t, conn, `SELECT conname FROM pg_constraint WHERE conname = 'books_rw_id_key'`); len(got) > 0 {
		t.Error("books_rw_id_key (rw_id unique across users) is still there")
	}
	assertReadwiseSyncWithLargeIDs(t, s, conn)
	assertSecondUserTakesFirstUsersNames(t, s, conn)
	assertMigratingAgainChangesNothing(t, url, conn)
}

// earlyBookColumns maps the early books columns to their standard names.
var earlyBookColumns = map[string]string{
	"title": "rw_title", "author": "rw_author", "source": "rw_source",
	"cover_image_url": "rw_cover_image_url", "highlights_url": "rw_highlights_url", "asin": "rw_asin",
}

// A book of the early shape without a user has no place in the standard
// table (user_id NOT NULL): the upgrade stops, names it, and changes nothing.
func TestEarlyBookWithoutAUserStopsTheUpgrade(t *testing.T) {
	t.Parallel()
	url, conn := originalDatabase(t, "supabase", "original_schema", "original_books_early", "original_rows_early_books")
	if _, err := conn.ExecContext(t.Context(), `INSERT INTO books (id, title, rw_id)
		VALUES ('00000000-0001-0000-0000-000000000001', 'Nobody''s', 99)`); err != nil {
		t.Fatal(err)
	}
	before := snapshotRows(t, conn)
	s, err := Open(t.Context(), url)
	if err == nil {
		s.Close()
		t.Fatal("upgrading a book without a user succeeded, want an error")
	}
	if !strings.Contains(err.Error(), "00000000-0001-0000-0000-000000000001") {
		t.Errorf("error = %v, want one naming the book", err)
	}
	assertRowsKept(t, before, snapshotRows(t, conn))
	if got := queryStrings(t, conn, `SELECT column_name FROM information_schema.columns
		WHERE table_name = 'books' AND column_name = 'title'`); len(got) != 1 {
		t.Error("books lost its early column title: the failed upgrade changed the schema")
	}
}

// The original's function logs are unique by (function_id, run_id), and
// NULL function ids never collide, so one run id can be on several rows.
// Every row is kept; the earliest keeps the run id, the others get
// "<run id>/<row id>", so run_id can be unique.
func TestUpgradeKeepsFunctionLogsThatShareARunID(t *testing.T) {
	t.Parallel()
	url, conn := originalDatabase(t, "supabase", "original_schema", "original_rows")
	if _, err := conn.ExecContext(t.Context(), `INSERT INTO function_logs (id, function_name, function_id, status, started_at, run_id) VALUES
		('11111111-0009-0000-0000-000000000011', 'readwise-sync-highlights', NULL, 'started', '2025-10-01T09:00:00Z', '01K6RUN0000000000000000001'),
		('11111111-0009-0000-0000-000000000012', 'readwise-sync-highlights', 'spark-readwise-sync-highlights', 'completed', '2025-10-01T07:00:00Z', '01K6RUN0000000000000000001')`); err != nil {
		t.Fatal(err)
	}
	before := snapshotRows(t, conn)
	openStore(t, url)
	after := snapshotRows(t, conn)
	for _, row := range before["function_logs"] {
		if id := row["id"].(string); id == "11111111-0009-0000-0000-000000000001" || id == "11111111-0009-0000-0000-000000000011" {
			row["run_id"] = row["run_id"].(string) + "/" + id
		}
	}
	assertRowsKept(t, before, after)
}

// searchGrants lists who may call search_highlights_keyword.
func searchGrants(t *testing.T, conn *sql.DB) []string {
	t.Helper()
	return queryStrings(t, conn, `SELECT DISTINCT CASE WHEN grantee = 0 THEN 'PUBLIC' ELSE grantee::regrole::text END
		FROM pg_proc, aclexplode(coalesce(proacl, acldefault('f', proowner)))
		WHERE oid = 'search_highlights_keyword(text, uuid, integer)'::regprocedure AND privilege_type = 'EXECUTE' ORDER BY 1`)
}

// assertUpgradedSchema checks the fixed defects and that auth is as it was.
func assertUpgradedSchema(t *testing.T, conn *sql.DB, authBefore []string) {
	t.Helper()
	if got := snapshotCatalog(t, conn, "auth"); !slices.Equal(got, authBefore) {
		t.Errorf("the upgrade changed schema auth:\n got %q\nwant %q", got, authBefore)
	}
	global := queryStrings(t, conn, `SELECT conname FROM pg_constraint WHERE conname IN
		('tags_name_key', 'categories_slug_key', 'sparks_todo_id_key', 'sparks_md5_uid_key',
		 'function_logs_function_id_run_id_unique')`)
	if len(global) > 0 {
		t.Errorf("constraints %v are still there", global)
	}
	narrow := queryStrings(t, conn, `SELECT table_name || '.' || column_name FROM information_schema.columns
		WHERE table_schema = 'public' AND table_name IN ('books', 'highlights')
		  AND column_name IN ('rw_id', 'rw_book_id') AND data_type <> 'bigint'`)
	if len(narrow) > 0 {
		t.Errorf("columns %v are not bigint", narrow)
	}
	// Every Inngest request writes function_logs: no index on it that no
	// reader uses.
	logIndexes := queryStrings(t, conn, `SELECT indexname FROM pg_indexes WHERE tablename = 'function_logs' ORDER BY indexname`)
	if want := []string{"function_logs_pkey", "function_logs_run_id_key", "function_logs_user_id_started_at_idx"}; !slices.Equal(logIndexes, want) {
		t.Errorf("function_logs indexes %v, want %v", logIndexes, want)
	}
}

// assertReadwiseSyncWithLargeIDs syncs user 1 from a fake Readwise whose
// ids are above 2^31 and checks the rows arrived, and that the search
// function the frontend calls returns them.
func assertReadwiseSyncWithLargeIDs(t *testing.T, s store.Store, conn *sql.DB) {
	t.Helper()
	ctx := t.Context()
	const token = "rw-upgrade-token"
	lib := fakereadwise.NewLibrary()
	book := lib.AddBook(fakereadwise.Book{Title: "Large Ids", Category: "books", Source: "kindle"})
	h, err := lib.AddHighlight(book.ID, fakereadwise.Highlight{Text: "a quokka of sixty-four bits", Tags: []fakereadwise.Tag{{ID: 1 << 33, Name: "big"}}})
	if err != nil {
		t.Fatal(err)
	}
	fake := fakereadwise.New()
	t.Cleanup(fake.Close)
	fake.AddUser(token, lib)
	syncer := &readwisesync.Syncer{Store: s, Readwise: readwise.New(readwise.Options{BaseURL: fake.URL(), DisablePacing: true})}
	booksBefore, err := s.CountBooks(ctx, originalUser1)
	if err != nil {
		t.Fatal(err)
	}
	syncAllPages(t, ctx, syncer)

	if n, err := s.CountBooks(ctx, originalUser1); err != nil || n != booksBefore+1 {
		t.Errorf("CountBooks = %d, %v after the sync, want %d", n, err, booksBefore+1)
	}
	found := queryStrings(t, conn, `SELECT rw_id::text || ' ' || rw_book_id FROM search_highlights_keyword('quokka', $1)`, originalUser1)
	if want := []string{strconv.FormatInt(h.ID, 10) + " " + strconv.FormatInt(book.ID, 10)}; !slices.Equal(found, want) {
		t.Errorf("search_highlights_keyword found %q, want %q", found, want)
	}
}

func syncAllPages(t *testing.T, ctx context.Context, syncer *readwisesync.Syncer) {
	t.Helper()
	const token = "rw-upgrade-token"
	for next, first := "", true; first || next != ""; first = false {
		p, err := syncer.BooksPage(ctx, originalUser1, token, readwise.BookQuery{PageURL: next})
		if err != nil {
			t.Fatalf("book sync: %v", err)
		}
		next = p.Next
	}
	for cursor, first := "", true; first || cursor != ""; first = false {
		p, err := syncer.HighlightsPage(ctx, originalUser1, token, readwise.ExportQuery{Cursor: cursor})
		if err != nil {
			t.Fatalf("highlight sync: %v", err)
		}
		cursor = p.NextCursor
	}
}

// assertSecondUserTakesFirstUsersNames imports, for each user in turn, a
// spark with user 1's category slug, tag name, uid and to-do id: names
// unique across users in the original, per user now.
func assertSecondUserTakesFirstUsersNames(t *testing.T, s store.Store, conn *sql.DB) {
	t.Helper()
	spark := store.NewSpark{UID: "airtable-uid-1001", TodoID: "todo-1001", Body: "Shared names.",
		CategoryName: "Psychology", CategorySlug: "psychology", Tags: []string{"favorite"}}
	for _, user := range []string{originalUser1, originalUser2} {
		if _, err := s.ImportSparks(t.Context(), user, []store.NewSpark{spark}); err != nil {
			t.Fatalf("import for %s: %v", user, err)
		}
	}
	got := queryStrings(t, conn, `SELECT 'category ' || user_id FROM categories WHERE slug = 'psychology'
		UNION ALL SELECT 'tag ' || user_id FROM tags WHERE name = 'favorite'
		UNION ALL SELECT 'spark ' || user_id FROM sparks WHERE md5_uid = 'airtable-uid-1001' AND todo_id = 'todo-1001'
		ORDER BY 1`)
	var want []string
	for _, kind := range []string{"category", "spark", "tag"} {
		want = append(want, kind+" "+originalUser1, kind+" "+originalUser2)
	}
	if !slices.Equal(got, want) {
		t.Errorf("rows named alike: %q, want %q", got, want)
	}
}

// assertMigratingAgainChangesNothing runs 0004–0007 again (their versions
// forgotten) by opening the store, and compares catalog and rows.
func assertMigratingAgainChangesNothing(t *testing.T, url string, conn *sql.DB) {
	t.Helper()
	catalog, rows := snapshotCatalog(t, conn, "public", "auth"), snapshotRows(t, conn)
	if _, err := conn.ExecContext(t.Context(), `DELETE FROM schema_migrations WHERE version BETWEEN 4 AND 7`); err != nil {
		t.Fatal(err)
	}
	openStore(t, url)
	if got := snapshotCatalog(t, conn, "public", "auth"); !slices.Equal(got, catalog) {
		t.Errorf("migrating again changed the catalog:\n got %q\nwant %q", got, catalog)
	}
	assertRowsKept(t, rows, snapshotRows(t, conn))
}

// assertClearKeysTakenIn checks that the keys the original left in clear in
// user 1's settings are, after the first use, encrypted credentials, with
// only their masked form left in the document.
func assertClearKeysTakenIn(t *testing.T, s store.Store, conn *sql.DB) {
	t.Helper()
	user := originalUser1
	cipher, err := secure.NewCipher(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	vault := credentials.NewVault(s, cipher)
	for p, clear := range map[store.Provider]string{
		store.Readwise: "rw-clear-key-0123456789abcdef",
		store.Airtable: "patAbCdEfGhIjKlMn.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
	} {
		cred, err := vault.Get(t.Context(), user, p)
		if err != nil || cred.Token != clear {
			t.Errorf("%s: the credential after the upgrade is %q, %v; want the key the settings held", p, cred.Token, err)
		}
		var inDocument string
		if err := conn.QueryRowContext(t.Context(), `SELECT settings #>> $2 FROM user_settings WHERE id = $1`,
			user, "{integrations,"+string(p)+",apiKey}").Scan(&inDocument); err != nil {
			t.Fatal(err)
		}
		if inDocument != secure.Mask(clear) {
			t.Errorf("%s: the settings document holds %q, want the masked %q", p, inDocument, secure.Mask(clear))
		}
		var secret []byte
		if err := conn.QueryRowContext(t.Context(), `SELECT secret FROM credentials WHERE user_id = $1 AND provider = $2`, user, string(p)).Scan(&secret); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(secret), clear) {
			t.Errorf("%s: the stored credential holds the key in clear", p)
		}
	}
}
