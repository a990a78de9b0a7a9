package storetest

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"spark.dev/spark/internal/testtoken"
	"spark.dev/spark/store"
)

func testConcurrentWriters(t *testing.T, s store.Store) {
	ctx := t.Context()
	const writers = 20
	errs := make(chan error, 3*writers)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			errs <- s.RecordBookCount(ctx, testtoken.UserID(0x5ea), i, time.Now())
			errs <- s.PutCredential(ctx, store.Credential{UserID: testtoken.UserID(0x5ea), Provider: store.Readwise, Secret: []byte{byte(i)}})
			errs <- s.PutCredential(ctx, store.Credential{UserID: testtoken.UserID(0x100 + i), Provider: store.Airtable, Secret: []byte{byte(i)}})
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("concurrent write: %v", err)
		}
	}

	if state := getReadwiseState(t, s, testtoken.UserID(0x5ea)); state.BookCount < 0 || state.BookCount >= writers || !state.IsConnected {
		t.Errorf("state = %+v, want one writer's count", state)
	}
	users, err := s.UsersWithCredential(ctx, store.Airtable, "", 100)
	if err != nil || len(users) != writers {
		t.Errorf("UsersWithCredential(airtable) = %d users, %v; want %d", len(users), err, writers)
	}
}

// Tags are created by the spark import and the tag migration, which may run
// at once for one user (two imports of one user never do). Each tag is
// created once, by one of them, whatever order each names them in.
func testConcurrentTagCreation(t *testing.T, s store.Store) {
	const users, tags = 8, 20
	var names []string
	for i := range tags {
		names = append(names, fmt.Sprintf("tag-%02d", i))
	}
	reversed := slices.Clone(names)
	slices.Reverse(reversed)
	for u := range users {
		var highlights []store.Highlight
		for i := range int64(4) {
			highlights = append(highlights, tagged(i+1, names...))
		}
		applyTagged(t, s, testtoken.UserID(u), highlights...)
	}

	created := make([]int, users)
	errs := make(chan error, 2*users)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for u := range users {
		user := testtoken.UserID(u)
		wg.Go(func() {
			result, err := s.ImportSparks(t.Context(), user, []store.NewSpark{newSpark("uid", "cat", reversed...)})
			mu.Lock()
			created[u] += len(result.NewTags)
			mu.Unlock()
			errs <- err
		})
		wg.Go(func() {
			m, err := s.MigrateHighlightTags(t.Context(), user, 0, 10, normalizeTag)
			mu.Lock()
			created[u] += m.TagsCreated
			mu.Unlock()
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("concurrent tag creation: %v", err)
		}
	}
	for u, n := range created {
		user := testtoken.UserID(u)
		if got := tagNames(t, s, user); n != tags || !slices.Equal(got, names) {
			t.Errorf("%s: %d tags reported created, %d stored; want %d, each once", user, n, len(got), tags)
		}
	}
}
