package store

import (
	"context"
	"fmt"
	"time"
)

// Automations are proposed changes to a user's tags and categories: a
// function creates one pending, with its actions; nothing is applied until
// the user approves it, and an approval can be reverted.
type Automations interface {
	// CreateAutomation inserts a pending automation of the user with its
	// actions, all pending, in one transaction, and returns its id. The
	// actions keep their order (created_at increases along them). With an
	// ID that the user's automation has already, it writes nothing and
	// returns the ID: a retried step creates its automation once.
	CreateAutomation(ctx context.Context, userID string, a NewAutomation) (string, error)
	// GetAutomation returns the user's automation with its actions in order,
	// or ErrNotFound (also for another user's automation).
	GetAutomation(ctx context.Context, userID, automationID string) (Automation, error)

	// ApproveAutomation applies every action of the user's pending
	// automation in one transaction that holds the automation (two approvals
	// never both apply): creates first, then links, each in order. Every
	// target, tag and category must be the user's. A link the user has
	// already is left as it is; a link made here carries its action's id and
	// created_by "automation". On success the automation is approved and its
	// actions executed. When an action fails nothing is applied, the
	// automation stays pending, that action is marked failed, and the error
	// is an *ActionFailedError. Errors: ErrNotFound, *AutomationStatusError.
	ApproveAutomation(ctx context.Context, userID, automationID string, rules NameRules) (CreatedResources, error)
	// RejectAutomation marks the user's pending automation rejected, and its
	// pending actions too.
	RejectAutomation(ctx context.Context, userID, automationID string) error
	// RevertAutomation undoes the user's approved automation in one
	// transaction: it removes exactly the links carrying its actions' ids,
	// then the tags and categories it created that nothing links any more,
	// and marks it and its executed actions reverted.
	RevertAutomation(ctx context.Context, userID, automationID string) error

	// RecentHighlightIDs returns the ids of the user's newest highlights
	// (by created_at), at most limit.
	RecentHighlightIDs(ctx context.Context, userID string, limit int) ([]string, error)
	// TagID and CategoryID find the user's tag by name and category by slug,
	// or return ErrNotFound.
	TagID(ctx context.Context, userID, name string) (string, error)
	CategoryID(ctx context.Context, userID, slug string) (string, error)
}

// IsRowID reports whether id is a row id as the store writes them: a UUID in
// lower-case canonical form, like user ids.
func IsRowID(id string) bool { return userIDPattern.MatchString(id) }

// Automation statuses.
const (
	AutomationPending  = "pending"
	AutomationApproved = "approved"
	AutomationRejected = "rejected"
	AutomationReverted = "reverted"
)

// Action statuses.
const (
	ActionPending  = "pending"
	ActionExecuted = "executed"
	ActionFailed   = "failed"
	ActionRejected = "rejected"
	ActionReverted = "reverted"
)

// Action kinds, ActionData.Action.
const (
	ActionCreateTag      = "create_tag"
	ActionCreateCategory = "create_category"
	ActionAddTag         = "add_tag"
	ActionAddCategory    = "add_category"
)

// AutomationSourceSystem marks automations Spark's own functions create.
const AutomationSourceSystem = "system"

// CreatedByAutomation is the created_by of links an approval makes.
const CreatedByAutomation = "automation"

// ActionData is automation_actions.action_data, in the original's shapes:
// {action:create_tag, tag_name}, {action:create_category, category_name},
// {action:add_tag, target, target_id, tag_id ("" for by name), tag_name?},
// {action:add_category, target, target_id, category_id, category_name?}.
// Target is book, highlight or spark.
type ActionData struct {
	Action       string  `json:"action"`
	Target       string  `json:"target,omitempty"`
	TargetID     string  `json:"target_id,omitempty"`
	TagID        *string `json:"tag_id,omitempty"`
	TagName      string  `json:"tag_name,omitempty"`
	CategoryID   *string `json:"category_id,omitempty"`
	CategoryName string  `json:"category_name,omitempty"`
}

// NewAutomation is an automation to propose.
type NewAutomation struct {
	// ID, when set (a UUID), is the automation's id, chosen by the caller
	// so that a retry finds the first attempt's row; otherwise the store
	// chooses one.
	ID      string
	Name    string
	Source  string
	Actions []ActionData
}

// Automation is a stored automation with its actions.
type Automation struct {
	ID        string
	Name      string
	Source    string
	Status    string
	CreatedAt time.Time
	UpdatedAt time.Time
	Actions   []AutomationAction
}

// AutomationAction is one stored action.
type AutomationAction struct {
	ID         string
	Data       ActionData
	Status     string
	ExecutedAt time.Time // zero until executed
}

// NameRules turn the names actions carry into stored keys (the store does
// not own the rules): a tag's name, a category's slug.
type NameRules struct {
	Tag  func(name string) string
	Slug func(name string) string
}

// CreatedResources are the tags and categories an approval created.
type CreatedResources struct {
	Categories []CreatedCategory `json:"categories"`
	Tags       []CreatedTag      `json:"tags"`
}

type CreatedCategory struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Slug string `json:"slug"`
}

type CreatedTag struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// AutomationStatusError is an automation not in the status an operation
// needs; Status is the one it has.
type AutomationStatusError struct{ Status string }

func (e *AutomationStatusError) Error() string { return "the automation is " + e.Status }

// ActionFailedError is why an approval applied nothing: one of its actions
// cannot be applied. Reason is written for the user.
type ActionFailedError struct {
	ActionID string
	Reason   string
}

func (e *ActionFailedError) Error() string {
	return fmt.Sprintf("action %s: %s", e.ActionID, e.Reason)
}
