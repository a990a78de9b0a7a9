package fakeapi

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"
)

// The helpers below are for the fakes' own tests, which talk HTTP to them.

// Send sends req and returns the status, headers and body, failing t if the
// whole answer does not come.
func Send(t testing.TB, req *http.Request) (int, http.Header, []byte) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", req.Method, req.URL, err)
	}
	return resp.StatusCode, resp.Header, body
}

// Get sends GET url with "Authorization: <scheme> <token>", or with no
// Authorization header when token is "".
func Get(t testing.TB, url, scheme, token string) (int, http.Header, []byte) {
	t.Helper()
	return Send(t, newGet(t, url, scheme, token))
}

// GetJSON is Get for a 200 answer, decoded into a T.
func GetJSON[T any](t testing.TB, url, scheme, token string) T {
	t.Helper()
	status, _, body := Get(t, url, scheme, token)
	if status != http.StatusOK {
		t.Fatalf("GET %s: status %d, body %s", url, status, body)
	}
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return v
}

// Discard is Get for an answer that may be cut short: it only sends, for
// tests that count what a fault did rather than read what it sent.
func Discard(t testing.TB, url, scheme, token string) {
	t.Helper()
	if resp, err := http.DefaultClient.Do(newGet(t, url, scheme, token)); err == nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

func newGet(t testing.TB, url, scheme, token string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", scheme+" "+token)
	}
	return req
}
