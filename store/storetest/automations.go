package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"

	"spark.dev/spark/naming"
	"spark.dev/spark/store"
)

// AutomationInspector reads back what automations wrote; both engines
// implement it, for tests only.
type AutomationInspector interface {
	// AutomationLinks lists the links of the user's rows in the six link
	// tables as "<table> <from id> <to id> <action id or -> <created_by or ->",
	// sorted.
	AutomationLinks(ctx context.Context, userID string) ([]string, error)
	// RowID is the id of the user's row of table whose column is value.
	RowID(ctx context.Context, userID, table, column string, value any) (string, error)
}

// RunAutomations runs the automation suite; open is as for Run.
func RunAutomations(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		test func(t *testing.T, f *automationFixture)
	}{
		{"create and read back an automation with its actions in order", testCreateAutomation},
		{"an automation created again with its id is stored once", testCreateAutomationAgain},
		{"approve creates exactly the listed links and resources", testApproveCreatesExactlyTheLinks},
		{"a user's own earlier link survives approve and revert", testOwnLinkSurvivesRevert},
		{"revert keeps a created tag something else uses", testRevertKeepsUsedTag},
		{"a failing action leaves nothing applied", testFailingActionAppliesNothing},
		{"targets, tags and categories must be the user's", testApproveChecksOwnership},
		{"another user's automation is not found", testAnotherUsersAutomation},
		{"status transitions are checked", testAutomationTransitions},
		{"concurrent approvals apply once", testConcurrentApprovalsApplyOnce},
		{"categories are found by slug, per user", testApproveCategoriesBySlug},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.test(t, newAutomationFixture(t, open(t)))
		})
	}
}

var nameRules = store.NameRules{Tag: naming.Tag, Slug: naming.Slug}

// automationFixture is a store where userA and userB each have book 1 with
// highlights 1 to 3 (the same Readwise ids), and ids[user][rwID] names them.
type automationFixture struct {
	t      *testing.T
	s      store.Store
	in     AutomationInspector
	ids    map[string]map[int64]string
	bookID map[string]string
}

func newAutomationFixture(t *testing.T, s store.Store) *automationFixture {
	in, ok := s.(AutomationInspector)
	if !ok {
		t.Fatalf("%T does not implement storetest.AutomationInspector", s)
	}
	f := &automationFixture{t: t, s: s, in: in, ids: map[string]map[int64]string{}, bookID: map[string]string{}}
	for _, user := range []string{userA, userB} {
		applyTagged(t, s, user, tagged(1), tagged(2), tagged(3))
		f.ids[user] = map[int64]string{}
		for rwID := int64(1); rwID <= 3; rwID++ {
			f.ids[user][rwID] = f.rowID(user, "highlights", "rw_id", rwID)
		}
		f.bookID[user] = f.rowID(user, "books", "rw_id", 1)
	}
	return f
}

func (f *automationFixture) rowID(user, table, column string, value any) string {
	f.t.Helper()
	id, err := f.in.RowID(f.t.Context(), user, table, column, value)
	if err != nil {
		f.t.Fatalf("RowID(%s, %s.%s = %v): %v", user, table, column, value, err)
	}
	return id
}

func (f *automationFixture) create(user string, actions ...store.ActionData) string {
	f.t.Helper()
	id, err := f.s.CreateAutomation(f.t.Context(), user, store.NewAutomation{Name: "Test", Source: store.AutomationSourceSystem, Actions: actions})
	if err != nil {
		f.t.Fatalf("CreateAutomation: %v", err)
	}
	return id
}

func (f *automationFixture) get(user, id string) store.Automation {
	f.t.Helper()
	a, err := f.s.GetAutomation(f.t.Context(), user, id)
	if err != nil {
		f.t.Fatalf("GetAutomation: %v", err)
	}
	return a
}

func (f *automationFixture) approve(user, id string) store.CreatedResources {
	f.t.Helper()
	created, err := f.s.ApproveAutomation(f.t.Context(), user, id, nameRules)
	if err != nil {
		f.t.Fatalf("ApproveAutomation: %v", err)
	}
	return created
}

func (f *automationFixture) links(user string) []string {
	f.t.Helper()
	links, err := f.in.AutomationLinks(f.t.Context(), user)
	if err != nil {
		f.t.Fatalf("AutomationLinks: %v", err)
	}
	return links
}

func (f *automationFixture) seed(query string, args ...any) {
	f.t.Helper()
	if err := seed(f.t, f.s, query, args...); err != nil {
		f.t.Fatal(err)
	}
}

// userTag makes a tag of user's own (no automation) and returns its id.
func (f *automationFixture) userTag(user, name string) string {
	f.t.Helper()
	f.seed(`INSERT INTO tags (user_id, name) VALUES ($1, $2)`, user, name)
	return f.rowID(user, "tags", "name", name)
}

// statuses is the automation's status then its actions', in order.
func (f *automationFixture) statuses(user, id string) []string {
	f.t.Helper()
	a := f.get(user, id)
	out := []string{a.Status}
	for _, action := range a.Actions {
		out = append(out, action.Status)
	}
	return out
}

func (f *automationFixture) assertStatuses(user, id string, want ...string) {
	f.t.Helper()
	if got := f.statuses(user, id); !slices.Equal(got, want) {
		f.t.Errorf("statuses = %v, want %v", got, want)
	}
}

func link(table, from, to, actionID, createdBy string) string {
	return fmt.Sprintf("%s %s %s %s %s", table, from, to, actionID, createdBy)
}

func sorted(s ...string) []string {
	slices.Sort(s)
	return s
}

func strPtr(s string) *string { return &s }

func addTagByName(target, targetID, name string) store.ActionData {
	return store.ActionData{Action: store.ActionAddTag, Target: target, TargetID: targetID, TagID: strPtr(""), TagName: name}
}

func addTagByID(target, targetID, tagID string) store.ActionData {
	return store.ActionData{Action: store.ActionAddTag, Target: target, TargetID: targetID, TagID: strPtr(tagID)}
}

func createTag(name string) store.ActionData {
	return store.ActionData{Action: store.ActionCreateTag, TagName: name}
}

func testCreateAutomation(t *testing.T, f *automationFixture) {
	actions := []store.ActionData{createTag("automation-test")}
	for rwID := int64(1); rwID <= 3; rwID++ {
		actions = append(actions, addTagByName("highlight", f.ids[userA][rwID], "automation-test"))
	}
	id := f.create(userA, actions...)
	if !store.IsRowID(id) {
		t.Fatalf("CreateAutomation returned id %q, want a lower-case UUID", id)
	}
	a := f.get(userA, id)
	if a.Name != "Test" || a.Source != store.AutomationSourceSystem || a.Status != store.AutomationPending || a.CreatedAt.IsZero() {
		t.Errorf("automation = %+v", a)
	}
	var got []store.ActionData
	for _, action := range a.Actions {
		if action.Status != store.ActionPending || !action.ExecutedAt.IsZero() {
			t.Errorf("new action %+v, want pending and never executed", action)
		}
		got = append(got, action.Data)
	}
	if !reflect.DeepEqual(got, actions) {
		t.Errorf("actions = %+v, want %+v in order", got, actions)
	}
}

// A retried step creates its automation again with the id it chose: the
// first attempt's row and actions stay, and nothing is added.
func testCreateAutomationAgain(t *testing.T, f *automationFixture) {
	const id = "3b0f3d8e-5c1a-5e7b-9d2c-7a4e6f8b1c20"
	first := []store.ActionData{createTag("retried"), addTagByName("highlight", f.ids[userA][1], "retried")}
	for attempt, actions := range [][]store.ActionData{first, {createTag("other")}} {
		got, err := f.s.CreateAutomation(t.Context(), userA, store.NewAutomation{ID: id, Name: "Retried", Source: store.AutomationSourceSystem, Actions: actions})
		if err != nil || got != id {
			t.Fatalf("attempt %d: CreateAutomation = %q, %v; want %q", attempt+1, got, err, id)
		}
	}
	var stored []store.ActionData
	for _, action := range f.get(userA, id).Actions {
		stored = append(stored, action.Data)
	}
	if !reflect.DeepEqual(stored, first) {
		t.Errorf("actions after the second attempt = %+v, want the first attempt's %+v", stored, first)
	}
	if _, err := f.s.CreateAutomation(t.Context(), userB, store.NewAutomation{ID: id, Name: "Theirs", Source: store.AutomationSourceSystem}); err == nil {
		t.Error("another user's create with the same id succeeded")
	}
	if _, err := f.s.CreateAutomation(t.Context(), userA, store.NewAutomation{ID: "not-a-uuid", Name: "Bad", Source: store.AutomationSourceSystem}); err == nil {
		t.Error("a create with an id that is no UUID succeeded")
	}
}

func testApproveCreatesExactlyTheLinks(t *testing.T, f *automationFixture) {
	h := f.ids[userA]
	sparkless := f.userTag(userA, "existing")
	id := f.create(userA,
		addTagByName("highlight", h[1], "Automation Test"), // a link before its create: creates go first
		createTag("automation-test"),
		addTagByName("highlight", h[2], "automation-test"),
		addTagByID("book", f.bookID[userA], sparkless),
		store.ActionData{Action: store.ActionCreateCategory, CategoryName: "Automation Test"},
		store.ActionData{Action: store.ActionAddCategory, Target: "highlight", TargetID: h[3], CategoryID: strPtr(""), CategoryName: "Automation Test"},
	)
	created := f.approve(userA, id)
	tag := f.rowID(userA, "tags", "name", "automation-test")
	category := f.rowID(userA, "categories", "slug", "automation-test")
	want := store.CreatedResources{
		Tags:       []store.CreatedTag{{ID: tag, Name: "automation-test"}},
		Categories: []store.CreatedCategory{{ID: category, Name: "Automation Test", Slug: "automation-test"}},
	}
	if !reflect.DeepEqual(created, want) {
		t.Errorf("created = %+v, want %+v", created, want)
	}
	a := f.get(userA, id)
	actionID := func(i int) string { return a.Actions[i].ID }
	wantLinks := sorted(
		link("highlight_tags", h[1], tag, actionID(0), "automation"),
		link("highlight_tags", h[2], tag, actionID(2), "automation"),
		link("book_tags", f.bookID[userA], sparkless, actionID(3), "automation"),
		link("highlight_categories", h[3], category, actionID(5), "automation"),
	)
	if got := f.links(userA); !slices.Equal(got, wantLinks) {
		t.Errorf("links = %v\nwant %v", got, wantLinks)
	}
	if a.Status != store.AutomationApproved {
		t.Errorf("status = %s, want approved", a.Status)
	}
	for _, action := range a.Actions {
		if action.Status != store.ActionExecuted || action.ExecutedAt.IsZero() {
			t.Errorf("action %+v, want executed with a time", action)
		}
	}
	if got := f.links(userB); len(got) != 0 {
		t.Errorf("the other user has links %v", got)
	}

	if err := f.s.RevertAutomation(t.Context(), userA, id); err != nil {
		t.Fatal(err)
	}
	if got := f.links(userA); len(got) != 0 {
		t.Errorf("links after revert = %v, want none", got)
	}
	// What the automation created goes; the user's own tag stays.
	if tags, err := Inspect(t, f.s).TagNames(t.Context(), userA); err != nil || !slices.Equal(tags, []string{"existing"}) {
		t.Errorf("tags after revert = %v, %v; want [existing]", tags, err)
	}
	if categories, err := Inspect(t, f.s).Categories(t.Context(), userA); err != nil || len(categories) != 0 {
		t.Errorf("categories after revert = %v, %v; want none", categories, err)
	}
	f.assertStatuses(userA, id, "reverted", "reverted", "reverted", "reverted", "reverted", "reverted", "reverted")
}

func testOwnLinkSurvivesRevert(t *testing.T, f *automationFixture) {
	h := f.ids[userA]
	tag := f.userTag(userA, "automation-test")
	f.seed(`INSERT INTO highlight_tags (highlight_id, tag_id, created_by) VALUES ($1, $2, 'user')`, h[1], tag)
	own := link("highlight_tags", h[1], tag, "-", "user")

	id := f.create(userA, addTagByID("highlight", h[1], tag), addTagByID("highlight", h[2], tag))
	if created := f.approve(userA, id); len(created.Tags)+len(created.Categories) != 0 {
		t.Errorf("created = %+v, want nothing: the tag existed", created)
	}
	second := f.get(userA, id).Actions[1].ID
	if got, want := f.links(userA), sorted(own, link("highlight_tags", h[2], tag, second, "automation")); !slices.Equal(got, want) {
		t.Errorf("links after approve = %v, want %v: the user's link untouched", got, want)
	}
	if err := f.s.RevertAutomation(t.Context(), userA, id); err != nil {
		t.Fatal(err)
	}
	if got := f.links(userA); !slices.Equal(got, []string{own}) {
		t.Errorf("links after revert = %v, want the user's own %v", got, own)
	}
	if tags, _ := Inspect(t, f.s).TagNames(t.Context(), userA); !slices.Equal(tags, []string{"automation-test"}) {
		t.Errorf("tags after revert = %v: the user's tag must stay", tags)
	}
}

func testRevertKeepsUsedTag(t *testing.T, f *automationFixture) {
	h := f.ids[userA]
	id := f.create(userA, createTag("automation-test"), addTagByName("highlight", h[1], "automation-test"))
	created := f.approve(userA, id)
	if len(created.Tags) != 1 {
		t.Fatalf("created = %+v, want the tag", created)
	}
	// After the approval, the user links the new tag to another highlight.
	f.seed(`INSERT INTO highlight_tags (highlight_id, tag_id, created_by) VALUES ($1, $2, 'user')`, h[2], created.Tags[0].ID)
	if err := f.s.RevertAutomation(t.Context(), userA, id); err != nil {
		t.Fatal(err)
	}
	if got, want := f.links(userA), []string{link("highlight_tags", h[2], created.Tags[0].ID, "-", "user")}; !slices.Equal(got, want) {
		t.Errorf("links after revert = %v, want %v", got, want)
	}
	if tags, _ := Inspect(t, f.s).TagNames(t.Context(), userA); !slices.Equal(tags, []string{"automation-test"}) {
		t.Errorf("tags after revert = %v: a tag in use must stay", tags)
	}
}

func testFailingActionAppliesNothing(t *testing.T, f *automationFixture) {
	h := f.ids[userA]
	id := f.create(userA, createTag("automation-test"),
		addTagByName("highlight", h[1], "automation-test"), addTagByName("highlight", h[2], "automation-test"))
	f.seed(`DELETE FROM highlights WHERE id = $1`, h[2]) // deleted between proposal and approval

	_, err := f.s.ApproveAutomation(t.Context(), userA, id, nameRules)
	failed, ok := errors.AsType[*store.ActionFailedError](err)
	if !ok {
		t.Fatalf("ApproveAutomation = %v, want an *ActionFailedError", err)
	}
	a := f.get(userA, id)
	if failed.ActionID != a.Actions[2].ID || failed.Reason == "" {
		t.Errorf("failure = %+v, want action %s with a reason", failed, a.Actions[2].ID)
	}
	f.assertStatuses(userA, id, "pending", "pending", "pending", "failed")
	if got := f.links(userA); len(got) != 0 {
		t.Errorf("links = %v, want none", got)
	}
	if tags, _ := Inspect(t, f.s).TagNames(t.Context(), userA); len(tags) != 0 {
		t.Errorf("tags = %v, want none: the create rolled back too", tags)
	}
	// Still pending: the user can reject it.
	if err := f.s.RejectAutomation(t.Context(), userA, id); err != nil {
		t.Fatal(err)
	}
	f.assertStatuses(userA, id, "rejected", "rejected", "rejected", "failed")
}

func testApproveChecksOwnership(t *testing.T, f *automationFixture) {
	theirTag := f.userTag(userB, "theirs")
	f.seed(`INSERT INTO categories (user_id, name, slug) VALUES ($1, 'Theirs', 'theirs')`, userB)
	theirCategory := f.rowID(userB, "categories", "slug", "theirs")
	bad := map[string]store.ActionData{
		"another user's highlight": addTagByName("highlight", f.ids[userB][1], "mine"),
		"another user's book":      addTagByName("book", f.bookID[userB], "mine"),
		"another user's tag":       addTagByID("highlight", f.ids[userA][1], theirTag),
		"another user's category": {Action: store.ActionAddCategory, Target: "highlight", TargetID: f.ids[userA][1],
			CategoryID: strPtr(theirCategory)},
		"a malformed target id": addTagByName("highlight", "not-a-uuid", "mine"),
		"an unknown target":     addTagByName("note", f.ids[userA][1], "mine"),
		"no tag at all":         {Action: store.ActionAddTag, Target: "highlight", TargetID: f.ids[userA][1]},
		"a blank tag name":      createTag("   "),
		"an unknown action":     {Action: "delete_everything"},
	}
	for name, action := range bad {
		id := f.create(userA, createTag("fine"), action)
		_, err := f.s.ApproveAutomation(t.Context(), userA, id, nameRules)
		if _, ok := errors.AsType[*store.ActionFailedError](err); !ok {
			t.Errorf("%s: ApproveAutomation = %v, want an *ActionFailedError", name, err)
		}
		f.assertStatuses(userA, id, "pending", "pending", "failed")
	}
	for _, user := range []string{userA, userB} {
		if got := f.links(user); len(got) != 0 {
			t.Errorf("%s has links %v, want none", user, got)
		}
	}
	if tags, _ := Inspect(t, f.s).TagNames(t.Context(), userA); len(tags) != 0 {
		t.Errorf("tags of A = %v, want none", tags)
	}
}

func testAnotherUsersAutomation(t *testing.T, f *automationFixture) {
	id := f.create(userA, createTag("automation-test"))
	ctx := t.Context()
	if _, err := f.s.GetAutomation(ctx, userB, id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("GetAutomation as B = %v, want ErrNotFound", err)
	}
	if _, err := f.s.ApproveAutomation(ctx, userB, id, nameRules); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("ApproveAutomation as B = %v, want ErrNotFound", err)
	}
	if err := f.s.RejectAutomation(ctx, userB, id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("RejectAutomation as B = %v, want ErrNotFound", err)
	}
	if err := f.s.RevertAutomation(ctx, userB, id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("RevertAutomation as B = %v, want ErrNotFound", err)
	}
	for _, missing := range []string{"not-a-uuid", "00000000-0000-4000-8000-000000000000", ""} {
		if _, err := f.s.ApproveAutomation(ctx, userA, missing, nameRules); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("ApproveAutomation(%q) = %v, want ErrNotFound", missing, err)
		}
	}
	f.assertStatuses(userA, id, "pending", "pending")
}

func testAutomationTransitions(t *testing.T, f *automationFixture) {
	ctx := t.Context()
	wantStatus := func(op string, err error, status string) {
		t.Helper()
		if e, ok := errors.AsType[*store.AutomationStatusError](err); !ok || e.Status != status {
			t.Errorf("%s = %v, want an *AutomationStatusError with status %s", op, err, status)
		}
	}
	rejected := f.create(userA, createTag("a"))
	wantStatus("revert of pending", f.s.RevertAutomation(ctx, userA, rejected), "pending")
	if err := f.s.RejectAutomation(ctx, userA, rejected); err != nil {
		t.Fatal(err)
	}
	f.assertStatuses(userA, rejected, "rejected", "rejected")
	_, err := f.s.ApproveAutomation(ctx, userA, rejected, nameRules)
	wantStatus("approve of rejected", err, "rejected")
	wantStatus("reject of rejected", f.s.RejectAutomation(ctx, userA, rejected), "rejected")
	wantStatus("revert of rejected", f.s.RevertAutomation(ctx, userA, rejected), "rejected")

	approved := f.create(userA, createTag("b"))
	f.approve(userA, approved)
	_, err = f.s.ApproveAutomation(ctx, userA, approved, nameRules)
	wantStatus("approve of approved", err, "approved")
	wantStatus("reject of approved", f.s.RejectAutomation(ctx, userA, approved), "approved")
	if err := f.s.RevertAutomation(ctx, userA, approved); err != nil {
		t.Fatal(err)
	}
	f.assertStatuses(userA, approved, "reverted", "reverted")
	wantStatus("revert of reverted", f.s.RevertAutomation(ctx, userA, approved), "reverted")
	_, err = f.s.ApproveAutomation(ctx, userA, approved, nameRules)
	wantStatus("approve of reverted", err, "reverted")
}

func testConcurrentApprovalsApplyOnce(t *testing.T, f *automationFixture) {
	h := f.ids[userA]
	id := f.create(userA, createTag("automation-test"),
		addTagByName("highlight", h[1], "automation-test"), addTagByName("highlight", h[2], "automation-test"))
	const approvers = 8
	var wg sync.WaitGroup
	results := make([]error, approvers)
	created := make([]store.CreatedResources, approvers)
	for i := range approvers {
		wg.Go(func() {
			created[i], results[i] = f.s.ApproveAutomation(context.WithoutCancel(t.Context()), userA, id, nameRules)
		})
	}
	wg.Wait()
	applied := 0
	for i, err := range results {
		if err == nil {
			applied++
			if len(created[i].Tags) != 1 {
				t.Errorf("the approval that applied created %+v, want the tag", created[i])
			}
			continue
		}
		if e, ok := errors.AsType[*store.AutomationStatusError](err); !ok || e.Status != store.AutomationApproved {
			t.Errorf("a concurrent approval = %v, want applied or already approved", err)
		}
	}
	if applied != 1 {
		t.Errorf("%d approvals applied, want exactly 1", applied)
	}
	if got := f.links(userA); len(got) != 2 {
		t.Errorf("links = %v, want 2", got)
	}
}

func testApproveCategoriesBySlug(t *testing.T, f *automationFixture) {
	h := f.ids[userA]
	// A has the category already, under another spelling; B has one of the same slug.
	f.seed(`INSERT INTO categories (user_id, name, slug) VALUES ($1, 'automation test!', 'automation-test')`, userA)
	f.seed(`INSERT INTO categories (user_id, name, slug) VALUES ($1, 'Automation Test', 'automation-test')`, userB)
	mine := f.rowID(userA, "categories", "slug", "automation-test")
	id := f.create(userA, store.ActionData{Action: store.ActionCreateCategory, CategoryName: "Automation Test"},
		store.ActionData{Action: store.ActionAddCategory, Target: "highlight", TargetID: h[1], CategoryID: strPtr(""), CategoryName: "Automation Test"})
	if created := f.approve(userA, id); len(created.Categories) != 0 {
		t.Errorf("created = %+v, want nothing: A had the category", created)
	}
	action := f.get(userA, id).Actions[1].ID
	if got, want := f.links(userA), []string{link("highlight_categories", h[1], mine, action, "automation")}; !slices.Equal(got, want) {
		t.Errorf("links = %v, want %v", got, want)
	}
	if err := f.s.RevertAutomation(t.Context(), userA, id); err != nil {
		t.Fatal(err)
	}
	for _, user := range []string{userA, userB} {
		if categories, _ := Inspect(t, f.s).Categories(t.Context(), user); len(categories) != 1 {
			t.Errorf("categories of %s after revert = %v, want the one it had", user, categories)
		}
	}
}
