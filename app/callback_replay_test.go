package app_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"spark.dev/spark/secure"
)

// A signed callback is good once: sent again inside its 5-minute window it is
// refused and changes nothing, even after a newer one was stored.
func TestReplayedCallbackChangesNothing(t *testing.T) {
	secret := bytes.Repeat([]byte{7}, 32)
	a := newTestApp(t, map[string]string{"CALLBACK_SECRET": encodeBase64(secret)})
	post := func(signature string, body []byte) (int, map[string]any) {
		return a.request(http.MethodPost, "/api/readwise", map[string]string{secure.CallbackSignatureHeader: signature}, body)
	}
	older := []byte(`{"userId":"00000000-0000-4000-8000-000000000001","bookCount":10,"syncTime":"2026-11-27T03:00:00Z"}`)
	newer := []byte(`{"userId":"00000000-0000-4000-8000-000000000001","bookCount":20,"syncTime":"2026-11-28T03:00:00Z"}`)
	olderSignature := secure.SignCallback(secret, time.Now().Add(-time.Minute), older)
	newerSignature := secure.SignCallback(secret, time.Now(), newer)
	for _, c := range []struct {
		signature string
		body      []byte
	}{{olderSignature, older}, {newerSignature, newer}} {
		if status, answer := post(c.signature, c.body); status != http.StatusOK {
			t.Fatalf("first delivery of %s: %d %v", c.body, status, answer)
		}
	}

	mac := strings.Index(olderSignature, "v1=") + len("v1=")
	replays := []struct {
		name      string
		signature string
		body      []byte
	}{
		{"the older callback", olderSignature, older},
		{"the newer callback", newerSignature, newer},
		{"the older with its MAC in upper case", olderSignature[:mac] + strings.ToUpper(olderSignature[mac:]), older},
		{"the older with a v2 beside it", olderSignature + ",v2=ignored", older},
	}
	for _, r := range replays {
		status, answer := post(r.signature, r.body)
		if status != http.StatusUnauthorized || answer["error"] != "Invalid signature" {
			t.Errorf("replaying %s: %d %v, want 401 Invalid signature", r.name, status, answer)
		}
	}
	_, st := a.as(u1, http.MethodGet, "/api/readwise", nil)
	if st["bookCount"] != float64(20) || st["lastSyncTime"] != "2026-11-28T03:00:00Z" {
		t.Fatalf("after the replays GET /api/readwise = %v, want the newer callback's count and time", st)
	}
}
