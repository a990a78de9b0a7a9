package scheduledfn

import (
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"spark.dev/spark/inngest"
	"spark.dev/spark/internal/testtoken"
	"spark.dev/spark/store"
	"spark.dev/spark/store/sqlite"
)

// sentEvents records what the scheduler sends.
type sentEvents struct{ events []any }

func (s *sentEvents) SendMany(_ context.Context, events []any) ([]string, error) {
	s.events = append(s.events, events...)
	return make([]string, len(events)), nil
}

// sent is one event as Inngest receives it.
type sent struct {
	ID   string         `json:"id"`
	Name string         `json:"name"`
	Data map[string]any `json:"data"`
}

func (s *sentEvents) take(t *testing.T) []sent {
	t.Helper()
	raw, err := json.Marshal(s.events)
	if err != nil {
		t.Fatal(err)
	}
	var out []sent
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	s.events = nil
	return out
}

type schedulerFixture struct {
	t      *testing.T
	store  store.Store
	events *sentEvents
	deps   inngest.Deps
}

func newSchedulerFixture(t *testing.T) *schedulerFixture {
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "spark.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	events := &sentEvents{}
	return &schedulerFixture{t: t, store: st, events: events, deps: inngest.Deps{Events: events, Store: st}}
}

func (f *schedulerFixture) saveTasks(userID, tasks string) {
	f.t.Helper()
	err := f.store.UpdateSettings(f.t.Context(), userID, func(json.RawMessage) (store.SettingsUpdate, error) {
		return store.SettingsUpdate{Settings: json.RawMessage(`{"theme":"dark","scheduledTasks":` + tasks + `}`)}, nil
	})
	if err != nil {
		f.t.Fatal(err)
	}
}

func (f *schedulerFixture) putCredential(c store.Credential) {
	f.t.Helper()
	if err := f.store.PutCredential(f.t.Context(), c); err != nil {
		f.t.Fatal(err)
	}
}

// run is one page step over every user with tasks, read now.
func (f *schedulerFixture) run(now time.Time) tasksPage {
	f.t.Helper()
	users, err := f.store.UsersWithScheduledTasks(f.t.Context(), "", usersPerPage)
	if err != nil {
		f.t.Fatal(err)
	}
	return f.runFor(users, now)
}

func (f *schedulerFixture) runFor(users []store.UserScheduledTasks, now time.Time) tasksPage {
	f.t.Helper()
	res, err := runDueTasks(f.t.Context(), f.deps, users, now)
	if err != nil {
		f.t.Fatal(err)
	}
	return res
}

func (f *schedulerFixture) task(userID, taskID string) map[string]any {
	f.t.Helper()
	raw, err := f.store.GetSettings(f.t.Context(), userID)
	if err != nil {
		f.t.Fatal(err)
	}
	var doc struct {
		ScheduledTasks map[string]map[string]any `json:"scheduledTasks"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		f.t.Fatal(err)
	}
	return doc.ScheduledTasks[taskID]
}

var (
	userA, userB = testtoken.UserID(0xa), testtoken.UserID(0xb)
	tick         = time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC)
)

func TestScheduledTasksSendOnlyDueTasksWithTheirCredential(t *testing.T) {
	f := newSchedulerFixture(t)
	f.putCredential(store.Credential{UserID: userA, Provider: store.Readwise, Secret: []byte("sealed-readwise-secret")})
	// A token without base and table is not enough for the import.
	f.putCredential(store.Credential{UserID: userA, Provider: store.Airtable, Secret: []byte("sealed-airtable-secret")})
	f.saveTasks(userA, `{
		"readwise-books-import": {"enabled": true, "frequency": "daily"},
		"readwise-highlights-sync": {"enabled": false, "frequency": "hourly"},
		"airtable-import-sparks": {"enabled": true, "frequency": "hourly"},
		"generate-embeddings": {"enabled": true, "frequency": "weekly", "lastRun": "2025-06-14T12:00:00.000Z"},
		"migrate-highlight-tags": {"enabled": true, "frequency": "hourly"}}`)
	f.saveTasks(userB, `{"generate-embeddings": {"enabled": true, "frequency": "off"}}`)

	res := f.run(tick)
	want := tasksPage{Users: 2, Triggered: map[string]int{"readwise-books-import": 1}, NotDue: 1, NoCredential: 1}
	if !reflect.DeepEqual(res, want) {
		t.Errorf("page = %+v, want %+v", res, want)
	}
	got := f.events.take(t)
	wantEvents := []sent{{ID: userA + "-readwise-books-import-2025-06-15T12", Name: inngest.EventSyncBooks, Data: map[string]any{"userId": userA}}}
	if !reflect.DeepEqual(got, wantEvents) {
		t.Errorf("events = %+v, want %+v", got, wantEvents)
	}
	if lastRun := f.task(userA, "readwise-books-import")["lastRun"]; lastRun != "2025-06-15T12:00:00.000Z" {
		t.Errorf("lastRun of the sent task = %v", lastRun)
	}
	for _, taskID := range []string{"readwise-highlights-sync", "airtable-import-sparks", "migrate-highlight-tags"} {
		if lastRun, ok := f.task(userA, taskID)["lastRun"]; ok {
			t.Errorf("%s was not sent but has lastRun %v", taskID, lastRun)
		}
	}
	if lastRun := f.task(userA, "generate-embeddings")["lastRun"]; lastRun != "2025-06-14T12:00:00.000Z" {
		t.Errorf("lastRun of a task not due changed to %v", lastRun)
	}
}

func TestScheduledTasksEventsCarryTheUserAlone(t *testing.T) {
	f := newSchedulerFixture(t)
	f.putCredential(store.Credential{UserID: userA, Provider: store.Readwise, Secret: []byte("sealed-readwise-secret")})
	f.putCredential(store.Credential{UserID: userA, Provider: store.Airtable, Secret: []byte("sealed-airtable-secret"), BaseID: "appBASE", TableID: "tblTABLE"})
	f.saveTasks(userA, `{
		"airtable-import-sparks": {"enabled": true, "frequency": "hourly"},
		"readwise-books-import": {"enabled": true, "frequency": "hourly"},
		"readwise-highlights-sync": {"enabled": true, "frequency": "monthly"},
		"generate-embeddings": {"enabled": true, "frequency": "daily"}}`)
	if res := f.run(tick); len(res.Triggered) != 4 || res.NoCredential != 0 {
		t.Fatalf("page = %+v, want all four tasks sent", res)
	}
	names := map[string]string{}
	for _, e := range f.events.take(t) {
		names[strings.TrimSuffix(strings.TrimPrefix(e.ID, userA+"-"), "-2025-06-15T12")] = e.Name
		if !reflect.DeepEqual(e.Data, map[string]any{"userId": userA}) {
			t.Errorf("event %s carries %v, want the user id alone", e.Name, e.Data)
		}
	}
	want := map[string]string{
		"airtable-import-sparks":   inngest.EventImportSparks,
		"readwise-books-import":    inngest.EventSyncBooks,
		"readwise-highlights-sync": inngest.EventSyncHighlights,
		"generate-embeddings":      inngest.EventGenerateEmbeddings,
	}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("task → event = %v, want %v", names, want)
	}
}

// Within one hour a task goes out once: a second run finds it not due, and a
// retry that read the tasks before lastRun was written sends the same ids.
func TestScheduledTasksRunTwiceSendOnce(t *testing.T) {
	f := newSchedulerFixture(t)
	f.saveTasks(userA, `{"generate-embeddings": {"enabled": true, "frequency": "hourly"}}`)
	stale, err := f.store.UsersWithScheduledTasks(t.Context(), "", usersPerPage)
	if err != nil {
		t.Fatal(err)
	}
	first := f.run(tick.Add(time.Minute))
	firstEvents := f.events.take(t)
	if first.Triggered["generate-embeddings"] != 1 || len(firstEvents) != 1 {
		t.Fatalf("first run: %+v, %d events", first, len(firstEvents))
	}
	if again := f.run(tick.Add(30 * time.Minute)); len(again.Triggered) != 0 || again.NotDue != 1 || len(f.events.take(t)) != 0 {
		t.Errorf("a second run within the hour sent again: %+v", again)
	}
	f.runFor(stale, tick.Add(2*time.Minute))
	if retried := f.events.take(t); len(retried) != 1 || retried[0].ID != firstEvents[0].ID {
		t.Errorf("a retry from a stale read sent %+v, want the id %s again", retried, firstEvents[0].ID)
	}
	// The next hour's tick sends it again, under a new id.
	if next := f.run(tick.Add(time.Hour)); next.Triggered["generate-embeddings"] != 1 {
		t.Errorf("the next hour: %+v", next)
	}
	if next := f.events.take(t); len(next) != 1 || next[0].ID == firstEvents[0].ID {
		t.Errorf("the next hour's events: %+v", next)
	}
}

func TestScheduledTasksOfOneUser(t *testing.T) {
	f := newSchedulerFixture(t)
	f.saveTasks(userA, `{"generate-embeddings": {"enabled": true, "frequency": "hourly"}}`)
	f.saveTasks(userB, `{"generate-embeddings": {"enabled": true, "frequency": "hourly"}}`)
	users, err := scheduledUsers(t.Context(), f.deps, userB, "")
	if err != nil || len(users) != 1 || users[0].UserID != userB {
		t.Fatalf("users for %s alone = %+v, %v", userB, users, err)
	}
	f.runFor(users, tick)
	if got := f.events.take(t); len(got) != 1 || got[0].Data["userId"] != userB {
		t.Errorf("events = %+v, want %s's alone", got, userB)
	}
	if _, ok := f.task(userA, "generate-embeddings")["lastRun"]; ok {
		t.Errorf("another user's task was run")
	}
	for _, nobody := range []string{testtoken.UserID(0xc)} {
		if users, err := scheduledUsers(t.Context(), f.deps, nobody, ""); err != nil || len(users) != 0 {
			t.Errorf("a user without settings: %+v, %v", users, err)
		}
	}
	if users, err := scheduledUsers(t.Context(), f.deps, userB, userB); err != nil || len(users) != 0 {
		t.Errorf("a second page for one user: %+v, %v", users, err)
	}
}

func TestRequestedScopes(t *testing.T) {
	for _, tc := range []struct {
		scope, userID, want string
		ok                  bool
	}{
		{inngest.ScheduleScopeAll, "", "", true},
		{inngest.ScheduleScopeSelf, userA, userA, true},
		{inngest.ScheduleScopeSelf, "", "", false},
		{"", userA, "", false},
		{"everyone", "", "", false},
	} {
		got, err := requestedUser(tc.scope, tc.userID)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("requestedUser(%q, %q) = %q, %v", tc.scope, tc.userID, got, err)
		}
		if err != nil && !strings.Contains(err.Error(), "not a valid request") {
			t.Errorf("error %v", err)
		}
	}
}
