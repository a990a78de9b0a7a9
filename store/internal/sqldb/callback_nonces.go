package sqldb

import (
	"context"
	"fmt"
	"time"

	"spark.dev/spark/store"
)

var _ store.CallbackNonces = (*DB)(nil)

func (db *DB) UseCallbackNonce(ctx context.Context, nonce string, expires, now time.Time) (bool, error) {
	if _, err := db.sql.ExecContext(ctx, `DELETE FROM callback_nonces WHERE expires_at < $1`, db.timeArg(now)); err != nil {
		return false, fmt.Errorf("forget expired callback nonces: %w", err)
	}
	// The primary key decides between concurrent uses: one insert wins.
	res, err := db.sql.ExecContext(ctx, `
		INSERT INTO callback_nonces (nonce, expires_at) VALUES ($1, $2)
		ON CONFLICT (nonce) DO NOTHING`, nonce, db.timeArg(expires))
	if err != nil {
		return false, fmt.Errorf("use callback nonce: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("use callback nonce: %w", err)
	}
	return n == 1, nil
}
