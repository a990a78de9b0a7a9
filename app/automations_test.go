package app_test

import (
	"net/http"
	"reflect"
	"strings"
	"testing"

	"spark.dev/spark/app"
	"spark.dev/spark/store"
)

var automationRoutes = []string{"/api/automations/approve", "/api/automations/reject", "/api/automations/revert"}

// A missing or malformed automationId, or a body that is no JSON object, is
// a 400 {success: false, error} that changes nothing.
func TestAutomationRoutesRefuseBadBodies(t *testing.T) {
	a := newTestApp(t, nil)
	id := proposeTagging(t, a, u1, 2)
	missing := "Missing automationId"
	bodies := []struct {
		body any
		want string
	}{
		{nil, missing},
		{[]byte("null"), missing},
		{map[string]any{}, missing},
		{map[string]any{"automationId": ""}, missing},
		{map[string]any{"automationId": nil}, missing},
		{map[string]any{"automationId": 5}, missing},
		{map[string]any{"automationId": []string{id}}, missing},
		{map[string]any{"automationId": "not-a-uuid"}, missing},
		{map[string]any{"automationId": id + " "}, missing},
		{[]byte("{not json"), "Invalid JSON in request body"},
		{[]byte(`[{"automationId":"` + id + `"}]`), "Request body must be a JSON object"},
		{[]byte(`{"automationId":"` + id + `"} {}`), "Request body must be a single JSON object"},
	}
	for _, path := range automationRoutes {
		for _, tc := range bodies {
			status, answer := a.as(u1, http.MethodPost, path, tc.body)
			want := map[string]any{"success": false, "error": tc.want}
			if status != http.StatusBadRequest || !reflect.DeepEqual(answer, want) {
				t.Errorf("%s with %s: got %d %v, want 400 %v", path, tc.body, status, answer, want)
			}
		}
	}
	if got := automationStatus(t, a, u1, id); got != store.AutomationPending {
		t.Errorf("status after bad requests = %s, want pending", got)
	}
}

// The routes' answers and statuses, on both engines.
func TestAutomationRoutesAnswerTheOriginalsJSON(t *testing.T) {
	eachEngine(t, func(t *testing.T, env map[string]string) {
		a := newTestApp(t, env)
		id := proposeTagging(t, a, u1, 3)
		post := func(user, path, id string) (int, map[string]any) {
			t.Helper()
			return a.as(user, http.MethodPost, path, map[string]any{"automationId": id})
		}
		expect := func(user, path, id string, wantStatus int, want map[string]any) map[string]any {
			t.Helper()
			status, answer := post(user, path, id)
			if status != wantStatus || (want != nil && !reflect.DeepEqual(answer, want)) {
				t.Fatalf("%s as %s: got %d %v, want %d %v", path, user, status, answer, wantStatus, want)
			}
			return answer
		}
		fail := func(message string) map[string]any { return map[string]any{"success": false, "error": message} }
		done := map[string]any{"success": true, "automationId": id}

		// Another user's automation does not exist for them.
		for _, path := range automationRoutes {
			expect(u2, path, id, http.StatusNotFound, fail("Automation not found"))
		}
		expect(u1, "/api/automations/approve", "00000000-0000-4000-8000-000000000000", http.StatusNotFound, fail("Automation not found"))
		expect(u1, "/api/automations/revert", id, http.StatusBadRequest, fail("Can only revert approved automations, current status: pending"))

		answer := expect(u1, "/api/automations/approve", strings.ToUpper(id), http.StatusOK, nil)
		tag, err := a.App.Store.TagID(t.Context(), u1, "automation-test")
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]any{"success": true, "automationId": id, "createdResources": map[string]any{
			"categories": []any{}, "tags": []any{map[string]any{"id": tag, "name": "automation-test"}},
		}}
		if !reflect.DeepEqual(answer, want) {
			t.Errorf("approve = %v, want %v", answer, want)
		}
		expect(u1, "/api/automations/approve", id, http.StatusBadRequest, fail("Automation is already approved"))
		expect(u1, "/api/automations/reject", id, http.StatusBadRequest, fail("Can only reject pending automations, current status: approved"))
		expect(u2, "/api/automations/revert", id, http.StatusNotFound, fail("Automation not found"))
		expect(u1, "/api/automations/revert", id, http.StatusOK, done)
		expect(u1, "/api/automations/revert", id, http.StatusBadRequest, fail("Can only revert approved automations, current status: reverted"))

		rejected := proposeTagging(t, a, u1, 1)
		expect(u1, "/api/automations/reject", rejected, http.StatusOK, map[string]any{"success": true, "automationId": rejected})
		expect(u1, "/api/automations/approve", rejected, http.StatusBadRequest, fail("Automation is already rejected"))

		// A highlight deleted after the proposal: nothing applies, 409.
		failing := proposeTagging(t, a, u1, 2)
		deleteNewestHighlight(t, a, u1)
		status, answer := post(u1, "/api/automations/approve", failing)
		if status != http.StatusConflict || answer["success"] != false || !strings.Contains(answer["error"].(string), "does not exist") {
			t.Errorf("approve with a deleted highlight = %d %v, want 409 and the reason", status, answer)
		}
		if got := automationStatus(t, a, u1, failing); got != store.AutomationPending {
			t.Errorf("status after the failed approval = %s, want pending", got)
		}
	})
}

// The triggers that take only the user: the automations' and embeddings'.
func TestUserOnlyTriggersAnswerTheOriginalsJSON(t *testing.T) {
	triggers := map[string][2]string{
		"/api/inngest/trigger-generate-embeddings": {
			"Embeddings generation triggered successfully", "Failed to trigger embeddings generation"},
		"/api/inngest/trigger-tag-random-highlights": {
			"Random highlight tagging automation triggered successfully", "Failed to trigger random highlight tagging automation"},
		"/api/inngest/trigger-categorize-random-highlights": {
			"Random highlight categorization automation triggered successfully", "Failed to trigger random highlight categorization automation"},
	}
	accepting := newTestApp(t, nil, app.WithEventSender(acceptingEvents{}))
	failing := newTestApp(t, nil)
	for path, messages := range triggers {
		status, answer := accepting.as(u1, http.MethodPost, path, map[string]any{"userId": u1})
		want := map[string]any{"success": true, "message": messages[0], "data": map[string]any{"triggered": true, "eventId": "evt-accepted"}}
		if status != http.StatusOK || !reflect.DeepEqual(answer, want) {
			t.Errorf("%s: got %d %v, want 200 %v", path, status, answer, want)
		}
		if status, answer := accepting.as(u1, http.MethodPost, path, map[string]any{"userId": u2}); status != http.StatusForbidden {
			t.Errorf("%s for another user: got %d %v, want 403", path, status, answer)
		}
		if status, answer := failing.as(u1, http.MethodPost, path, nil); status != http.StatusBadGateway || answer["error"] != messages[1] {
			t.Errorf("%s with Inngest unreachable: got %d %v, want 502 %q", path, status, answer, messages[1])
		}
	}
}

// proposeTagging gives the user n more highlights and a pending automation
// that tags the n newest "automation-test" (created by the approval).
func proposeTagging(t *testing.T, a *testApp, userID string, n int) string {
	t.Helper()
	ctx := t.Context()
	count, err := a.App.Store.CountHighlights(ctx, userID)
	if err != nil {
		t.Fatal(err)
	}
	page := store.HighlightPage{Books: []store.Book{{RWID: 1}}}
	for i := range n {
		page.Highlights = append(page.Highlights, store.Highlight{RWID: int64(count + i + 1), BookRWID: 1, Text: "text"})
	}
	if _, err := a.App.Store.ApplyHighlights(ctx, userID, page); err != nil {
		t.Fatal(err)
	}
	ids, err := a.App.Store.RecentHighlightIDs(ctx, userID, n)
	if err != nil {
		t.Fatal(err)
	}
	actions := []store.ActionData{{Action: store.ActionCreateTag, TagName: "automation-test"}}
	empty := ""
	for _, id := range ids {
		actions = append(actions, store.ActionData{Action: store.ActionAddTag, Target: "highlight", TargetID: id, TagID: &empty, TagName: "automation-test"})
	}
	id, err := a.App.Store.CreateAutomation(ctx, userID, store.NewAutomation{Name: "Test", Source: store.AutomationSourceSystem, Actions: actions})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func deleteNewestHighlight(t *testing.T, a *testApp, userID string) {
	t.Helper()
	count, err := a.App.Store.CountHighlights(t.Context(), userID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.App.Store.ApplyHighlights(t.Context(), userID, store.HighlightPage{Deleted: []int64{int64(count)}}); err != nil {
		t.Fatal(err)
	}
}

func automationStatus(t *testing.T, a *testApp, userID, id string) string {
	t.Helper()
	automation, err := a.App.Store.GetAutomation(t.Context(), userID, id)
	if err != nil {
		t.Fatal(err)
	}
	return automation.Status
}
