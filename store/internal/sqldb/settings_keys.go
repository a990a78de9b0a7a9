package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"spark.dev/spark/store"
)

// errKeyChanged: the document no longer holds the key read, so the intake
// writes nothing and reads again.
var errKeyChanged = errors.New("the settings key changed meanwhile")

// intakeTries bounds the rereads when the frontend keeps changing the key.
const intakeTries = 3

func (db *DB) TakeInSettingsKey(ctx context.Context, userID string, p store.Provider,
	take func(store.SettingsKey) (store.Credential, string, bool, error)) (bool, error) {
	if !slices.Contains(store.Providers, p) {
		return false, fmt.Errorf("take in settings key: unknown provider %q", p)
	}
	for range intakeTries {
		found, err := db.settingsKey(ctx, userID, p)
		if err != nil || found.APIKey == "" {
			return false, err
		}
		cred, masked, ok, err := take(found)
		if err != nil || !ok {
			return false, err
		}
		if cred.UserID != userID || cred.Provider != p {
			return false, fmt.Errorf("take in settings key of %s: a credential of another user or provider", userID)
		}
		err = db.inTx(ctx, func(tx *sql.Tx) error {
			// Only while the document still holds the key read: a change the
			// frontend made since is kept, and taken in on the next try.
			res, err := tx.ExecContext(ctx, `UPDATE user_settings SET settings = `+db.setText(p, "apiKey", "$3")+`, updated_at = $4
				WHERE id = $1 AND `+db.textAt(p, "apiKey")+` = $2`,
				userID, found.APIKey, masked, db.timeArg(time.Now()))
			if err != nil {
				return fmt.Errorf("take in %s settings key: %w", p, err)
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n == 0 {
				return errKeyChanged
			}
			if err := db.putCredential(ctx, tx, cred); err != nil {
				return err
			}
			// A new credential has not been shown to work yet.
			return db.recordConnection(ctx, tx, userID, p, false, "")
		})
		if !errors.Is(err, errKeyChanged) {
			return err == nil, err
		}
	}
	return false, nil
}

// settingsKey reads integrations.<p>'s apiKey, baseId and tableId from the
// user's document; a field that is no string, or missing, is "".
func (db *DB) settingsKey(ctx context.Context, userID string, p store.Provider) (store.SettingsKey, error) {
	var k store.SettingsKey
	err := db.read.QueryRowContext(ctx, `SELECT `+db.textAt(p, "apiKey")+`, `+db.textAt(p, "baseId")+`, `+db.textAt(p, "tableId")+`
		FROM user_settings WHERE id = $1`, userID).Scan(&k.APIKey, &k.BaseID, &k.TableID)
	if errors.Is(err, sql.ErrNoRows) {
		return store.SettingsKey{}, nil
	}
	if err != nil {
		return store.SettingsKey{}, fmt.Errorf("read %s settings key: %w", p, err)
	}
	return k, nil
}

// textAt is integrations.<p>.<field> of the document when it is a JSON
// string, else ”. p and field come from constants, never from input.
func (db *DB) textAt(p store.Provider, field string) string {
	if db.dialect.JSONB {
		path := `'{integrations,` + string(p) + `,` + field + `}'`
		return `(CASE WHEN jsonb_typeof(settings #> ` + path + `) = 'string' THEN settings #>> ` + path + ` ELSE '' END)`
	}
	path := `'$.integrations.` + string(p) + `.` + field + `'`
	return `(CASE WHEN json_type(settings, ` + path + `) = 'text' THEN json_extract(settings, ` + path + `) ELSE '' END)`
}

// setText is the document with integrations.<p>.<field>, which exists, set
// to the string param.
func (db *DB) setText(p store.Provider, field, param string) string {
	if db.dialect.JSONB {
		return `jsonb_set(settings, '{integrations,` + string(p) + `,` + field + `}', to_jsonb(` + param + `::text))`
	}
	return `json_set(settings, '$.integrations.` + string(p) + `.` + field + `', ` + param + `)`
}
