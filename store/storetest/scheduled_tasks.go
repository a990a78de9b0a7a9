package storetest

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sync"
	"testing"

	"spark.dev/spark/internal/testtoken"
	"spark.dev/spark/store"
)

// RunScheduledTasks is the behaviour of store.ScheduledTasks; open must
// return a fresh, empty store for each call and close it when t ends.
func RunScheduledTasks(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		test func(t *testing.T, s store.Store)
	}{
		{"users with scheduled tasks page through every user holding some, in byte order", testUsersWithScheduledTasksPages},
		{"a task run writes lastRun alone", testRecordTaskRunWritesLastRunAlone},
		{"a task run keeps a change made since the tasks were read", testRecordTaskRunKeepsALaterChange},
		{"a task run never creates a task the user removed", testRecordTaskRunNeverCreatesATask},
		{"task runs and settings writes at once keep each other", testRecordTaskRunConcurrentWithSettingsWrites},
		{"a task run needs a plain task id", testRecordTaskRunRefusesOddTaskIDs},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.test(t, open(t))
		})
	}
}

const twoTasks = `{"theme":"dark","scheduledTasks":{
	"readwise-books-import":{"enabled":true,"frequency":"daily"},
	"generate-embeddings":{"enabled":false,"frequency":"hourly","lastRun":"2025-01-01T00:00:00.000Z"}}}`

func saveAsFrontend(t *testing.T, s store.Store, userID, doc string) {
	t.Helper()
	if err := Inspect(t, s).SaveSettingsAsFrontend(t.Context(), userID, json.RawMessage(doc)); err != nil {
		t.Fatalf("saving %s's document: %v", userID, err)
	}
}

func recordTaskRun(t *testing.T, s store.Store, userID, taskID, lastRun string) bool {
	t.Helper()
	wrote, err := s.RecordTaskRun(t.Context(), userID, taskID, lastRun)
	if err != nil {
		t.Fatalf("RecordTaskRun(%s, %s): %v", userID, taskID, err)
	}
	return wrote
}

func testUsersWithScheduledTasksPages(t *testing.T, s store.Store) {
	ctx := t.Context()
	// Saved out of order; ids chosen so that byte order differs from insertion order.
	withTasks := []string{testtoken.UserID(0x30), testtoken.UserID(0x10), testtoken.UserID(0x20), testtoken.UserID(0xf0)}
	for i, user := range withTasks {
		saveAsFrontend(t, s, user, fmt.Sprintf(`{"scheduledTasks":{"task-%d":{"enabled":true,"frequency":"hourly"}}}`, i))
	}
	for i, doc := range []string{`{"scheduledTasks":{}}`, `{"scheduledTasks":[{"enabled":true}]}`, `{"scheduledTasks":"daily"}`, `{"theme":"dark"}`, `{"scheduledTasks":null}`} {
		saveAsFrontend(t, s, testtoken.UserID(0x40+i), doc)
	}
	// SQLite keeps whatever text the frontend wrote; PostgreSQL refuses it.
	_ = Inspect(t, s).SaveSettingsAsFrontend(ctx, testtoken.UserID(0x50), json.RawMessage(`{"scheduledTasks":{"x":`))
	var got []store.UserScheduledTasks
	after := ""
	for page := 0; ; page++ {
		users, err := s.UsersWithScheduledTasks(ctx, after, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(users) > 3 || page > len(withTasks) {
			t.Fatalf("page %d after %q: %d users", page, after, len(users))
		}
		got = append(got, users...)
		if len(users) < 3 {
			break
		}
		after = users[len(users)-1].UserID
	}
	wantOrder := []string{testtoken.UserID(0x10), testtoken.UserID(0x20), testtoken.UserID(0x30), testtoken.UserID(0xf0)}
	var ids []string
	for _, u := range got {
		ids = append(ids, u.UserID)
		i := map[string]int{withTasks[0]: 0, withTasks[1]: 1, withTasks[2]: 2, withTasks[3]: 3}[u.UserID]
		if want := fmt.Sprintf(`{"task-%d":{"enabled":true,"frequency":"hourly"}}`, i); !sameJSON(t, u.Tasks, json.RawMessage(want)) {
			t.Errorf("%s's tasks = %s, want %s", u.UserID, u.Tasks, want)
		}
	}
	if !reflect.DeepEqual(ids, wantOrder) {
		t.Errorf("users with scheduled tasks = %v, want %v", ids, wantOrder)
	}
	if users, err := s.UsersWithScheduledTasks(ctx, testtoken.UserID(0xf0), 3); err != nil || len(users) != 0 {
		t.Errorf("after the last user: %v, %v", users, err)
	}
	if _, err := s.UsersWithScheduledTasks(ctx, "", 0); err == nil {
		t.Error("a limit of 0 is accepted")
	}
}

func testRecordTaskRunWritesLastRunAlone(t *testing.T, s store.Store) {
	saveAsFrontend(t, s, userA, twoTasks)
	saveAsFrontend(t, s, userB, twoTasks)
	const ranAt = "2025-06-15T12:00:00.123Z"
	if !recordTaskRun(t, s, userA, "readwise-books-import", ranAt) {
		t.Fatal("the run of an existing task was not written")
	}
	want := map[string]any{}
	_ = json.Unmarshal([]byte(twoTasks), &want)
	want["scheduledTasks"].(map[string]any)["readwise-books-import"].(map[string]any)["lastRun"] = ranAt
	if got := settingsDoc(t, s, userA); !reflect.DeepEqual(got, want) {
		t.Errorf("after a task run the document is %v, want %v", got, want)
	}
	// A second run replaces lastRun; the other user is untouched.
	if !recordTaskRun(t, s, userA, "readwise-books-import", "2025-06-16T12:00:00.000Z") ||
		at(settingsDoc(t, s, userA), "scheduledTasks", "readwise-books-import", "lastRun") != "2025-06-16T12:00:00.000Z" {
		t.Error("a second run did not replace lastRun")
	}
	if got := settingsDoc(t, s, userB); at(got, "scheduledTasks", "readwise-books-import", "lastRun") != nil {
		t.Errorf("another user's document changed: %v", got)
	}
}

func testRecordTaskRunKeepsALaterChange(t *testing.T, s store.Store) {
	ctx := t.Context()
	saveAsFrontend(t, s, userA, twoTasks)
	if _, err := s.UsersWithScheduledTasks(ctx, "", 10); err != nil { // the scheduler reads
		t.Fatal(err)
	}
	// The user edits the task and another one, then the scheduler writes.
	if err := saveSettings(s, ctx, userA, json.RawMessage(`{"theme":"light","scheduledTasks":{
		"readwise-books-import":{"enabled":false,"frequency":"weekly"},
		"generate-embeddings":{"enabled":true,"frequency":"daily","lastRun":"2025-01-01T00:00:00.000Z"}}}`), nil, nil); err != nil {
		t.Fatal(err)
	}
	if !recordTaskRun(t, s, userA, "readwise-books-import", "2025-06-15T12:00:00.000Z") {
		t.Fatal("not written")
	}
	doc := settingsDoc(t, s, userA)
	books := at(doc, "scheduledTasks", "readwise-books-import")
	if !reflect.DeepEqual(books, map[string]any{"enabled": false, "frequency": "weekly", "lastRun": "2025-06-15T12:00:00.000Z"}) ||
		at(doc, "scheduledTasks", "generate-embeddings", "frequency") != "daily" || doc["theme"] != "light" {
		t.Errorf("the user's change was not kept: %v", doc)
	}
}

func testRecordTaskRunNeverCreatesATask(t *testing.T, s store.Store) {
	saveAsFrontend(t, s, userA, twoTasks)
	saveAsFrontend(t, s, userA, `{"theme":"dark","scheduledTasks":{"generate-embeddings":{"enabled":true,"frequency":"hourly"}}}`)
	if recordTaskRun(t, s, userA, "readwise-books-import", "2025-06-15T12:00:00.000Z") {
		t.Error("a removed task reports a write")
	}
	if got := at(settingsDoc(t, s, userA), "scheduledTasks", "readwise-books-import"); got != nil {
		t.Errorf("a removed task was created again: %v", got)
	}
	for _, doc := range []string{`{"theme":"dark"}`, `{"scheduledTasks":[]}`, `{"scheduledTasks":{"readwise-books-import":"daily"}}`, `{"scheduledTasks":{"readwise-books-import":null}}`} {
		saveAsFrontend(t, s, userA, doc)
		if recordTaskRun(t, s, userA, "readwise-books-import", "2025-06-15T12:00:00.000Z") {
			t.Errorf("a run was written into %s", doc)
		}
		if got := settingsDoc(t, s, userA); !sameJSON(t, mustJSON(t, got), json.RawMessage(doc)) {
			t.Errorf("%s became %v", doc, got)
		}
	}
	// A user with no document at all gets none.
	if recordTaskRun(t, s, userC, "readwise-books-import", "2025-06-15T12:00:00.000Z") {
		t.Error("a run was written for a user without a document")
	}
	if _, err := s.GetSettings(t.Context(), userC); err != store.ErrNotFound {
		t.Errorf("a task run created a document: %v", err)
	}
}

func testRecordTaskRunConcurrentWithSettingsWrites(t *testing.T, s store.Store) {
	ctx := t.Context()
	saveAsFrontend(t, s, userA, twoTasks)
	const rounds = 20
	var wg sync.WaitGroup
	errs := make(chan error, 2*rounds)
	for i := range rounds {
		wg.Add(2)
		go func() {
			defer wg.Done()
			_, err := s.RecordTaskRun(ctx, userA, "readwise-books-import", fmt.Sprintf("2025-06-15T12:00:%02d.000Z", i))
			errs <- err
		}()
		go func() {
			defer wg.Done()
			errs <- markWriter(ctx, s, userA, i)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	doc := settingsDoc(t, s, userA)
	for i := range rounds {
		if doc[fmt.Sprintf("writer-%d", i)] != true {
			t.Errorf("writer %d's change was lost: %v", i, doc)
		}
	}
	if last, _ := at(doc, "scheduledTasks", "readwise-books-import", "lastRun").(string); last == "" {
		t.Errorf("every task run was lost: %v", doc)
	}
}

func testRecordTaskRunRefusesOddTaskIDs(t *testing.T, s store.Store) {
	saveAsFrontend(t, s, userA, `{"scheduledTasks":{"a.b":{"enabled":true},"a\"b":{"enabled":true},"":{}}}`)
	for _, id := range []string{"", "a.b", `a"b`, "a b", "x') --"} {
		if wrote, err := s.RecordTaskRun(t.Context(), userA, id, "2025-06-15T12:00:00.000Z"); err == nil || wrote {
			t.Errorf("task id %q: wrote %v, err %v", id, wrote, err)
		}
	}
}

func mustJSON(t *testing.T, v any) json.RawMessage {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}
