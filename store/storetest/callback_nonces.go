package storetest

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"spark.dev/spark/store"
)

var nonceNow = time.Date(2025, 5, 1, 12, 0, 0, 0, time.UTC)

func useNonce(t *testing.T, s store.Store, nonce string, expires, now time.Time) bool {
	t.Helper()
	fresh, err := s.UseCallbackNonce(t.Context(), nonce, expires, now)
	if err != nil {
		t.Fatalf("UseCallbackNonce(%s): %v", nonce, err)
	}
	return fresh
}

func testCallbackNonceIsGoodOnce(t *testing.T, s store.Store) {
	expires := nonceNow.Add(5 * time.Minute)
	if !useNonce(t, s, "aa01", expires, nonceNow) {
		t.Fatal("a new nonce is not fresh")
	}
	if useNonce(t, s, "aa01", expires, nonceNow.Add(time.Minute)) {
		t.Error("a nonce is fresh twice")
	}
	if !useNonce(t, s, "aa02", expires, nonceNow.Add(time.Minute)) {
		t.Error("another nonce is not fresh")
	}
	if useNonce(t, s, "aa02", expires, expires) {
		t.Error("a nonce is forgotten at its expiry, before it passed")
	}
	// Expired nonces are forgotten: their signature is stale by then anyway.
	if !useNonce(t, s, "aa01", nonceNow.Add(20*time.Minute), expires.Add(time.Second)) {
		t.Error("an expired nonce is still remembered")
	}
}

func testCallbackNonceConcurrentUsesOneWins(t *testing.T, s store.Store) {
	const callers = 16
	var fresh atomic.Int32
	var wg sync.WaitGroup
	for range callers {
		wg.Go(func() {
			ok, err := s.UseCallbackNonce(t.Context(), "bb01", nonceNow.Add(5*time.Minute), nonceNow)
			if err != nil {
				t.Errorf("UseCallbackNonce: %v", err)
			}
			if ok {
				fresh.Add(1)
			}
		})
	}
	wg.Wait()
	if n := fresh.Load(); n != 1 {
		t.Errorf("%d of %d concurrent uses of one nonce were fresh, want 1", n, callers)
	}
}
