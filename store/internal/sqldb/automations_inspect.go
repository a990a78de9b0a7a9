package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
)

// AutomationLinks lists every link of the user's rows in the six link tables
// as "<table> <from id> <to id> <automation_action_id or -> <created_by or
// ->", sorted: what tests of automations compare.
func (db *DB) AutomationLinks(ctx context.Context, userID string) ([]string, error) {
	var all []string
	for _, kind := range []resourceKind{tagKind, categoryKind} {
		for _, target := range linkTargets {
			table := target.links(kind)
			rows, err := db.read.QueryContext(ctx, `
				SELECT l.`+target.column+`, l.`+kind.column+`, COALESCE(CAST(l.automation_action_id AS TEXT), '-'), COALESCE(l.created_by, '-')
				FROM `+table+` l JOIN `+target.table+` p ON p.id = l.`+target.column+` WHERE p.user_id = $1`, userID)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", table, err)
			}
			links, err := scanAll(rows, func(rows *sql.Rows) (string, error) {
				var from, to, action, by string
				err := rows.Scan(&from, &to, &action, &by)
				return fmt.Sprintf("%s %s %s %s %s", table, from, to, action, by), err
			})
			if err != nil {
				return nil, fmt.Errorf("%s: %w", table, err)
			}
			all = append(all, links...)
		}
	}
	slices.Sort(all)
	return all, nil
}

// RowID returns the id of the user's row of table whose column equals value.
func (db *DB) RowID(ctx context.Context, userID, table, column string, value any) (string, error) {
	var id string
	err := db.read.QueryRowContext(ctx, `SELECT id FROM `+table+` WHERE user_id = $1 AND `+column+` = $2`, userID, value).Scan(&id)
	return id, err
}
