package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"spark.dev/spark/store"
)

func (db *DB) GetCredential(ctx context.Context, userID string, p store.Provider) (store.Credential, error) {
	c := store.Credential{UserID: userID, Provider: p}
	err := db.read.QueryRowContext(ctx, `
		SELECT secret, base_id, table_id, updated_at FROM credentials
		WHERE user_id = $1 AND provider = $2 AND `+notEmpty, userID, string(p),
	).Scan(&c.Secret, &c.BaseID, &c.TableID, timeDest{&c.UpdatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return store.Credential{}, store.ErrNotFound
	}
	if err != nil {
		return store.Credential{}, fmt.Errorf("get %s credential: %w", p, err)
	}
	return c, nil
}

// notEmpty holds for a row with a credential: a deleted one stays as an
// empty row, so that the numbering of its writes goes on.
const notEmpty = `(length(secret) > 0 OR base_id <> '' OR table_id <> '')`

func (db *DB) PutCredential(ctx context.Context, c store.Credential) error {
	return db.putCredential(ctx, autocommit{db}, c)
}

// putCredential writes c as the current and the kept credential, numbered
// as the row's next write.
func (db *DB) putCredential(ctx context.Context, ex execer, c store.Credential) error {
	_, err := ex.ExecContext(ctx, `
		INSERT INTO credentials (user_id, provider, secret, base_id, table_id, updated_at,
			writes, version, kept_secret, kept_base_id, kept_table_id, kept_version)
		VALUES ($1, $2, $3, $4, $5, $6, 1, 1, $3, $4, $5, 1)
		ON CONFLICT (user_id, provider) DO UPDATE SET
			secret = excluded.secret, base_id = excluded.base_id,
			table_id = excluded.table_id, updated_at = excluded.updated_at,
			writes = credentials.writes + 1, version = credentials.writes + 1,
			kept_secret = excluded.secret, kept_base_id = excluded.base_id,
			kept_table_id = excluded.table_id, kept_version = credentials.writes + 1`,
		c.UserID, string(c.Provider), secretArg(c.Secret), c.BaseID, c.TableID, db.timeArg(time.Now()))
	if err != nil {
		return fmt.Errorf("put %s credential: %w", c.Provider, err)
	}
	return nil
}

// secretArg binds a secret; nil, for a base and table without a token yet,
// would bind NULL.
func secretArg(secret []byte) []byte {
	if secret == nil {
		return []byte{}
	}
	return secret
}

func (db *DB) DeleteCredential(ctx context.Context, userID string, p store.Provider) error {
	return db.deleteCredential(ctx, autocommit{db}, userID, p)
}

// deleteCredential empties the current and the kept credential, as the
// row's next write.
func (db *DB) deleteCredential(ctx context.Context, ex execer, userID string, p store.Provider) error {
	_, err := ex.ExecContext(ctx, `
		UPDATE credentials SET secret = $3, base_id = '', table_id = '', updated_at = $4,
			writes = writes + 1, version = writes + 1,
			kept_secret = $3, kept_base_id = '', kept_table_id = '', kept_version = writes + 1
		WHERE user_id = $1 AND provider = $2`,
		userID, string(p), []byte{}, db.timeArg(time.Now()))
	if err != nil {
		return fmt.Errorf("delete %s credential: %w", p, err)
	}
	return nil
}

func (db *DB) StageCredential(ctx context.Context, c store.Credential) (version int64, err error) {
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		// A new row's kept credential is the columns' default: none.
		if err := tx.QueryRowContext(ctx, `
			INSERT INTO credentials (user_id, provider, secret, base_id, table_id, updated_at, writes, version)
			VALUES ($1, $2, $3, $4, $5, $6, 1, 1)
			ON CONFLICT (user_id, provider) DO UPDATE SET
				secret = excluded.secret, base_id = excluded.base_id,
				table_id = excluded.table_id, updated_at = excluded.updated_at,
				writes = credentials.writes + 1, version = credentials.writes + 1
			RETURNING version`,
			c.UserID, string(c.Provider), secretArg(c.Secret), c.BaseID, c.TableID, db.timeArg(time.Now()),
		).Scan(&version); err != nil {
			return fmt.Errorf("stage %s credential: %w", c.Provider, err)
		}
		return db.recordConnection(ctx, tx, c.UserID, c.Provider, false, "")
	})
	return version, err
}

func (db *DB) KeepCredential(ctx context.Context, c store.Credential, version int64) error {
	// "version < $6": an abandoned write put back an older credential than c.
	_, err := db.exec(ctx, `
		UPDATE credentials SET
			kept_secret = $3, kept_base_id = $4, kept_table_id = $5, kept_version = $6,
			secret = CASE WHEN version < $6 THEN $3 ELSE secret END,
			base_id = CASE WHEN version < $6 THEN $4 ELSE base_id END,
			table_id = CASE WHEN version < $6 THEN $5 ELSE table_id END,
			updated_at = CASE WHEN version < $6 THEN $7 ELSE updated_at END,
			version = CASE WHEN version < $6 THEN $6 ELSE version END
		WHERE user_id = $1 AND provider = $2 AND kept_version < $6`,
		c.UserID, string(c.Provider), secretArg(c.Secret), c.BaseID, c.TableID, version, db.timeArg(time.Now()))
	if err != nil {
		return fmt.Errorf("keep %s credential: %w", c.Provider, err)
	}
	return nil
}

func (db *DB) AbandonCredential(ctx context.Context, userID string, p store.Provider, version int64) error {
	_, err := db.exec(ctx, `
		UPDATE credentials SET secret = kept_secret, base_id = kept_base_id, table_id = kept_table_id,
			version = kept_version, updated_at = $4
		WHERE user_id = $1 AND provider = $2 AND version = $3`,
		userID, string(p), version, db.timeArg(time.Now()))
	if err != nil {
		return fmt.Errorf("abandon %s credential: %w", p, err)
	}
	return nil
}

func (db *DB) UsersWithCredential(ctx context.Context, p store.Provider, afterUserID string, limit int) ([]string, error) {
	if limit < 1 {
		return nil, fmt.Errorf("users with %s credential: limit %d, want at least 1", p, limit)
	}
	// A uuid's order is its text's, lower-case hex; "" is before every id
	// but is no uuid, so it leaves the bound out.
	after, args := "", []any{string(p), limit}
	if afterUserID != "" {
		after, args = " AND user_id > $3", append(args, afterUserID)
	}
	rows, err := db.read.QueryContext(ctx, `
		SELECT user_id FROM credentials
		WHERE provider = $1 AND length(secret) > 0`+after+`
		ORDER BY user_id LIMIT $2`, args...)
	if err != nil {
		return nil, fmt.Errorf("users with %s credential: %w", p, err)
	}
	defer rows.Close()
	var users []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("users with %s credential: %w", p, err)
		}
		users = append(users, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("users with %s credential: %w", p, err)
	}
	return users, nil
}
