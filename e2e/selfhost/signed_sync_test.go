package selfhost

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/inngest/inngestgo"

	"spark.dev/spark/internal/fakereadwise"
)

// A whole highlight sync on the self-hosted engine, every call between it
// and the app signed and verified; a call signed with another key is refused.
func TestSelfHostedEngineRunsAFullSyncSigned(t *testing.T) {
	rw := fakereadwise.New()
	t.Cleanup(rw.Close)
	eng := startEngine(t, newEngineState(t))
	s := startApp(t, eng, rw, nil)

	const user, rwToken = "00000000-0000-4000-8000-0000000000a1", "rw-token-selfhost-0123456789"
	lib := fakereadwise.GenerateLibrary(11, 120, 2600)
	rw.AddUser(rwToken, lib)
	saveReadwiseKey(t, s.URL, user, rwToken)

	run := completed(t, eng, trigger(t, s.URL, "trigger-sync-highlights", user, nil))
	var result struct {
		Success         bool `json:"success"`
		Upserted        int  `json:"upserted"`
		TotalInDatabase int  `json:"totalInDatabase"`
	}
	if json.Unmarshal(run.Output, &result) != nil || !result.Success || result.Upserted != 2600 || result.TotalInDatabase != 2600 {
		t.Fatalf("sync result: %s", run.Output)
	}
	books, err := s.App.Store.CountBooks(context.Background(), user)
	if err != nil || books != len(lib.Books()) {
		t.Fatalf("stored %d books (%v), the library has %d", books, err, len(lib.Books()))
	}

	for key, want := range map[string]int{signingKey: http.StatusOK, "0123456789abcdef0123456789abcdef": http.StatusUnauthorized} {
		if got := signedGet(t, s.URL+"/api/inngest", key); got != want {
			t.Errorf("GET /api/inngest signed with the %s: %d, want %d", describeKey(key), got, want)
		}
	}
	body := []byte(`{"event":{"name":"readwise/count-books","data":{"userId":"` + user + `"}},"events":[],"steps":{},"ctx":{"run_id":"01J00000000000000000000000","attempt":0}}`)
	if got := signedPost(t, s.URL+"/api/inngest?fnId="+s.App.Config.AppID+"-readwise-count-books&stepId=step", "0123456789abcdef0123456789abcdef", body); got != http.StatusUnauthorized {
		t.Errorf("a run call signed with another key: %d, want 401", got)
	}
}

func describeKey(key string) string {
	if key == signingKey {
		return "engine's key"
	}
	return "wrong key"
}

func signedGet(t *testing.T, url, key string) int {
	return signed(t, http.MethodGet, url, key, nil)
}

func signedPost(t *testing.T, url, key string, body []byte) int {
	return signed(t, http.MethodPost, url, key, body)
}

func signed(t *testing.T, method, url, key string, body []byte) int {
	t.Helper()
	sig, err := inngestgo.Sign(context.Background(), time.Now(), []byte(key), body)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(method, url, bytes.NewReader(body))
	req.Header.Set("X-Inngest-Signature", sig)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
