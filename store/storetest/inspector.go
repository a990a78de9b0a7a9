package storetest

import (
	"context"
	"encoding/json"
	"testing"

	"spark.dev/spark/store"
)

// Inspector reads back what a store wrote. Only tests need these reads, so
// they are not part of store.Store; both engines implement them.
type Inspector interface {
	// Books and Highlights page through the user's rows in ascending RWID
	// order, strictly after afterRWID (0 = from the start); limit >= 1.
	Books(ctx context.Context, userID string, afterRWID int64, limit int) ([]store.Book, error)
	Highlights(ctx context.Context, userID string, afterRWID int64, limit int) ([]store.Highlight, error)
	// Sparks pages through the user's sparks in byte order of UID (after ""
	// = from the start; limit >= 1), each with its linked categories (sorted
	// by slug) and tag names (sorted).
	Sparks(ctx context.Context, userID string, afterUID string, limit int) ([]store.Spark, error)
	// Categories and TagNames list all of the user's categories (by slug) and
	// tag names (sorted). Sorting is by bytes on both engines.
	Categories(ctx context.Context, userID string) ([]store.Category, error)
	TagNames(ctx context.Context, userID string) ([]string, error)
	// HighlightTags lists the user's highlight↔tag links, by highlight then
	// tag name.
	HighlightTags(ctx context.Context, userID string) ([]store.HighlightTag, error)
	// SaveSettingsAsFrontend upserts doc as the user's whole settings
	// document in one plain statement, as the frontend does.
	SaveSettingsAsFrontend(ctx context.Context, userID string, doc json.RawMessage) error
}

// Inspect returns s as an Inspector, failing t when its engine has none.
func Inspect(t testing.TB, s store.Store) Inspector {
	t.Helper()
	in, ok := s.(Inspector)
	if !ok {
		t.Fatalf("%T does not implement storetest.Inspector", s)
	}
	return in
}
