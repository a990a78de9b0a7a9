package app_test

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"

	"spark.dev/spark/app"
)

// recordedEvents accepts every send and keeps the events, as JSON.
type recordedEvents struct {
	mu   sync.Mutex
	sent []map[string]any
}

func (r *recordedEvents) Send(ctx context.Context, evt any) (string, error) {
	ids, err := r.SendMany(ctx, []any{evt})
	return ids[0], err
}

func (r *recordedEvents) SendMany(_ context.Context, evts []any) ([]string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	ids := make([]string, len(evts))
	for i, evt := range evts {
		raw, _ := json.Marshal(evt)
		var m map[string]any
		_ = json.Unmarshal(raw, &m)
		r.sent = append(r.sent, m)
		ids[i] = "evt-" + m["name"].(string)
	}
	return ids, nil
}

func TestScheduledTasksCronIsRegisteredOnlyInProduction(t *testing.T) {
	prod := newTestApp(t, productionEnv(withJWT(nil))).syncedFunctions()
	if cron := prod["spark-production-scheduled-tasks-cron"]; !strings.Contains(cron, `"cron":"TZ=UTC 0 * * * *"`) {
		t.Errorf("production's scheduled-tasks-cron triggers = %q", cron)
	}
	preview := newTestApp(t, productionEnv(withJWT(map[string]string{"APP_ENV": "", "VERCEL_ENV": "preview", "VERCEL_GIT_COMMIT_REF": "main"}))).syncedFunctions()
	if _, ok := preview["spark-preview-main-scheduled-tasks-cron"]; ok {
		t.Errorf("preview registers scheduled-tasks-cron")
	}
	for id, fns := range map[string]map[string]string{"spark-production-scheduled-tasks-manual": prod, "spark-preview-main-scheduled-tasks-manual": preview} {
		if !strings.Contains(fns[id], `"event":"scheduled-tasks/manual-trigger"`) {
			t.Errorf("%s triggers = %q", id, fns[id])
		}
	}
}

// trigger-schedule asks for the daily sync and the scheduled tasks in one
// send: of the caller alone, or of everyone for an admin.
func TestTriggerScheduleRequestsTheDailySyncAndTheScheduledTasks(t *testing.T) {
	events := &recordedEvents{}
	a := newTestApp(t, map[string]string{"ADMIN_USER_IDS": u2}, app.WithEventSender(events))
	for _, tc := range []struct {
		user, scope string
		data        map[string]any
	}{
		{u1, "self", map[string]any{"requestedBy": u1, "scope": "self", "userId": u1}},
		{u2, "all", map[string]any{"requestedBy": u2, "scope": "all"}},
	} {
		events.sent = nil
		status, answer := a.as(tc.user, http.MethodPost, "/api/inngest/trigger-schedule", nil)
		want := map[string]any{"triggered": true, "scope": tc.scope,
			"eventId": "evt-scheduled/daily-sync.requested", "scheduledTasksEventId": "evt-scheduled-tasks/manual-trigger"}
		if status != http.StatusOK || answer["message"] != "Scheduled tasks cron triggered manually" || !reflect.DeepEqual(answer["data"], want) {
			t.Errorf("trigger-schedule as %s = %d %v", tc.user, status, answer)
		}
		if len(events.sent) != 2 {
			t.Fatalf("sent %v, want two events", events.sent)
		}
		for i, name := range []string{"scheduled/daily-sync.requested", "scheduled-tasks/manual-trigger"} {
			if events.sent[i]["name"] != name || !reflect.DeepEqual(events.sent[i]["data"], tc.data) {
				t.Errorf("event %d = %v, want %s with %v", i, events.sent[i], name, tc.data)
			}
		}
	}
}

func TestTriggerScheduleFailsWhole(t *testing.T) {
	a := newTestApp(t, nil)
	status, answer := a.as(u1, http.MethodPost, "/api/inngest/trigger-schedule", nil)
	if status != http.StatusBadGateway || answer["error"] != "Failed to trigger scheduled tasks" {
		t.Errorf("trigger-schedule with Inngest unreachable = %d %v", status, answer)
	}
}

// lastRun is the scheduler's: no write of the client sets it, and none
// loses it while its task stays.
func TestSettingsKeepTheSchedulersLastRun(t *testing.T) {
	a := newTestApp(t, nil)
	task := func(enabled bool, frequency string) map[string]any {
		return map[string]any{"enabled": enabled, "frequency": frequency, "lastRun": "2020-01-01T00:00:00Z"}
	}
	if status, _ := a.as(u1, http.MethodPatch, "/api/user-settings", map[string]any{"scheduledTasks": map[string]any{
		"readwise-books-import": task(true, "daily"), "generate-embeddings": task(true, "hourly")}}); status != http.StatusOK {
		t.Fatalf("PATCH: %d", status)
	}
	const ran = "2025-06-15T12:00:00.000Z"
	for _, id := range []string{"readwise-books-import", "generate-embeddings"} {
		if wrote, err := a.App.Store.RecordTaskRun(t.Context(), u1, id, ran); err != nil || !wrote {
			t.Fatalf("RecordTaskRun(%s): %v %v", id, wrote, err)
		}
	}
	lastRun := func(id string) any {
		_, s := a.as(u1, http.MethodGet, "/api/user-settings", nil)
		return dig(s, "scheduledTasks", id, "lastRun")
	}
	a.as(u1, http.MethodPatch, "/api/user-settings", map[string]any{"scheduledTasks": map[string]any{"readwise-books-import": task(false, "weekly")}})
	if got := lastRun("readwise-books-import"); got != ran {
		t.Errorf("after a PATCH of the task lastRun = %v, want %s", got, ran)
	}
	a.as(u1, http.MethodPut, "/api/user-settings", map[string]any{"scheduledTasks": map[string]any{"readwise-books-import": task(true, "daily")}})
	if got := lastRun("readwise-books-import"); got != ran {
		t.Errorf("after a PUT of scheduledTasks lastRun = %v, want %s", got, ran)
	}
	if got := lastRun("generate-embeddings"); got != nil {
		t.Errorf("a task the PUT left out is back with lastRun %v", got)
	}
	a.as(u1, http.MethodPatch, "/api/user-settings", map[string]any{"scheduledTasks": map[string]any{"generate-embeddings": task(true, "hourly")}})
	if got := lastRun("generate-embeddings"); got != nil {
		t.Errorf("a task removed and added again has lastRun %v", got)
	}
}
