package storetest

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"testing"
	"time"

	"spark.dev/spark/store"
)

// v1Time is when the rows of the first schema were written, as text: both
// engines read it into their time columns.
const v1Time = "2026-01-02T03:04:05.000006Z"

// RunV1Conversion checks that a database of this backend's first schema
// (migrations 0001 and 0002) arrives whole in the original's schema:
// newDatabase returns a fresh, empty database; openV1 opens it migrated only
// that far (returning a store that can Exec); open is the engine's Open.
func RunV1Conversion(t *testing.T, newDatabase func(t *testing.T) string, openV1 func(t *testing.T, dsn string) store.Store, open func(ctx context.Context, dsn string) (store.Store, error)) {
	t.Parallel()
	dsn := newDatabase(t)
	v1 := openV1(t, dsn)
	seedV1(t, v1)
	if err := v1.Close(); err != nil {
		t.Fatal(err)
	}
	s := mustOpen(t, open, dsn)
	defer s.Close()
	ctx := t.Context()
	in := Inspect(t, s)

	settings, err := s.GetSettings(ctx, userA)
	if err != nil {
		t.Fatalf("GetSettings: %v", err)
	}
	assertJSONEqual(t, settings, json.RawMessage(`{"theme":"dark"}`))
	if c, err := s.GetCredential(ctx, userA, store.Airtable); err != nil || string(c.Secret) != "sealed" || c.BaseID != "appBase" {
		t.Errorf("airtable credential = %+v, %v; want the sealed one with its base", c, err)
	}
	if users, err := s.UsersWithCredential(ctx, store.Readwise, "", 10); err != nil || !slices.Equal(users, []string{userA, userB}) {
		t.Errorf("UsersWithCredential = %v, %v; want both users", users, err)
	}
	at := mustParse(t, v1Time)
	if got := getReadwiseState(t, s, userA); got.BookCount != 42 || !got.IsConnected || !got.FullSyncDone ||
		!got.LastSyncTime.Equal(at) || !got.HighlightsCursor.Equal(at) {
		t.Errorf("readwise state = %+v, want 42 books, connected, synced at %s", got, v1Time)
	}
	if got, err := s.GetAirtableState(ctx, userA); err != nil || !got.IsConnected {
		t.Errorf("airtable state = %+v, %v; want connected", got, err)
	} else {
		assertJSONEqual(t, got.LastImport, json.RawMessage(`{"importedRecords":1}`))
	}

	books, err := in.Books(ctx, userA, 0, 10)
	wantBook := store.Book{RWID: bigID, Title: "Book", Author: "Author", NumHighlights: 2, Updated: at,
		ReadableTitle: "Readable", ReadwiseURL: "https://readwise.io/bookreview/1", Tags: []string{"philosophy"}}
	if err != nil || !reflect.DeepEqual(books, []store.Book{wantBook}) {
		t.Errorf("books = %+v, %v; want %+v", books, err, wantBook)
	}
	location := int64(7)
	wantHighlights := []store.Highlight{
		{RWID: bigID + 1, BookRWID: bigID, Text: "first", Location: &location, Updated: at,
			Tags: []store.Tag{{ID: 5, Name: "Deep Work"}}, IsFavorite: true},
		{RWID: bigID + 2, BookRWID: bigID, Text: "second"},
	}
	if got := allHighlights(t, s, userA); !reflect.DeepEqual(got, wantHighlights) {
		t.Errorf("highlights =\n%+v\nwant\n%+v", got, wantHighlights)
	}
	wantLinks := []store.HighlightTag{{HighlightRWID: bigID + 1, Tag: "deep-work", CreatedBy: store.CreatedByReadwise}}
	if got, err := in.HighlightTags(ctx, userA); err != nil || !reflect.DeepEqual(got, wantLinks) {
		t.Errorf("highlight tags = %+v, %v; want %+v", got, err, wantLinks)
	}
	wantSparks := []store.Spark{{UID: "uid-1", Body: "a spark", TodoID: "todo-1", TodoCreatedAt: at, AirtableRecordID: "rec1",
		Categories: []store.Category{{Name: "Faith", Slug: "faith"}}, Tags: []string{"hope", "prayer"}}}
	if got := withoutIDs(t, allSparks(t, s, userA)); !reflect.DeepEqual(got, wantSparks) {
		t.Errorf("sparks =\n%+v\nwant\n%+v", got, wantSparks)
	}
	logs, total, err := s.FunctionLogs(ctx, userA, store.FunctionLogQuery{Limit: 10, OrderBy: "started_at"})
	if err != nil || total != 1 || len(logs) != 1 {
		t.Fatalf("function logs = %+v, %d, %v; want the one run", logs, total, err)
	}
	if l := logs[0]; l.RunID != "01RUN" || l.FunctionName != "readwise-sync-books" || l.EventName != "readwise/books.sync" ||
		l.Status != store.RunFailed || l.ErrorMessage != "boom" || !l.StartedAt.Equal(at) || l.DurationMS == nil || *l.DurationMS != 1500 {
		t.Errorf("function log = %+v, want the failed run", l)
	} else {
		assertJSONEqual(t, l.Input, json.RawMessage(`{"name":"readwise/books.sync"}`))
		assertJSONEqual(t, l.Result, json.RawMessage(`{"step":1}`))
	}
	for user, want := range map[string]int{userA: 1, userB: 1} {
		if n, err := s.CountBooks(ctx, user); err != nil || n != want {
			t.Errorf("CountBooks(%s) = %d, %v; want %d", user, n, err, want)
		}
	}

	// The converted rows take part like any: a highlight finds its book, and
	// deleting the book takes its highlights with it.
	page := store.HighlightPage{Highlights: []store.Highlight{{RWID: bigID + 3, BookRWID: bigID}}}
	if _, err := s.ApplyHighlights(ctx, userA, page); err != nil {
		t.Fatalf("ApplyHighlights on a converted book: %v", err)
	}
	if _, err := s.ApplyHighlights(ctx, userA, store.HighlightPage{DeletedBooks: []int64{bigID}}); err != nil {
		t.Fatal(err)
	}
	if n, err := s.CountHighlights(ctx, userA); err != nil || n != 0 {
		t.Errorf("CountHighlights after deleting the converted book = %d, %v; want 0", n, err)
	}
}

// seedV1 writes a user's rows in every table of the first schema, and a
// book of a second user with the same Readwise id.
func seedV1(t *testing.T, s store.Store) {
	t.Helper()
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO user_settings (user_id, settings, updated_at) VALUES ($1, '{"theme":"dark"}', $2)`, []any{userA, v1Time}},
		{`INSERT INTO credentials (user_id, provider, secret, base_id) VALUES ($1, 'airtable', $2, 'appBase')`, []any{userA, []byte("sealed")}},
		{`INSERT INTO credentials (user_id, provider, secret) VALUES ($1, 'readwise', $2)`, []any{userA, []byte("a")}},
		{`INSERT INTO credentials (user_id, provider, secret) VALUES ($1, 'readwise', $2)`, []any{userB, []byte("b")}},
		{`INSERT INTO readwise_state (user_id, is_connected, book_count, last_sync_time, highlights_cursor, full_sync_done)
			VALUES ($1, $2, 42, $3, $3, $2)`, []any{userA, true, v1Time}},
		{`INSERT INTO airtable_state (user_id, is_connected, last_import) VALUES ($1, $2, '{"importedRecords":1}')`, []any{userA, true}},
		{`INSERT INTO books (user_id, rw_id, title, author, num_highlights, updated, tags, readable_title, readwise_url)
			VALUES ($1, $2, 'Book', 'Author', 2, $3, '[{"id":1,"name":"philosophy"}]', 'Readable', 'https://readwise.io/bookreview/1')`,
			[]any{userA, bigID, v1Time}},
		{`INSERT INTO books (user_id, rw_id, title) VALUES ($1, $2, 'Theirs')`, []any{userB, bigID}},
		{`INSERT INTO highlights (user_id, rw_id, book_rw_id, text, location, updated, tags, is_favorite)
			VALUES ($1, $2, $3, 'first', 7, $4, '[{"id":5,"name":"Deep Work"}]', $5)`, []any{userA, bigID + 1, bigID, v1Time, true}},
		{`INSERT INTO highlights (user_id, rw_id, book_rw_id, text) VALUES ($1, $2, $3, 'second')`, []any{userA, bigID + 2, bigID}},
		{`INSERT INTO tags (user_id, name) VALUES ($1, 'deep-work'), ($1, 'hope'), ($1, 'prayer')`, []any{userA}},
		{`INSERT INTO highlight_tags (user_id, highlight_rw_id, tag_id, created_by)
			VALUES ($1, $2, (SELECT id FROM tags WHERE user_id = $1 AND name = 'deep-work'), 'readwise')`, []any{userA, bigID + 1}},
		{`INSERT INTO sparks (user_id, uid, body, todo_id, todo_created_at, airtable_record_id)
			VALUES ($1, 'uid-1', 'a spark', 'todo-1', $2, 'rec1')`, []any{userA, v1Time}},
		{`INSERT INTO categories (user_id, name, slug) VALUES ($1, 'Faith', 'faith')`, []any{userA}},
		{`INSERT INTO spark_categories (user_id, spark_id, category_id, created_by) VALUES ($1,
			(SELECT id FROM sparks WHERE user_id = $1 AND uid = 'uid-1'),
			(SELECT id FROM categories WHERE user_id = $1 AND slug = 'faith'), 'airtable-import')`, []any{userA}},
		{`INSERT INTO spark_tags (user_id, spark_id, tag_id, created_by)
			SELECT $1, s.id, t.id, 'airtable-import' FROM sparks s, tags t
			WHERE s.user_id = $1 AND s.uid = 'uid-1' AND t.user_id = $1 AND t.name IN ('hope', 'prayer')`, []any{userA}},
		{`INSERT INTO function_logs (run_id, function_id, function_name, user_id, event_name, status,
			started_at, completed_at, duration_ms, input, result, error_message)
			VALUES ('01RUN', 'spark-readwise-sync-books', 'readwise-sync-books', $1, 'readwise/books.sync', 'failed',
			$2, $2, 1500, '{"name":"readwise/books.sync"}', '{"step":1}', 'boom')`, []any{userA, v1Time}},
	} {
		if err := seed(t, s, q.sql, q.args...); err != nil {
			t.Fatalf("seeding the first schema: %v\n%s", err, q.sql)
		}
	}
}

func mustParse(t *testing.T, text string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339Nano, text)
	if err != nil {
		t.Fatal(err)
	}
	return at
}
