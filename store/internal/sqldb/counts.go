package sqldb

import (
	"context"
	"fmt"
)

func (db *DB) CountBooks(ctx context.Context, userID string) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM books WHERE user_id = $1`, userID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count books: %w", err)
	}
	return n, nil
}

func (db *DB) CountHighlights(ctx context.Context, userID string) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM highlights WHERE user_id = $1`, userID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count highlights: %w", err)
	}
	return n, nil
}
