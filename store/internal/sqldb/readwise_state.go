package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"spark.dev/spark/store"
)

func (db *DB) GetReadwiseState(ctx context.Context, userID string) (store.ReadwiseState, error) {
	s := store.ReadwiseState{UserID: userID}
	err := db.read.QueryRowContext(ctx, `
		SELECT is_connected, last_error, book_count, last_sync_time, last_full_sync_time,
			books_updated_seen, highlights_cursor, full_sync_done
		FROM readwise_state WHERE user_id = $1`, userID,
	).Scan(&s.IsConnected, &s.LastError, &s.BookCount,
		timeDest{&s.LastSyncTime}, timeDest{&s.LastFullSyncTime},
		timeDest{&s.BooksUpdatedSeen}, timeDest{&s.HighlightsCursor}, &s.FullSyncDone)
	if errors.Is(err, sql.ErrNoRows) {
		return store.ReadwiseState{UserID: userID}, nil
	}
	if err != nil {
		return store.ReadwiseState{}, fmt.Errorf("get readwise state: %w", err)
	}
	return s, nil
}

func (db *DB) RecordBookCount(ctx context.Context, userID string, count int, syncedAt time.Time) error {
	return db.recordReadwise(ctx, userID, `
		INSERT INTO readwise_state (user_id, book_count, last_sync_time, is_connected, last_error, updated_at)
		VALUES ($1, $2, $3, TRUE, '', $4)
		ON CONFLICT (user_id) DO UPDATE SET
			book_count = excluded.book_count, last_sync_time = excluded.last_sync_time,
			is_connected = TRUE, last_error = '', updated_at = excluded.updated_at`,
		userID, count, db.timeArg(syncedAt), db.timeArg(time.Now()))
}

// laterTime is the SET expression of a readwise_state upsert that keeps the
// later of the stored and the new time in column, so a cursor never moves
// back; a NULL new time leaves the stored one.
func laterTime(column string) string {
	stored, next := "readwise_state."+column, "excluded."+column
	return "CASE WHEN " + stored + " IS NULL OR " + next + " > " + stored + " THEN " + next + " ELSE " + stored + " END"
}

func (db *DB) RecordBookSync(ctx context.Context, userID string, updatedSeen, syncedAt time.Time) error {
	return db.recordReadwise(ctx, userID, `
		INSERT INTO readwise_state (user_id, books_updated_seen, last_sync_time, updated_at)
		VALUES ($1, $2, $3, $4)
		ON CONFLICT (user_id) DO UPDATE SET
			books_updated_seen = `+laterTime("books_updated_seen")+`,
			last_sync_time = excluded.last_sync_time, updated_at = excluded.updated_at`,
		userID, db.timeArg(updatedSeen), db.timeArg(syncedAt), db.timeArg(time.Now()))
}

func (db *DB) RecordHighlightSync(ctx context.Context, userID string, cursor, syncedAt time.Time, full bool) error {
	var fullSyncedAt time.Time // zero, bound as NULL, keeps the stored time
	if full {
		fullSyncedAt = syncedAt
	}
	return db.recordReadwise(ctx, userID, `
		INSERT INTO readwise_state (user_id, highlights_cursor, last_sync_time, last_full_sync_time, full_sync_done, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (user_id) DO UPDATE SET
			highlights_cursor = `+laterTime("highlights_cursor")+`,
			last_sync_time = excluded.last_sync_time,
			last_full_sync_time = COALESCE(excluded.last_full_sync_time, readwise_state.last_full_sync_time),
			full_sync_done = readwise_state.full_sync_done OR excluded.full_sync_done,
			updated_at = excluded.updated_at`,
		userID, db.timeArg(cursor), db.timeArg(syncedAt), db.timeArg(fullSyncedAt), full, db.timeArg(time.Now()))
}

// recordReadwise runs one upsert of the user's readwise_state and mirrors
// the state into the document, in one transaction.
func (db *DB) recordReadwise(ctx context.Context, userID, query string, args ...any) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, query, args...); err != nil {
			return fmt.Errorf("record readwise state: %w", err)
		}
		return db.mirrorState(ctx, tx, userID, store.Readwise)
	})
}
