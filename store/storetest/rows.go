package storetest

import (
	"testing"

	"spark.dev/spark/store"
)

// Readwise ids beyond 32 bits, which the original schema could not hold.
const bigID = int64(1) << 40

func testCounts(t *testing.T, s store.Store) {
	ctx := t.Context()
	for _, user := range []string{"user-a", "user-b"} {
		for name, count := range map[string]func() (int, error){
			"CountBooks":      func() (int, error) { return s.CountBooks(ctx, user) },
			"CountHighlights": func() (int, error) { return s.CountHighlights(ctx, user) },
		} {
			if n, err := count(); err != nil || n != 0 {
				t.Errorf("%s(%s) on an empty store = %d, %v; want 0", name, user, n, err)
			}
		}
	}

	books := map[string]int{"user-a": 3, "user-b": 1}
	highlightsPerBook := map[string]int{"user-a": 2, "user-b": 4}
	for user, nBooks := range books {
		for b := range int64(nBooks) {
			// The same rw_id for both users: ids are per user.
			if err := seed(t, s, `INSERT INTO books (user_id, rw_id, title) VALUES ($1, $2, $3)`,
				user, bigID+b, "Book"); err != nil {
				t.Fatalf("seed book: %v", err)
			}
			for h := range int64(highlightsPerBook[user]) {
				if err := seed(t, s, `INSERT INTO highlights (user_id, rw_id, book_rw_id, text) VALUES ($1, $2, $3, $4)`,
					user, bigID+b*100+h, bigID+b, "text"); err != nil {
					t.Fatalf("seed highlight: %v", err)
				}
			}
		}
	}

	for user, nBooks := range books {
		if n, err := s.CountBooks(ctx, user); err != nil || n != nBooks {
			t.Errorf("CountBooks(%s) = %d, %v; want %d", user, n, err, nBooks)
		}
		want := nBooks * highlightsPerBook[user]
		if n, err := s.CountHighlights(ctx, user); err != nil || n != want {
			t.Errorf("CountHighlights(%s) = %d, %v; want %d", user, n, err, want)
		}
	}
}

func testHighlightBookOwnership(t *testing.T, s store.Store) {
	if err := seed(t, s, `INSERT INTO books (user_id, rw_id) VALUES ($1, $2)`, "user-a", bigID); err != nil {
		t.Fatalf("seed book: %v", err)
	}
	tests := map[string]struct {
		user string
		book int64
	}{
		"another user's book": {"user-b", bigID},
		"a missing book":      {"user-a", bigID + 1},
	}
	for name, tc := range tests {
		err := seed(t, s, `INSERT INTO highlights (user_id, rw_id, book_rw_id) VALUES ($1, $2, $3)`, tc.user, 1, tc.book)
		if err == nil {
			t.Errorf("highlight on %s was stored, want a foreign key error", name)
		}
	}
	if n, err := s.CountHighlights(t.Context(), "user-b"); err != nil || n != 0 {
		t.Errorf("CountHighlights(user-b) = %d, %v; want 0", n, err)
	}
}
