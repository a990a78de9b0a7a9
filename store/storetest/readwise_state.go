package storetest

import (
	"testing"
	"time"

	"spark.dev/spark/store"
)

func getReadwiseState(t *testing.T, s store.Store, userID string) store.ReadwiseState {
	t.Helper()
	state, err := s.GetReadwiseState(t.Context(), userID)
	if err != nil {
		t.Fatalf("GetReadwiseState(%s): %v", userID, err)
	}
	return state
}

func testReadwiseStateUnknown(t *testing.T, s store.Store) {
	if got, want := getReadwiseState(t, s, userA), (store.ReadwiseState{UserID: userA}); got != want {
		t.Errorf("GetReadwiseState = %+v, want %+v", got, want)
	}
}

func testRecordBookCount(t *testing.T, s store.Store) {
	ctx := t.Context()
	syncedAt := time.Date(2025, 3, 1, 12, 30, 0, 0, time.UTC)
	if err := s.RecordConnection(ctx, userA, store.Readwise, false, "token rejected"); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordBookCount(ctx, userA, 42, syncedAt); err != nil {
		t.Fatalf("RecordBookCount: %v", err)
	}
	want := store.ReadwiseState{UserID: userA, IsConnected: true, BookCount: 42, LastSyncTime: syncedAt}
	if got := getReadwiseState(t, s, userA); got != want {
		t.Errorf("after RecordBookCount state = %+v, want %+v", got, want)
	}

	// A user's first record is an insert.
	if err := s.RecordBookCount(ctx, userB, 7, syncedAt); err != nil {
		t.Fatalf("RecordBookCount for a new user: %v", err)
	}
	want = store.ReadwiseState{UserID: userB, IsConnected: true, BookCount: 7, LastSyncTime: syncedAt}
	if got := getReadwiseState(t, s, userB); got != want {
		t.Errorf("first RecordBookCount state = %+v, want %+v", got, want)
	}
}

func testRecordConnection(t *testing.T, s store.Store) {
	ctx := t.Context()
	syncedAt := time.Date(2025, 3, 1, 12, 30, 0, 0, time.UTC)
	if err := s.RecordConnection(ctx, userA, store.Readwise, false, "token rejected"); err != nil {
		t.Fatalf("RecordConnection: %v", err)
	}
	want := store.ReadwiseState{UserID: userA, LastError: "token rejected"}
	if got := getReadwiseState(t, s, userA); got != want {
		t.Errorf("first RecordConnection state = %+v, want %+v", got, want)
	}

	if err := s.RecordBookCount(ctx, userA, 10, syncedAt); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordConnection(ctx, userA, store.Readwise, false, "token revoked"); err != nil {
		t.Fatal(err)
	}
	want = store.ReadwiseState{UserID: userA, LastError: "token revoked", BookCount: 10, LastSyncTime: syncedAt}
	if got := getReadwiseState(t, s, userA); got != want {
		t.Errorf("RecordConnection after a sync: state = %+v, want %+v", got, want)
	}

	if err := s.RecordConnection(ctx, userA, store.Readwise, true, ""); err != nil {
		t.Fatal(err)
	}
	want = store.ReadwiseState{UserID: userA, IsConnected: true, BookCount: 10, LastSyncTime: syncedAt}
	if got := getReadwiseState(t, s, userA); got != want {
		t.Errorf("reconnected state = %+v, want %+v", got, want)
	}
}

func testReadwiseStateIsolation(t *testing.T, s store.Store) {
	ctx := t.Context()
	if err := s.RecordBookCount(ctx, userA, 5, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordConnection(ctx, userB, store.Readwise, false, "b's problem"); err != nil {
		t.Fatal(err)
	}
	a, b := getReadwiseState(t, s, userA), getReadwiseState(t, s, userB)
	if a.BookCount != 5 || !a.IsConnected || a.LastError != "" {
		t.Errorf("user-a state = %+v, changed by user-b's write", a)
	}
	if b.BookCount != 0 || b.IsConnected || b.LastError != "b's problem" || !b.LastSyncTime.IsZero() {
		t.Errorf("user-b state = %+v, has user-a's data", b)
	}
}

func testTimesRoundTrip(t *testing.T, s store.Store) {
	india := time.FixedZone("IST", 5*3600+1800)
	tests := map[string]struct{ in, want time.Time }{
		"nanoseconds in another zone": {
			time.Date(2025, 6, 30, 23, 59, 59, 123456789, india),
			time.Date(2025, 6, 30, 18, 29, 59, 123456000, time.UTC),
		},
		"whole microseconds in UTC": {
			time.Date(2024, 2, 29, 0, 0, 0, 1000, time.UTC),
			time.Date(2024, 2, 29, 0, 0, 0, 1000, time.UTC),
		},
		"before 1970": {
			time.Date(1969, 7, 20, 20, 17, 40, 500000000, time.UTC),
			time.Date(1969, 7, 20, 20, 17, 40, 500000000, time.UTC),
		},
		"local clock reading": {
			time.Unix(1700000000, 987654321),
			time.Unix(1700000000, 987654000).UTC(),
		},
		"zero means never": {},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			user := userFor(name)
			if err := s.RecordBookCount(t.Context(), user, 1, tc.in); err != nil {
				t.Fatal(err)
			}
			got := getReadwiseState(t, s, user).LastSyncTime
			if !got.Equal(tc.want) || got.IsZero() != tc.want.IsZero() {
				t.Errorf("LastSyncTime = %v, want %v", got, tc.want)
			}
			if !got.IsZero() && got.Location() != time.UTC {
				t.Errorf("LastSyncTime location = %v, want UTC", got.Location())
			}
		})
	}
}

func testRecordBookSync(t *testing.T, s store.Store) {
	ctx := t.Context()
	t1, t2, t3 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	if err := s.RecordBookCount(ctx, userA, 12, t1); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name                string
		updatedSeen, synced time.Time
		wantSeen            time.Time
	}{
		{"first", t2, t1.Add(time.Hour), t2},
		{"an older time keeps the cursor", t1, t1.Add(2 * time.Hour), t2},
		{"zero keeps the cursor", time.Time{}, t1.Add(3 * time.Hour), t2},
		{"a newer time moves it", t3, t1.Add(4 * time.Hour), t3},
	}
	for _, step := range steps {
		if err := s.RecordBookSync(ctx, userA, step.updatedSeen, step.synced); err != nil {
			t.Fatalf("%s: RecordBookSync: %v", step.name, err)
		}
		want := store.ReadwiseState{UserID: userA, IsConnected: true, BookCount: 12, LastSyncTime: step.synced, BooksUpdatedSeen: step.wantSeen}
		if got := getReadwiseState(t, s, userA); got != want {
			t.Errorf("%s: state = %+v, want %+v", step.name, got, want)
		}
	}

	if err := s.RecordBookSync(ctx, userB, time.Time{}, t1); err != nil {
		t.Fatalf("RecordBookSync for a new user: %v", err)
	}
	if got, want := getReadwiseState(t, s, userB), (store.ReadwiseState{UserID: userB, LastSyncTime: t1}); got != want {
		t.Errorf("first RecordBookSync with no book seen: state = %+v, want %+v", got, want)
	}
}

func testRecordHighlightSync(t *testing.T, s store.Store) {
	ctx := t.Context()
	c1, c2, c3 := time.Date(2025, 1, 1, 0, 0, 0, 1000, time.UTC), time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	s1, s2, s3, s4 := c3.Add(time.Hour), c3.Add(2*time.Hour), c3.Add(3*time.Hour), c3.Add(4*time.Hour)
	if err := s.RecordBookSync(ctx, userA, c1, c1); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name   string
		cursor time.Time
		synced time.Time
		full   bool
		want   store.ReadwiseState
	}{
		{"incremental", c2, s1, false,
			store.ReadwiseState{HighlightsCursor: c2, LastSyncTime: s1}},
		{"full with an older cursor keeps the cursor", c1, s2, true,
			store.ReadwiseState{HighlightsCursor: c2, LastSyncTime: s2, LastFullSyncTime: s2, FullSyncDone: true}},
		{"incremental with no cursor keeps the full sync", time.Time{}, s3, false,
			store.ReadwiseState{HighlightsCursor: c2, LastSyncTime: s3, LastFullSyncTime: s2, FullSyncDone: true}},
		{"a newer cursor moves it", c3, s4, false,
			store.ReadwiseState{HighlightsCursor: c3, LastSyncTime: s4, LastFullSyncTime: s2, FullSyncDone: true}},
	}
	for _, step := range steps {
		if err := s.RecordHighlightSync(ctx, userA, step.cursor, step.synced, step.full); err != nil {
			t.Fatalf("%s: RecordHighlightSync: %v", step.name, err)
		}
		want := step.want
		want.UserID, want.BooksUpdatedSeen = userA, c1
		if got := getReadwiseState(t, s, userA); got != want {
			t.Errorf("%s: state = %+v, want %+v", step.name, got, want)
		}
	}

	if err := s.RecordHighlightSync(ctx, userB, c1, s1, true); err != nil {
		t.Fatalf("RecordHighlightSync for a new user: %v", err)
	}
	want := store.ReadwiseState{UserID: userB, HighlightsCursor: c1, LastSyncTime: s1, LastFullSyncTime: s1, FullSyncDone: true}
	if got := getReadwiseState(t, s, userB); got != want {
		t.Errorf("first full RecordHighlightSync: state = %+v, want %+v", got, want)
	}
}
