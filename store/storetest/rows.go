package storetest

import (
	"testing"

	"spark.dev/spark/store"
)

// Readwise ids beyond 32 bits, which the original schema could not hold.
const bigID = int64(1) << 40

func testCounts(t *testing.T, s store.Store) {
	ctx := t.Context()
	for _, user := range []string{userA, userB} {
		for name, count := range map[string]func() (int, error){
			"CountBooks":      func() (int, error) { return s.CountBooks(ctx, user) },
			"CountHighlights": func() (int, error) { return s.CountHighlights(ctx, user) },
		} {
			if n, err := count(); err != nil || n != 0 {
				t.Errorf("%s(%s) on an empty store = %d, %v; want 0", name, user, n, err)
			}
		}
	}

	books := map[string]int{userA: 3, userB: 1}
	highlightsPerBook := map[string]int{userA: 2, userB: 4}
	for user, nBooks := range books {
		for b := range int64(nBooks) {
			// The same rw_id for both users: ids are per user.
			if err := seed(t, s, `INSERT INTO books (user_id, rw_id, rw_title) VALUES ($1, $2, $3)`,
				user, bigID+b, "Book"); err != nil {
				t.Fatalf("seed book: %v", err)
			}
			for h := range int64(highlightsPerBook[user]) {
				if err := seed(t, s, `INSERT INTO highlights (user_id, rw_id, rw_book_id, rw_text, book_id)
					VALUES ($1, $2, $3, $4, (SELECT id FROM books WHERE user_id = $1 AND rw_id = $3))`,
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
	upsertBooks(t, s, userA, store.Book{RWID: bigID})
	tests := map[string]struct {
		user string
		book int64
	}{
		"another user's book": {userB, bigID},
		"a missing book":      {userA, bigID + 1},
	}
	for name, tc := range tests {
		page := store.HighlightPage{Highlights: []store.Highlight{{RWID: 1, BookRWID: tc.book}}}
		if _, err := s.ApplyHighlights(t.Context(), tc.user, page); err == nil {
			t.Errorf("highlight on %s was stored, want an error", name)
		}
	}
	for _, user := range []string{userA, userB} {
		if n, err := s.CountHighlights(t.Context(), user); err != nil || n != 0 {
			t.Errorf("CountHighlights(%s) = %d, %v; want 0", user, n, err)
		}
	}
}
