package fakeairtable

import (
	"encoding/json"
	"net/http"
	"testing"

	"spark.dev/spark/internal/fakeapi"
)

// newServer starts a fake whose token "tok" may read base "appBase" with
// table "tblTable" holding records, and closes it when the test ends. The
// rate limit is off: the tests of it turn it back on.
func newServer(t *testing.T, records []Record) *Server {
	t.Helper()
	s := New()
	t.Cleanup(s.Close)
	s.SetLimits(Limits{})
	s.AddTable("tok", "appBase", "tblTable", records)
	return s
}

// get sends one GET to the fake's path (relative to /v0) with token ("" =
// no Authorization header) and returns the status, headers and body.
func get(t *testing.T, s *Server, token, path string) (int, http.Header, []byte) {
	t.Helper()
	return fakeapi.Get(t, s.URL()+path, "Bearer", token)
}

// getPage is get for a 200 answer, decoded.
func getPage(t *testing.T, s *Server, path string) listJSON {
	t.Helper()
	return fakeapi.GetJSON[listJSON](t, s.URL()+path, "Bearer", "tok")
}

// wantError checks an answer in the object shape {"error":{"type","message"}}.
func wantError(t *testing.T, status int, body []byte, wantStatus int, wantType string) errorDetail {
	t.Helper()
	var v struct {
		Error errorDetail `json:"error"`
	}
	if err := json.Unmarshal(body, &v); err != nil || status != wantStatus || v.Error.Type != wantType {
		t.Fatalf("got %d %s, want %d %s", status, body, wantStatus, wantType)
	}
	return v.Error
}

// records makes n plain records with ids rec00000000000001, ….
func records(n int) []Record {
	out := make([]Record, n)
	for i := range out {
		out[i] = Record{Fields: map[string]any{"n": i}}
	}
	return out
}

func getOffset(t *testing.T, body []byte) string {
	t.Helper()
	var page listJSON
	if err := json.Unmarshal(body, &page); err != nil {
		t.Fatal(err)
	}
	return page.Offset
}
