package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"testing"

	"spark.dev/spark/internal/fakereadwise"
	"spark.dev/spark/store"
	"spark.dev/spark/store/storetest"
)

// proposalResult is the final value of both automation functions.
type proposalResult struct {
	Success         bool   `json:"success"`
	AutomationID    string `json:"automationId"`
	HighlightsCount int    `json:"highlightsCount"`
	TagExists       *bool  `json:"tagExists"`
	CategoryExists  *bool  `json:"categoryExists"`
	Message         string `json:"message"`
	IsLastStep      bool   `json:"isLastStep"`
}

// After a sync, each function proposes a pending automation with the
// original's actions over the user's own highlights; the tag and category
// are looked up for that user only; approving applies exactly those links.
func TestEndToEndAutomationsProposeAndApply(t *testing.T) {
	s := startStack(t, nil)
	const userA, tokenA = "00000000-0000-4000-8000-0000000001a1", "rw-token-automations-a-0123"
	const userB, tokenB = "00000000-0000-4000-8000-0000000001b1", "rw-token-automations-b-0123"
	for user, rwToken := range map[string]string{userA: tokenA, userB: tokenB} {
		s.Readwise.AddUser(rwToken, fakereadwise.GenerateLibrary(int64(len(user)+int(rwToken[len(rwToken)-5])), 4, 40))
		saveReadwiseKey(t, s.URL, user, rwToken)
		syncHighlights(t, s.Dev, s.URL, user, nil)
	}
	st := openDB(t, s.DatabaseURL)
	defer st.Close()
	ctx := context.Background()

	// B gets the tag first: the original would then have linked A's
	// highlights to B's tag.
	approve(t, s, userB, propose(t, s, "/api/inngest/trigger-tag-random-highlights", userB).AutomationID)

	tagging := propose(t, s, "/api/inngest/trigger-tag-random-highlights", userA)
	if tagging.TagExists == nil || *tagging.TagExists || tagging.HighlightsCount != 5 ||
		tagging.Message != `Created context automation to tag 5 random highlights with "automation-test" tag` {
		t.Fatalf("tagging result = %+v", tagging)
	}
	a := automation(t, st, userA, tagging.AutomationID, "Random Highlight Tagging")
	assertActions(t, st, userA, a, store.ActionData{Action: store.ActionCreateTag, TagName: "automation-test"},
		func(target string) store.ActionData {
			return store.ActionData{Action: store.ActionAddTag, Target: "highlight", TargetID: target, TagID: ptr(""), TagName: "automation-test"}
		})
	if _, err := st.GetAutomation(ctx, userB, tagging.AutomationID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("B reads A's automation: %v", err)
	}
	approve(t, s, userA, tagging.AutomationID)
	tagA, err := st.TagID(ctx, userA, "automation-test")
	if err != nil {
		t.Fatal(err)
	}
	assertLinks(t, st, userA, "highlight_tags", tagA, a)

	// Now A has the tag: the next proposal links to it by id.
	again := propose(t, s, "/api/inngest/trigger-tag-random-highlights", userA)
	if again.TagExists == nil || !*again.TagExists {
		t.Fatalf("second tagging result = %+v, want tagExists", again)
	}
	assertActions(t, st, userA, automation(t, st, userA, again.AutomationID, "Random Highlight Tagging"), store.ActionData{},
		func(target string) store.ActionData {
			return store.ActionData{Action: store.ActionAddTag, Target: "highlight", TargetID: target, TagID: ptr(tagA)}
		})

	categorizing := propose(t, s, "/api/inngest/trigger-categorize-random-highlights", userA)
	if categorizing.CategoryExists == nil || *categorizing.CategoryExists ||
		categorizing.Message != `Created context automation to categorize 5 random highlights with "Automation Test" category` {
		t.Fatalf("categorizing result = %+v", categorizing)
	}
	c := automation(t, st, userA, categorizing.AutomationID, "Random Highlight Categorization")
	assertActions(t, st, userA, c, store.ActionData{Action: store.ActionCreateCategory, CategoryName: "Automation Test"},
		func(target string) store.ActionData {
			return store.ActionData{Action: store.ActionAddCategory, Target: "highlight", TargetID: target, CategoryID: ptr(""), CategoryName: "Automation Test"}
		})
	approve(t, s, userA, categorizing.AutomationID)
	category, err := st.CategoryID(ctx, userA, "automation-test")
	if err != nil {
		t.Fatal(err)
	}
	assertLinks(t, st, userA, "highlight_categories", category, c)
}

// A user with no highlights gets the original's handled failure.
func TestEndToEndAutomationWithoutHighlights(t *testing.T) {
	s := startStack(t, nil)
	const user = "00000000-0000-4000-8000-0000000001c1"
	run := s.Dev.WaitForRuns(t, triggerJob(t, s.URL, "/api/inngest/trigger-categorize-random-highlights", user), 1, runTimeout)[0]
	var result map[string]any
	if run.Status != "Completed" || json.Unmarshal(run.Output, &result) != nil ||
		result["success"] != false || result["error"] != "No highlights found for this user" {
		t.Fatalf("run %s: %s", run.Status, run.Output)
	}
}

func ptr(s string) *string { return &s }

// propose triggers one of the functions as userID and returns its result.
func propose(t *testing.T, s *stack, trigger, userID string) proposalResult {
	t.Helper()
	run := s.Dev.WaitForRuns(t, triggerJob(t, s.URL, trigger, userID), 1, runTimeout)[0]
	var result proposalResult
	if run.Status != "Completed" || json.Unmarshal(run.Output, &result) != nil || !result.Success || !result.IsLastStep || result.AutomationID == "" {
		t.Fatalf("%s run %s: %s", trigger, run.Status, run.Output)
	}
	return result
}

func approve(t *testing.T, s *stack, userID, automationID string) {
	t.Helper()
	status, raw := request(t, http.MethodPost, s.URL+"/api/automations/approve", token(t, userID), map[string]any{"automationId": automationID})
	if status != http.StatusOK {
		t.Fatalf("approve as %s: %d %s", userID, status, raw)
	}
}

func automation(t *testing.T, st db, userID, id, name string) store.Automation {
	t.Helper()
	a, err := st.GetAutomation(context.Background(), userID, id)
	if err != nil {
		t.Fatal(err)
	}
	if a.Name != name || a.Source != "system" || a.Status != store.AutomationPending {
		t.Fatalf("automation = %s / %s / %s, want %s / system / pending", a.Name, a.Source, a.Status, name)
	}
	return a
}

// assertActions checks the automation's actions: create first when it is
// not zero, then one add per distinct highlight of the user's, 5 in all.
func assertActions(t *testing.T, st db, userID string, a store.Automation, create store.ActionData, add func(target string) store.ActionData) {
	t.Helper()
	mine, err := st.RecentHighlightIDs(context.Background(), userID, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var want []store.ActionData
	if create.Action != "" {
		want = append(want, create)
	}
	var targets []string
	for _, action := range a.Actions[len(want):] {
		if !slices.Contains(mine, action.Data.TargetID) || slices.Contains(targets, action.Data.TargetID) {
			t.Fatalf("action target %q is not a distinct highlight of the user's", action.Data.TargetID)
		}
		targets = append(targets, action.Data.TargetID)
		want = append(want, add(action.Data.TargetID))
	}
	var got []store.ActionData
	for _, action := range a.Actions {
		got = append(got, action.Data)
	}
	// As JSON: the shapes the original stored, "" ids included.
	if len(targets) != 5 || jsonText(got) != jsonText(want) {
		t.Fatalf("actions = %s, want %s", jsonText(got), jsonText(want))
	}
}

func jsonText(v any) string {
	raw, _ := json.Marshal(v)
	return string(raw)
}

// assertLinks checks that the user's links in table made by automations are
// exactly the automation's targets to resource, each carrying its action's
// id (the sync's tag migration makes links of its own).
func assertLinks(t *testing.T, st db, userID, table, resource string, a store.Automation) {
	t.Helper()
	links, err := st.Store.(storetest.AutomationInspector).AutomationLinks(context.Background(), userID)
	if err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for _, l := range links {
		if fieldOf(l, 0) == table && fieldOf(l, 4) == store.CreatedByAutomation {
			got = append(got, l)
		}
	}
	for _, action := range a.Actions {
		if action.Data.TargetID != "" {
			want = append(want, fmt.Sprintf("%s %s %s %s automation", table, action.Data.TargetID, resource, action.ID))
		}
	}
	if !equalStrings(got, want) {
		t.Fatalf("links = %v, want %v", got, want)
	}
}

func fieldOf(line string, i int) string {
	var fields [5]string
	fmt.Sscan(line, &fields[0], &fields[1], &fields[2], &fields[3], &fields[4])
	return fields[i]
}
