package fakereadwise

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"

	"spark.dev/spark/internal/fakeapi"
)

// get sends one GET to the fake's path (relative to /api/v2) with token ("" =
// no Authorization header) and returns the status, headers and body.
func get(t *testing.T, s *Server, token, path string) (int, http.Header, []byte) {
	t.Helper()
	return fakeapi.Get(t, s.URL()+path, "Token", token)
}

// getJSON is get for a 200 answer, decoded into a value of type T.
func getJSON[T any](t *testing.T, s *Server, token, path string) T {
	t.Helper()
	return fakeapi.GetJSON[T](t, s.URL()+path, "Token", token)
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
