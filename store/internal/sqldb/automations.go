package sqldb

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"spark.dev/spark/store"
)

var _ store.Automations = (*DB)(nil)

func (db *DB) CreateAutomation(ctx context.Context, userID string, a store.NewAutomation) (string, error) {
	now := time.Now()
	id := a.ID
	if id == "" {
		id = newRowID()
	} else if !store.IsRowID(id) {
		return "", fmt.Errorf("create automation: id %q is not a UUID", id)
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `
			INSERT INTO automations (id, user_id, name, source, status, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (id) DO NOTHING`,
			id, userID, a.Name, a.Source, store.AutomationPending, db.timeArg(now))
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n == 0 {
			// Created before, with its actions, by an earlier attempt.
			return db.ownAutomation(ctx, tx, userID, id)
		}
		for i, action := range a.Actions {
			data, err := json.Marshal(action)
			if err != nil {
				return err
			}
			// One microsecond apart: readers order actions by created_at.
			at := db.timeArg(now.Add(time.Duration(i) * time.Microsecond))
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO automation_actions (automation_id, action_data, status, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $4)`, id, string(data), store.ActionPending, at); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("create automation: %w", err)
	}
	return id, nil
}

// ownAutomation is nil when the user has the automation id, or an error
// that says whose it is not.
func (db *DB) ownAutomation(ctx context.Context, tx *sql.Tx, userID, id string) error {
	var owner string
	if err := tx.QueryRowContext(ctx, `SELECT user_id FROM automations WHERE id = $1`, id).Scan(&owner); err != nil {
		return err
	}
	if owner != userID {
		return fmt.Errorf("automation %s is another user's", id)
	}
	return nil
}

func (db *DB) GetAutomation(ctx context.Context, userID, automationID string) (store.Automation, error) {
	if !store.IsRowID(automationID) {
		return store.Automation{}, store.ErrNotFound
	}
	a := store.Automation{ID: automationID}
	err := db.read.QueryRowContext(ctx, `
		SELECT name, source, status, created_at, updated_at FROM automations WHERE id = $1 AND user_id = $2`,
		automationID, userID).Scan(&a.Name, &a.Source, &a.Status, timeDest{&a.CreatedAt}, timeDest{&a.UpdatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return store.Automation{}, store.ErrNotFound
	}
	if err != nil {
		return store.Automation{}, fmt.Errorf("get automation: %w", err)
	}
	rows, err := db.read.QueryContext(ctx, actionsQuery, automationID)
	if err != nil {
		return store.Automation{}, fmt.Errorf("get automation actions: %w", err)
	}
	if a.Actions, err = scanAll(rows, scanAction); err != nil {
		return store.Automation{}, fmt.Errorf("get automation actions: %w", err)
	}
	return a, nil
}

// actionsQuery lists an automation's actions in the order they were proposed.
const actionsQuery = `
	SELECT id, action_data, status, executed_at FROM automation_actions
	WHERE automation_id = $1 ORDER BY created_at, id`

func scanAction(rows *sql.Rows) (store.AutomationAction, error) {
	var a store.AutomationAction
	var data []byte
	if err := rows.Scan(&a.ID, &data, &a.Status, timeDest{&a.ExecutedAt}); err != nil {
		return a, err
	}
	if err := json.Unmarshal(data, &a.Data); err != nil {
		return a, fmt.Errorf("action %s: action_data: %w", a.ID, err)
	}
	return a, nil
}

// lockAutomation holds the user's automation until the transaction ends
// (PostgreSQL locks the row; SQLite's immediate transactions hold the whole
// database) and checks that its status is want.
func (db *DB) lockAutomation(ctx context.Context, tx *sql.Tx, userID, automationID, want string) error {
	if !store.IsRowID(automationID) {
		return store.ErrNotFound
	}
	var status string
	err := tx.QueryRowContext(ctx, `SELECT status FROM automations WHERE id = $1 AND user_id = $2`+db.dialect.LockRow,
		automationID, userID).Scan(&status)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return store.ErrNotFound
	case err != nil:
		return err
	case status != want:
		return &store.AutomationStatusError{Status: status}
	}
	return nil
}

// setAutomationStatus moves the automation, locked in status was, to
// status, and those of its actions whose status is one of from to
// actionStatus. The update is conditional as well as locked: a second
// writer that got past the lock still changes nothing.
func (db *DB) setAutomationStatus(ctx context.Context, tx *sql.Tx, automationID, was, status, actionStatus string, from ...string) error {
	now := db.timeArg(time.Now())
	res, err := tx.ExecContext(ctx, `UPDATE automations SET status = $2, updated_at = $3 WHERE id = $1 AND status = $4`,
		automationID, status, now, was)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return cmp.Or(err, error(&store.AutomationStatusError{Status: status}))
	}
	for _, f := range from {
		executedAt := "executed_at"
		if actionStatus == store.ActionExecuted {
			executedAt = "$3"
		}
		if _, err := tx.ExecContext(ctx, `UPDATE automation_actions SET status = $2, updated_at = $3, executed_at = `+executedAt+`
			WHERE automation_id = $1 AND status = $4`, automationID, actionStatus, now, f); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) RejectAutomation(ctx context.Context, userID, automationID string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if err := db.lockAutomation(ctx, tx, userID, automationID, store.AutomationPending); err != nil {
			return err
		}
		return db.setAutomationStatus(ctx, tx, automationID, store.AutomationPending, store.AutomationRejected, store.ActionRejected, store.ActionPending)
	})
}

func (db *DB) RevertAutomation(ctx context.Context, userID, automationID string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if err := db.lockAutomation(ctx, tx, userID, automationID, store.AutomationApproved); err != nil {
			return err
		}
		// The links first: a tag or category is kept while anything links it.
		for _, kind := range []resourceKind{tagKind, categoryKind} {
			for _, target := range linkTargets {
				if _, err := tx.ExecContext(ctx, `
					DELETE FROM `+target.links(kind)+`
					WHERE automation_action_id IN (SELECT id FROM automation_actions WHERE automation_id = $1)
					  AND `+target.column+` IN (SELECT id FROM `+target.table+` WHERE user_id = $2)`,
					automationID, userID); err != nil {
					return fmt.Errorf("remove %s: %w", target.links(kind), err)
				}
			}
		}
		for _, kind := range []resourceKind{tagKind, categoryKind} {
			unused := ""
			for _, target := range linkTargets {
				unused += ` AND NOT EXISTS (SELECT 1 FROM ` + target.links(kind) + ` l WHERE l.` + kind.column + ` = r.id)`
			}
			if _, err := tx.ExecContext(ctx, `
				DELETE FROM `+kind.table+` AS r
				WHERE r.user_id = $1 AND r.created_by_automation_id = $2`+unused, userID, automationID); err != nil {
				return fmt.Errorf("remove created %s: %w", kind.table, err)
			}
		}
		return db.setAutomationStatus(ctx, tx, automationID, store.AutomationApproved, store.AutomationReverted, store.ActionReverted, store.ActionExecuted)
	})
}

func (db *DB) RecentHighlightIDs(ctx context.Context, userID string, limit int) ([]string, error) {
	rows, err := db.read.QueryContext(ctx, `
		SELECT id FROM highlights WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2`, userID, limit)
	if err != nil {
		return nil, fmt.Errorf("recent highlights: %w", err)
	}
	ids, err := scanAll(rows, func(rows *sql.Rows) (string, error) {
		var id string
		return id, rows.Scan(&id)
	})
	if err != nil {
		return nil, fmt.Errorf("recent highlights: %w", err)
	}
	return ids, nil
}

func (db *DB) TagID(ctx context.Context, userID, name string) (string, error) {
	return db.resourceID(ctx, db.read, tagKind, userID, name)
}

func (db *DB) CategoryID(ctx context.Context, userID, slug string) (string, error) {
	return db.resourceID(ctx, db.read, categoryKind, userID, slug)
}

// querier runs queries on the read pool or inside a transaction.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// resourceID finds the user's tag or category by its key, or ErrNotFound.
func (db *DB) resourceID(ctx context.Context, q querier, kind resourceKind, userID, key string) (string, error) {
	var id string
	err := q.QueryRowContext(ctx, `SELECT id FROM `+kind.table+` WHERE user_id = $1 AND `+kind.key+` = $2`, userID, key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", store.ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("find %s: %w", kind.table, err)
	}
	return id, nil
}

// resourceKind is tags or categories: what actions create and link.
type resourceKind struct {
	table  string // tags, categories
	key    string // the column unique per user: name, slug
	column string // in link tables: tag_id, category_id
	suffix string // of link tables: _tags, _categories
}

var (
	tagKind      = resourceKind{table: "tags", key: "name", column: "tag_id", suffix: "_tags"}
	categoryKind = resourceKind{table: "categories", key: "slug", column: "category_id", suffix: "_categories"}
)

// linkTarget is what actions link tags and categories to.
type linkTarget struct {
	name   string // book, highlight, spark: action_data.target
	table  string // books, highlights, sparks
	column string // in link tables: book_id…
}

var linkTargets = []linkTarget{
	{"book", "books", "book_id"},
	{"highlight", "highlights", "highlight_id"},
	{"spark", "sparks", "spark_id"},
}

// links is the link table between the target and kind: highlight_tags…
func (t linkTarget) links(kind resourceKind) string { return t.name + kind.suffix }
