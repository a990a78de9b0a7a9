package fakereadwise

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"testing"
)

// get sends one GET to the fake's path (relative to /api/v2) with token ("" =
// no Authorization header) and returns the status, headers and body.
func get(t *testing.T, s *Server, token, path string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.URL()+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Token "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: reading body: %v", path, err)
	}
	return resp.StatusCode, resp.Header, body
}

// getJSON is get for a 200 answer, decoded into a value of type T.
func getJSON[T any](t *testing.T, s *Server, token, path string) T {
	t.Helper()
	status, _, body := get(t, s, token, path)
	if status != http.StatusOK {
		t.Fatalf("GET %s: status %d, body %s", path, status, body)
	}
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return v
}

func detailOf(t *testing.T, body []byte) string {
	t.Helper()
	var v struct {
		Detail string `json:"detail"`
	}
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("body %s: %v", body, err)
	}
	return v.Detail
}

// newServer starts a fake with one user whose library is lib, and closes
// it when the test ends.
func newServer(t *testing.T, token string, lib *Library) *Server {
	t.Helper()
	s := New()
	t.Cleanup(s.Close)
	s.AddUser(token, lib)
	return s
}

func formatID(id int64) string { return strconv.FormatInt(id, 10) }
