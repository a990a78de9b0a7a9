package storetest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"spark.dev/api/store"
)

func testConcurrentWriters(t *testing.T, s store.Store) {
	ctx := t.Context()
	const writers = 20
	errs := make(chan error, 3*writers)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			errs <- s.RecordBookCount(ctx, "user-shared", i, time.Now())
			errs <- s.PutCredential(ctx, store.Credential{UserID: "user-shared", Provider: store.Readwise, Secret: []byte{byte(i)}})
			errs <- s.PutCredential(ctx, store.Credential{UserID: fmt.Sprintf("user-%02d", i), Provider: store.Airtable, Secret: []byte{byte(i)}})
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("concurrent write: %v", err)
		}
	}

	if state := getReadwiseState(t, s, "user-shared"); state.BookCount < 0 || state.BookCount >= writers || !state.IsConnected {
		t.Errorf("state = %+v, want one writer's count", state)
	}
	users, err := s.UsersWithCredential(ctx, store.Airtable, "", 100)
	if err != nil || len(users) != writers {
		t.Errorf("UsersWithCredential(airtable) = %d users, %v; want %d", len(users), err, writers)
	}
}
