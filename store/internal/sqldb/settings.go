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

func (db *DB) GetSettings(ctx context.Context, userID string) (json.RawMessage, error) {
	var settings []byte
	err := db.read.QueryRowContext(ctx,
		`SELECT settings FROM user_settings WHERE id = $1`, userID,
	).Scan(&settings)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("get settings: %w", err)
	}
	return settings, nil
}

func (db *DB) UpdateSettings(ctx context.Context, userID string, change func(json.RawMessage) (store.SettingsUpdate, error)) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		current, err := db.lockSettings(ctx, tx, userID)
		if err != nil {
			return err
		}
		update, err := change(current)
		if err != nil {
			return err
		}
		// Bound as text: SQLite keeps JSON as TEXT, and PostgreSQL parses text into JSONB.
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO user_settings (id, settings, updated_at) VALUES ($1, $2, $3)
			ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
			userID, string(update.Settings), db.timeArg(time.Now())); err != nil {
			return fmt.Errorf("save settings: %w", err)
		}
		for _, c := range update.Puts {
			if c.UserID != userID {
				return fmt.Errorf("save settings of %s: a credential of another user", userID)
			}
			if err := db.putCredential(ctx, tx, c); err != nil {
				return err
			}
		}
		for _, p := range update.Deletes {
			if err := db.deleteCredential(ctx, tx, userID, p); err != nil {
				return err
			}
		}
		for _, p := range update.Reset {
			if err := db.recordConnection(ctx, tx, userID, p, false, ""); err != nil {
				return err
			}
		}
		// The new document may lack the state fields (a PUT of integrations
		// drops them): they go back in.
		return db.mirrorAll(ctx, tx, userID)
	})
}

// lockSettings reads the user's document and holds it until the transaction
// ends: PostgreSQL locks the row (created empty first, so that there is one
// to lock); SQLite's immediate transactions already hold the database.
func (db *DB) lockSettings(ctx context.Context, tx *sql.Tx, userID string) (json.RawMessage, error) {
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO user_settings (id, settings, updated_at) VALUES ($1, '{}', $2)
		ON CONFLICT (id) DO NOTHING`, userID, db.timeArg(time.Now())); err != nil {
		return nil, fmt.Errorf("lock settings: %w", err)
	}
	var current []byte
	if err := tx.QueryRowContext(ctx, `SELECT settings FROM user_settings WHERE id = $1`+db.dialect.LockRow, userID).Scan(&current); err != nil {
		return nil, fmt.Errorf("lock settings: %w", err)
	}
	return current, nil
}

// SaveSettingsAsFrontend upserts doc as the user's whole document in one
// plain statement, as the frontend does through the database: for tests.
func (db *DB) SaveSettingsAsFrontend(ctx context.Context, userID string, doc json.RawMessage) error {
	_, err := db.exec(ctx, `
		INSERT INTO user_settings (id, settings) VALUES ($1, $2)
		ON CONFLICT (id) DO UPDATE SET settings = excluded.settings`, userID, string(doc))
	return err
}
