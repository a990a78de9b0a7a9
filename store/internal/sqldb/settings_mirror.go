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

// signupSettings is the document the original's signup trigger gives a new
// user; the backend creates it where no trigger did (everywhere but Supabase).
const signupSettings = `{"theme":"system","rightSidebar":{"width":384},"leftSidebar":{"width":360}}`

// mirrorState writes the state fields the frontend reads from the user's
// document (integrations.<p>: see docs/data.md) from p's state table, in tx.
// It is a targeted update of those fields alone, computed from the row as it
// is when the statement runs: the frontend rewrites the whole document
// itself, so the backend never does. A user without a state row is left as
// is; one without a document gets the signup default.
func (db *DB) mirrorState(ctx context.Context, tx *sql.Tx, userID string, p store.Provider) error {
	fields, err := db.stateFields(ctx, tx, userID, p)
	if err != nil || fields == nil {
		return err
	}
	raw, err := json.Marshal(fields)
	if err != nil {
		return err
	}
	now := db.timeArg(time.Now())
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO user_settings (id, settings, updated_at) VALUES ($1, $2, $3)
		ON CONFLICT (id) DO NOTHING`, userID, signupSettings, now); err != nil {
		return fmt.Errorf("mirror %s state: %w", p, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE user_settings SET settings = `+db.mergeIntegration()+`, updated_at = $4
		WHERE id = $1 AND `+db.isObject("settings"), userID, string(p), string(raw), now); err != nil {
		return fmt.Errorf("mirror %s state: %w", p, err)
	}
	return nil
}

// mirrorAll mirrors every provider's state.
func (db *DB) mirrorAll(ctx context.Context, tx *sql.Tx, userID string) error {
	for _, p := range store.Providers {
		if err := db.mirrorState(ctx, tx, userID, p); err != nil {
			return err
		}
	}
	return nil
}

// mergeIntegration is the document ($1's settings) with the fields of the
// JSON object $3 set in integrations.<$2>, creating (or, when not objects,
// replacing) integrations and integrations.<$2>; every other field stays.
func (db *DB) mergeIntegration() string {
	if db.dialect.JSONB {
		integrations := `settings->'integrations'`
		integration := `settings->'integrations'->($2::text)`
		return `jsonb_set(settings, '{integrations}',
			(CASE WHEN ` + db.isObject(integrations) + ` THEN ` + integrations + ` ELSE '{}'::jsonb END)
			|| jsonb_build_object($2::text, (CASE WHEN ` + db.isObject(integration) + ` THEN ` + integration + ` ELSE '{}'::jsonb END) || $3::jsonb))`
	}
	// A JSON merge patch: the fields are never null, so it only sets.
	return `json_patch(settings, json_object('integrations', json_object($2, json($3))))`
}

func (db *DB) isObject(expr string) string {
	if db.dialect.JSONB {
		return `jsonb_typeof(` + expr + `) = 'object'`
	}
	return `json_type(` + expr + `) = 'object'`
}

// stateFields are the fields of integrations.<p> the frontend reads, as this
// API's settings answer computes them (connected only with a token), or nil
// when the user has no state for p.
func (db *DB) stateFields(ctx context.Context, tx *sql.Tx, userID string, p store.Provider) (map[string]any, error) {
	hasToken := `EXISTS (SELECT 1 FROM credentials c WHERE c.user_id = s.user_id AND c.provider = $2 AND length(c.secret) > 0)`
	var connected bool
	var err error
	fields := map[string]any{}
	switch p {
	case store.Readwise:
		var count int
		var synced time.Time
		err = tx.QueryRowContext(ctx, `SELECT s.is_connected AND `+hasToken+`, s.book_count, s.last_sync_time
			FROM readwise_state s WHERE s.user_id = $1`, userID, string(p)).Scan(&connected, &count, timeDest{&synced})
		fields["bookCount"], fields["lastSyncTime"] = count, isoOrEmpty(synced)
	case store.Airtable:
		var lastImport []byte
		err = tx.QueryRowContext(ctx, `SELECT s.is_connected AND `+hasToken+`, s.last_import
			FROM airtable_state s WHERE s.user_id = $1`, userID, string(p)).Scan(&connected, &lastImport)
		// The frontend's lastImported is a time; the summary keeps it as date.
		var summary struct{ Date string }
		_ = json.Unmarshal(lastImport, &summary)
		fields["lastImported"] = summary.Date
	default:
		return nil, fmt.Errorf("mirror state: unknown provider %q", p)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("mirror %s state: %w", p, err)
	}
	fields["isConnected"] = connected
	return fields, nil
}

// isoOrEmpty is a time as the settings answer shows it, "" for never.
func isoOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}
