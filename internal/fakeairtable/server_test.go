package fakeairtable

import (
	"maps"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"spark.dev/spark/internal/fakeapi"
)

func TestTokensAreGrantedBases(t *testing.T) {
	s := newServer(t, records(1))
	s.AddTable("other", "appOther", "tblTable", records(1))
	for _, tc := range []struct {
		name, header, path string
		status             int
		errType, message   string
	}{
		{"granted", "Bearer tok", "/appBase/tblTable", 200, "", ""},
		{"scheme in any case", "bearer tok", "/appBase/tblTable", 200, "", ""},
		{"no header", "", "/appBase/tblTable", 401, "AUTHENTICATION_REQUIRED", "Authentication required"},
		{"unknown token", "Bearer nope", "/appBase/tblTable", 401, "AUTHENTICATION_REQUIRED", "Authentication required"},
		{"other scheme", "Token tok", "/appBase/tblTable", 401, "AUTHENTICATION_REQUIRED", "Authentication required"},
		{"base not granted", "Bearer tok", "/appOther/tblTable", 403, "INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND", messages[typeInvalidPermissions]},
		{"unknown base", "Bearer tok", "/appNone/tblTable", 403, "INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND", messages[typeInvalidPermissions]},
		{"unknown table", "Bearer tok", "/appBase/tblNone", 403, "INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND", messages[typeInvalidPermissions]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, s.URL()+tc.path, nil)
			if tc.header != "" {
				req.Header.Set("Authorization", tc.header)
			}
			status, _, body := fakeapi.Send(t, req)
			if tc.errType == "" {
				if status != tc.status {
					t.Fatalf("status %d %s, want %d", status, body, tc.status)
				}
				return
			}
			if got := wantError(t, status, body, tc.status, tc.errType); got.Message != tc.message {
				t.Fatalf("message %q, want %q", got.Message, tc.message)
			}
		})
	}
}

func TestUnknownRoutesAnswerTheStringShape(t *testing.T) {
	s := newServer(t, records(1))
	for _, path := range []string{"/appBase", "/appBase/tblTable/rec00000000000001", "/", "/appBase/tblTable/"} {
		status, _, body := get(t, s, "tok", path)
		if status != http.StatusNotFound || string(body) != `{"error":"NOT_FOUND"}` {
			t.Errorf("%s: %d %s", path, status, body)
		}
	}
	req, _ := http.NewRequest(http.MethodPost, s.URL()+"/appBase/tblTable", strings.NewReader(`{}`))
	req.Header.Set("Authorization", "Bearer tok")
	if status, _, body := fakeapi.Send(t, req); status != http.StatusNotFound {
		t.Errorf("POST, which the fake does not model: %d %s", status, body)
	}
}

func TestTableNamesAreOneEscapedSegment(t *testing.T) {
	s := newServer(t, nil)
	name := "Sparks/2024 ?#%"
	s.AddTable("tok", "appBase", name, records(2))
	if page := getPage(t, s, "/appBase/"+url.PathEscape(name)); len(page.Records) != 2 {
		t.Fatalf("%d records", len(page.Records))
	}
	if status, _, _ := get(t, s, "tok", "/appBase/Sparks/2024"); status != http.StatusNotFound {
		t.Fatalf("an unescaped / split the name yet answered %d", status)
	}
}

func TestRequestsAreCountedPerBaseWhateverTheAnswer(t *testing.T) {
	s := newServer(t, records(1))
	get(t, s, "tok", "/appBase/tblTable")
	get(t, s, "", "/appBase/tblTable")
	get(t, s, "tok", "/appBase/tblNone")
	get(t, s, "tok", "/appOther/tblTable")
	get(t, s, "tok", "/nowhere")
	if got := s.Requests("appBase"); got != 3 {
		t.Errorf("appBase: %d requests, want 3", got)
	}
	if got := s.Requests("appOther"); got != 1 {
		t.Errorf("appOther: %d requests, want 1", got)
	}
	if got := s.TotalRequests(); got != 5 {
		t.Errorf("total: %d requests, want 5", got)
	}
}

func TestInjectedCountsEachKindOfFault(t *testing.T) {
	s := newServer(t, records(250))
	s.FailNext(1, Fault{Status: 429})
	s.FailNext(1, Fault{Status: 503})
	s.FailNext(1, Fault{Truncate: true})
	for range 3 {
		// The truncated answer cannot be read whole: only the count matters.
		fakeapi.Discard(t, s.URL()+"/appBase/tblTable", "Bearer", "tok")
	}
	offset := getOffset(t, func() []byte { _, _, b := get(t, s, "tok", "/appBase/tblTable"); return b }())
	s.ExpireOffsets(1)
	get(t, s, "tok", "/appBase/tblTable?offset="+url.QueryEscape(offset))
	want := map[string]int{"429": 1, "5xx": 1, "truncated": 1, "expired offset": 1}
	if got := s.Injected(); !maps.Equal(got, want) {
		t.Fatalf("Injected() = %v, want %v", got, want)
	}
}
