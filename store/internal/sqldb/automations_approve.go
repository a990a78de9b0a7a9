package sqldb

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"spark.dev/spark/store"
)

func (db *DB) ApproveAutomation(ctx context.Context, userID, automationID string, rules store.NameRules) (store.CreatedResources, error) {
	var created store.CreatedResources
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if err := db.lockAutomation(ctx, tx, userID, automationID, store.AutomationPending); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, actionsQuery, automationID)
		if err != nil {
			return err
		}
		actions, err := scanAll(rows, scanAction)
		if err != nil {
			return err
		}
		a := &approval{db: db, tx: tx, userID: userID, automationID: automationID, rules: rules}
		// Creates first, then links, each in order, as the original did.
		slices.SortStableFunc(actions, func(x, y store.AutomationAction) int {
			return cmp.Compare(linkRank(x.Data.Action), linkRank(y.Data.Action))
		})
		for _, action := range actions {
			if err := a.apply(ctx, action); err != nil {
				return err
			}
		}
		created = a.created
		return db.setAutomationStatus(ctx, tx, automationID, store.AutomationPending, store.AutomationApproved, store.ActionExecuted, store.ActionPending, store.ActionFailed)
	})
	if failed, ok := errors.AsType[*store.ActionFailedError](err); ok {
		if markErr := db.markActionFailed(ctx, userID, automationID, failed.ActionID); markErr != nil {
			return store.CreatedResources{}, fmt.Errorf("approve automation: %w (marking it: %w)", err, markErr)
		}
		return store.CreatedResources{}, err
	}
	if err != nil {
		return store.CreatedResources{}, fmt.Errorf("approve automation: %w", err)
	}
	return created, nil
}

func linkRank(action string) int {
	if action == store.ActionAddTag || action == store.ActionAddCategory {
		return 1
	}
	return 0
}

// markActionFailed records, after a failed approval rolled back, which action
// failed (and that the others, failed before, are pending again), while the
// automation is still the user's and pending.
func (db *DB) markActionFailed(ctx context.Context, userID, automationID, actionID string) error {
	_, err := db.exec(ctx, `
		UPDATE automation_actions SET status = CASE WHEN id = $3 THEN $4 ELSE $5 END, updated_at = $6
		WHERE automation_id = $1 AND status IN ($4, $5)
		  AND automation_id IN (SELECT id FROM automations WHERE id = $1 AND user_id = $2 AND status = $7)`,
		automationID, userID, actionID, store.ActionFailed, store.ActionPending, db.timeArg(time.Now()), store.AutomationPending)
	return err
}

// approval applies one automation's actions inside its transaction.
type approval struct {
	db           *DB
	tx           *sql.Tx
	userID       string
	automationID string
	rules        store.NameRules
	created      store.CreatedResources
}

func (a *approval) apply(ctx context.Context, action store.AutomationAction) error {
	fail := func(format string, args ...any) error {
		return &store.ActionFailedError{ActionID: action.ID, Reason: fmt.Sprintf(format, args...)}
	}
	d := action.Data
	var err error
	switch d.Action {
	case store.ActionCreateTag:
		_, err = a.findOrCreate(ctx, tagKind, d.TagName, fail)
	case store.ActionCreateCategory:
		_, err = a.findOrCreate(ctx, categoryKind, d.CategoryName, fail)
	case store.ActionAddTag:
		err = a.link(ctx, action.ID, tagKind, d, d.TagID, d.TagName, fail)
	case store.ActionAddCategory:
		err = a.link(ctx, action.ID, categoryKind, d, d.CategoryID, d.CategoryName, fail)
	default:
		err = fail("Unknown action: %s", d.Action)
	}
	return err
}

// link links d's target to the tag or category named by id, or when id is
// empty by name (found or created). A link the user has already stays as
// it is.
func (a *approval) link(ctx context.Context, actionID string, kind resourceKind, d store.ActionData, id *string, name string, fail func(string, ...any) error) error {
	i := slices.IndexFunc(linkTargets, func(t linkTarget) bool { return t.name == d.Target })
	if i < 0 {
		return fail("Invalid resource type: %s", d.Target)
	}
	target := linkTargets[i]
	if !a.owns(ctx, target.table, d.TargetID) {
		return fail("The %s %s does not exist", target.name, d.TargetID)
	}
	resourceID := ""
	switch {
	case id != nil && *id != "":
		if !a.owns(ctx, kind.table, *id) {
			return fail("The %s %s does not exist", singular(kind), *id)
		}
		resourceID = *id
	case strings.TrimSpace(name) != "":
		var err error
		if resourceID, err = a.findOrCreate(ctx, kind, name, fail); err != nil {
			return err
		}
	default:
		return fail("The action names no %s", singular(kind))
	}
	_, err := a.tx.ExecContext(ctx, `
		INSERT INTO `+target.links(kind)+` (`+target.column+`, `+kind.column+`, automation_action_id, created_by)
		VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, d.TargetID, resourceID, actionID, store.CreatedByAutomation)
	return err
}

// owns reports whether the user has the row id in table. Lookup errors
// count as not owned: the transaction is rolled back either way.
func (a *approval) owns(ctx context.Context, table, id string) bool {
	if !store.IsRowID(id) {
		return false
	}
	var one int
	err := a.tx.QueryRowContext(ctx, `SELECT 1 FROM `+table+` WHERE id = $1 AND user_id = $2`, id, a.userID).Scan(&one)
	return err == nil
}

// findOrCreate returns the id of the user's tag or category of that name,
// creating it (as made by this automation) when the user has none.
func (a *approval) findOrCreate(ctx context.Context, kind resourceKind, name string, fail func(string, ...any) error) (string, error) {
	name = strings.TrimSpace(name)
	key, values, columns := name, []any{}, "name"
	if kind == tagKind {
		key = a.rules.Tag(name)
		name = key
	} else {
		key = a.rules.Slug(name)
		values, columns = []any{key}, "slug, name"
	}
	if key == "" {
		return "", fail("Invalid %s name: %q", singular(kind), name)
	}
	id, err := a.db.resourceID(ctx, a.tx, kind, a.userID, key)
	if !errors.Is(err, store.ErrNotFound) {
		return id, err
	}
	values = append(values, name, a.userID, a.automationID)
	// DO NOTHING: a concurrent transaction of the user may create it first.
	err = a.tx.QueryRowContext(ctx, `
		INSERT INTO `+kind.table+` (`+columns+`, user_id, created_by_automation_id)
		VALUES (`+placeholders(len(values))+`)
		ON CONFLICT (user_id, `+kind.key+`) DO NOTHING RETURNING id`, values...).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return a.db.resourceID(ctx, a.tx, kind, a.userID, key)
	}
	if err != nil {
		return "", err
	}
	if kind == tagKind {
		a.created.Tags = append(a.created.Tags, store.CreatedTag{ID: id, Name: name})
	} else {
		a.created.Categories = append(a.created.Categories, store.CreatedCategory{ID: id, Name: name, Slug: key})
	}
	return id, nil
}

func singular(kind resourceKind) string {
	if kind == tagKind {
		return "tag"
	}
	return "category"
}

// placeholders is "$1, $2, …, $n".
func placeholders(n int) string {
	var b strings.Builder
	writeParams(&b, 1, n)
	return b.String()
}
