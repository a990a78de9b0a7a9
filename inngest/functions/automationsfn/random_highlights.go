// Package automationsfn holds the Inngest functions that propose
// automations: pending changes the user approves or rejects
// (docs/functions.md).
package automationsfn

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"

	"github.com/google/uuid"
	"github.com/inngest/inngestgo"
	"github.com/inngest/inngestgo/step"

	"spark.dev/spark/inngest"
	"spark.dev/spark/naming"
	"spark.dev/spark/store"
)

// The original's sample: 5 of the user's 100 newest highlights.
const (
	recentHighlights = 100
	pickedHighlights = 5
)

const (
	testTag      = "automation-test"
	testCategory = "Automation Test"
)

// TagRandomHighlights proposes tagging a few of the user's recent
// highlights "automation-test", creating the tag when the user has none.
func TagRandomHighlights(c inngestgo.Client, d inngest.Deps) (inngestgo.ServableFunction, error) {
	return propose[inngest.TagRandomHighlights](c, d, proposal{
		function: inngest.FunctionTagRandomHighlights, event: inngest.EventTagRandomHighlights,
		title: "Automations: tag random highlights", name: "Random Highlight Tagging",
		checkStep: "check-tag-exists", existsKey: "tagExists",
		find: func(ctx context.Context, s store.Store, userID string) (string, error) {
			return s.TagID(ctx, userID, testTag)
		},
		create: store.ActionData{Action: store.ActionCreateTag, TagName: testTag},
		add: func(highlightID, tagID string) store.ActionData {
			a := store.ActionData{Action: store.ActionAddTag, Target: "highlight", TargetID: highlightID, TagID: &tagID}
			if tagID == "" {
				a.TagName = testTag
			}
			return a
		},
		message: fmt.Sprintf("Created context automation to tag %%d random highlights with %q tag", testTag),
	})
}

// CategorizeRandomHighlights proposes putting a few of the user's recent
// highlights in the category "Automation Test", creating it when missing.
func CategorizeRandomHighlights(c inngestgo.Client, d inngest.Deps) (inngestgo.ServableFunction, error) {
	return propose[inngest.CategorizeRandomHighlights](c, d, proposal{
		function: inngest.FunctionCategorizeRandomHighlights, event: inngest.EventCategorizeRandomHighlights,
		title: "Automations: categorize random highlights", name: "Random Highlight Categorization",
		checkStep: "check-category-exists", existsKey: "categoryExists",
		find: func(ctx context.Context, s store.Store, userID string) (string, error) {
			return s.CategoryID(ctx, userID, naming.Slug(testCategory))
		},
		create: store.ActionData{Action: store.ActionCreateCategory, CategoryName: testCategory},
		add: func(highlightID, categoryID string) store.ActionData {
			a := store.ActionData{Action: store.ActionAddCategory, Target: "highlight", TargetID: highlightID, CategoryID: &categoryID}
			if categoryID == "" {
				a.CategoryName = testCategory
			}
			return a
		},
		message: fmt.Sprintf("Created context automation to categorize %%d random highlights with %q category", testCategory),
	})
}

// proposal is what tells the two functions apart.
type proposal struct {
	function, event, title string
	name                   string // the automation's
	checkStep, existsKey   string
	// find returns the id of the user's tag or category, or ErrNotFound.
	find func(ctx context.Context, s store.Store, userID string) (string, error)
	// create is the action that makes a missing tag or category.
	create store.ActionData
	// add links a highlight to the resource id, "" for by name.
	add     func(highlightID, resourceID string) store.ActionData
	message string // with %d for the number of highlights
}

// existing is whether the user has the tag or category, and its id.
type existing struct {
	Exists bool   `json:"exists"`
	ID     string `json:"id,omitempty"`
}

type picked struct {
	HighlightIDs []string `json:"highlightIds"`
}

type created struct {
	AutomationID string `json:"automationId"`
	ActionsCount int    `json:"actionsCount"`
	Success      bool   `json:"success"`
}

// propose is both functions: find the resource, pick the highlights, and
// store the pending automation, one step each, as the original did.
func propose[D inngest.UserData](c inngestgo.Client, d inngest.Deps, p proposal) (inngestgo.ServableFunction, error) {
	return inngestgo.CreateFunction(c,
		inngestgo.FunctionOpts{ID: p.function, Name: p.title, Retries: inngestgo.IntPtr(3)},
		inngestgo.EventTrigger(p.event, nil),
		inngest.ForUser(func(ctx context.Context, in inngestgo.Input[D], userID string) (any, error) {
			found, err := step.Run(ctx, p.checkStep, func(ctx context.Context) (existing, error) {
				id, err := p.find(ctx, d.Store, userID)
				if errors.Is(err, store.ErrNotFound) {
					return existing{}, nil
				}
				return existing{Exists: err == nil, ID: id}, err
			})
			if err != nil {
				return nil, err
			}
			sample, err := step.Run(ctx, "select-random-highlights", func(ctx context.Context) (picked, error) {
				ids, err := d.Store.RecentHighlightIDs(ctx, userID, recentHighlights)
				rand.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
				return picked{HighlightIDs: ids[:min(len(ids), pickedHighlights)]}, err
			})
			if err != nil {
				return nil, err
			}
			if len(sample.HighlightIDs) == 0 {
				return inngest.MarkAsError("No highlights found for this user", nil), nil
			}
			automation, err := step.Run(ctx, "create-context-automation", func(ctx context.Context) (created, error) {
				var actions []store.ActionData
				if !found.Exists {
					actions = append(actions, p.create)
				}
				for _, id := range sample.HighlightIDs {
					actions = append(actions, p.add(id, found.ID))
				}
				id, err := d.Store.CreateAutomation(ctx, userID, store.NewAutomation{
					ID: runAutomationID(in.InputCtx.RunID), Name: p.name, Source: store.AutomationSourceSystem, Actions: actions,
				})
				return created{AutomationID: id, ActionsCount: len(actions), Success: err == nil}, err
			})
			if err != nil {
				return nil, err
			}
			n := len(sample.HighlightIDs)
			return inngest.MarkAsLastStep(map[string]any{
				"success": true, "automationId": automation.AutomationID, "highlightsCount": n,
				p.existsKey: found.Exists, "message": fmt.Sprintf(p.message, n),
			})
		}))
}

// runAutomations is the namespace of the ids runAutomationID derives.
var runAutomations = uuid.MustParse("6f1d7c52-0b8e-4b4a-9a49-2f3c1e8d5a70")

// runAutomationID is the id of the automation a run proposes, the same on
// every attempt of its step: an attempt whose answer the engine lost has
// stored the automation, and the retry finds it instead of proposing it
// twice. "" (the store chooses) for a run without an id.
func runAutomationID(runID string) string {
	if runID == "" {
		return ""
	}
	return uuid.NewSHA1(runAutomations, []byte(runID)).String()
}
