package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"spark.dev/api/store"
)

func (db *DB) GetSettings(ctx context.Context, userID string) (json.RawMessage, error) {
	var settings []byte
	err := db.sql.QueryRowContext(ctx,
		`SELECT settings FROM user_settings WHERE user_id = $1`, userID,
	).Scan(&settings)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("get settings: %w", err)
	}
	return settings, nil
}

func (db *DB) SaveSettings(ctx context.Context, userID string, settings json.RawMessage, puts []store.Credential, deletes []store.Provider) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		// Bound as text: SQLite keeps JSON as TEXT, and PostgreSQL parses text into JSONB.
		_, err := tx.ExecContext(ctx, `
			INSERT INTO user_settings (user_id, settings, updated_at) VALUES ($1, $2, $3)
			ON CONFLICT (user_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
			userID, string(settings), db.timeArg(time.Now()))
		if err != nil {
			return fmt.Errorf("save settings: %w", err)
		}
		for _, c := range puts {
			if c.UserID != userID {
				return fmt.Errorf("save settings of %s: a credential of another user", userID)
			}
			if err := db.putCredential(ctx, tx, c); err != nil {
				return err
			}
		}
		for _, p := range deletes {
			if err := deleteCredential(ctx, tx, userID, p); err != nil {
				return err
			}
		}
		return nil
	})
}
