package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"spark.dev/spark/store"
)

func (db *DB) GetAirtableState(ctx context.Context, userID string) (store.AirtableState, error) {
	var s store.AirtableState
	var lastImport []byte
	err := db.read.QueryRowContext(ctx, `
		SELECT is_connected, last_error, last_import FROM airtable_state WHERE user_id = $1`, userID,
	).Scan(&s.IsConnected, &s.LastError, &lastImport)
	if errors.Is(err, sql.ErrNoRows) {
		return store.AirtableState{}, nil
	}
	if err != nil {
		return store.AirtableState{}, fmt.Errorf("get airtable state: %w", err)
	}
	s.LastImport = lastImport
	return s, nil
}

func (db *DB) RecordAirtableImport(ctx context.Context, userID string, lastImport json.RawMessage) error {
	// Bound as text, so nil is "" and not NULL: the column accepts only an object.
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `
		INSERT INTO airtable_state (user_id, last_import, is_connected, last_error, updated_at)
		VALUES ($1, $2, TRUE, '', $3)
		ON CONFLICT (user_id) DO UPDATE SET
			last_import = excluded.last_import, is_connected = TRUE, last_error = '',
			updated_at = excluded.updated_at`,
			userID, string(lastImport), db.timeArg(time.Now())); err != nil {
			return fmt.Errorf("record airtable import: %w", err)
		}
		return db.mirrorState(ctx, tx, userID, store.Airtable)
	})
}
