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
	err := db.sql.QueryRowContext(ctx, `
		SELECT secret, base_id, table_id, updated_at FROM credentials
		WHERE user_id = $1 AND provider = $2`, userID, string(p),
	).Scan(&c.Secret, &c.BaseID, &c.TableID, timeDest{&c.UpdatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return store.Credential{}, store.ErrNotFound
	}
	if err != nil {
		return store.Credential{}, fmt.Errorf("get %s credential: %w", p, err)
	}
	return c, nil
}

func (db *DB) PutCredential(ctx context.Context, c store.Credential) error {
	return db.putCredential(ctx, db.sql, c)
}

func (db *DB) putCredential(ctx context.Context, ex execer, c store.Credential) error {
	if c.Secret == nil {
		c.Secret = []byte{} // a base and table without a token yet; nil would bind NULL
	}
	_, err := ex.ExecContext(ctx, `
		INSERT INTO credentials (user_id, provider, secret, base_id, table_id, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (user_id, provider) DO UPDATE SET
			secret = excluded.secret, base_id = excluded.base_id,
			table_id = excluded.table_id, updated_at = excluded.updated_at`,
		c.UserID, string(c.Provider), c.Secret, c.BaseID, c.TableID, db.timeArg(time.Now()))
	if err != nil {
		return fmt.Errorf("put %s credential: %w", c.Provider, err)
	}
	return nil
}

func (db *DB) DeleteCredential(ctx context.Context, userID string, p store.Provider) error {
	return deleteCredential(ctx, db.sql, userID, p)
}

func deleteCredential(ctx context.Context, ex execer, userID string, p store.Provider) error {
	_, err := ex.ExecContext(ctx,
		`DELETE FROM credentials WHERE user_id = $1 AND provider = $2`, userID, string(p))
	if err != nil {
		return fmt.Errorf("delete %s credential: %w", p, err)
	}
	return nil
}

func (db *DB) UsersWithCredential(ctx context.Context, p store.Provider, afterUserID string, limit int) ([]string, error) {
	if limit < 1 {
		return nil, fmt.Errorf("users with %s credential: limit %d, want at least 1", p, limit)
	}
	rows, err := db.sql.QueryContext(ctx, `
		SELECT user_id FROM credentials
		WHERE provider = $1 AND user_id > $2 AND length(secret) > 0
		ORDER BY user_id LIMIT $3`, string(p), afterUserID, limit)
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
