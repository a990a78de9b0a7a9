package storetest

import (
	"testing"
	"time"

	"spark.dev/api/store"
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
	if got, want := getReadwiseState(t, s, "user-a"), (store.ReadwiseState{UserID: "user-a"}); got != want {
		t.Errorf("GetReadwiseState = %+v, want %+v", got, want)
	}
}

func testRecordBookCount(t *testing.T, s store.Store) {
	ctx := t.Context()
	syncedAt := time.Date(2025, 3, 1, 12, 30, 0, 0, time.UTC)
	if err := s.RecordConnection(ctx, "user-a", false, "token rejected"); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordBookCount(ctx, "user-a", 42, syncedAt); err != nil {
		t.Fatalf("RecordBookCount: %v", err)
	}
	want := store.ReadwiseState{UserID: "user-a", IsConnected: true, BookCount: 42, LastSyncTime: syncedAt}
	if got := getReadwiseState(t, s, "user-a"); got != want {
		t.Errorf("after RecordBookCount state = %+v, want %+v", got, want)
	}

	// A user's first record is an insert.
	if err := s.RecordBookCount(ctx, "user-b", 7, syncedAt); err != nil {
		t.Fatalf("RecordBookCount for a new user: %v", err)
	}
	want = store.ReadwiseState{UserID: "user-b", IsConnected: true, BookCount: 7, LastSyncTime: syncedAt}
	if got := getReadwiseState(t, s, "user-b"); got != want {
		t.Errorf("first RecordBookCount state = %+v, want %+v", got, want)
	}
}

func testRecordConnection(t *testing.T, s store.Store) {
	ctx := t.Context()
	syncedAt := time.Date(2025, 3, 1, 12, 30, 0, 0, time.UTC)
	if err := s.RecordConnection(ctx, "user-a", false, "token rejected"); err != nil {
		t.Fatalf("RecordConnection: %v", err)
	}
	want := store.ReadwiseState{UserID: "user-a", LastError: "token rejected"}
	if got := getReadwiseState(t, s, "user-a"); got != want {
		t.Errorf("first RecordConnection state = %+v, want %+v", got, want)
	}

	if err := s.RecordBookCount(ctx, "user-a", 10, syncedAt); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordConnection(ctx, "user-a", false, "token revoked"); err != nil {
		t.Fatal(err)
	}
	want = store.ReadwiseState{UserID: "user-a", LastError: "token revoked", BookCount: 10, LastSyncTime: syncedAt}
	if got := getReadwiseState(t, s, "user-a"); got != want {
		t.Errorf("RecordConnection after a sync: state = %+v, want %+v", got, want)
	}

	if err := s.RecordConnection(ctx, "user-a", true, ""); err != nil {
		t.Fatal(err)
	}
	want = store.ReadwiseState{UserID: "user-a", IsConnected: true, BookCount: 10, LastSyncTime: syncedAt}
	if got := getReadwiseState(t, s, "user-a"); got != want {
		t.Errorf("reconnected state = %+v, want %+v", got, want)
	}
}

func testReadwiseStateIsolation(t *testing.T, s store.Store) {
	ctx := t.Context()
	if err := s.RecordBookCount(ctx, "user-a", 5, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordConnection(ctx, "user-b", false, "b's problem"); err != nil {
		t.Fatal(err)
	}
	a, b := getReadwiseState(t, s, "user-a"), getReadwiseState(t, s, "user-b")
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
			user := "user-" + name
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
