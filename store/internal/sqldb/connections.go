package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"spark.dev/spark/store"
)

func (db *DB) RecordConnection(ctx context.Context, userID string, p store.Provider, connected bool, lastError string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		return db.recordConnection(ctx, tx, userID, p, connected, lastError)
	})
}

// recordConnection upserts is_connected and last_error of the user's row in
// p's state table, and mirrors the state into the document.
func (db *DB) recordConnection(ctx context.Context, tx *sql.Tx, userID string, p store.Provider, connected bool, lastError string) error {
	table, err := stateTable(p)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO `+table+` (user_id, is_connected, last_error, updated_at)
		VALUES ($1, $2, $3, $4)
		ON CONFLICT (user_id) DO UPDATE SET
			is_connected = excluded.is_connected, last_error = excluded.last_error,
			updated_at = excluded.updated_at`,
		userID, connected, lastError, db.timeArg(time.Now()))
	if err != nil {
		return fmt.Errorf("record %s connection: %w", table, err)
	}
	return db.mirrorState(ctx, tx, userID, p)
}

// stateTable is the table holding p's connection state; the name goes into
// SQL text, so it comes from this list and never from input.
func stateTable(p store.Provider) (string, error) {
	switch p {
	case store.Readwise:
		return "readwise_state", nil
	case store.Airtable:
		return "airtable_state", nil
	}
	return "", fmt.Errorf("record connection: unknown provider %q", p)
}
