package fakeairtable

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

func TestRateLimitNextComesBeforeFailNext(t *testing.T) {
	s := newServer(t, records(1))
	s.AddTable("tok", "appOther", "tblTable", records(1))
	s.FailNext(1, Fault{Status: 503})
	s.RateLimitNext("appBase", 2)

	var statuses []int
	for _, base := range []string{"appOther", "appBase", "appBase", "appBase", "appBase"} {
		status, _, body := get(t, s, "tok", "/"+base+"/tblTable")
		if status == http.StatusTooManyRequests {
			wantError(t, status, body, status, "RATE_LIMIT_REACHED")
		}
		statuses = append(statuses, status)
	}
	if want := []int{503, 429, 429, 200, 200}; !slices.Equal(statuses, want) {
		t.Fatalf("statuses %v, want %v", statuses, want)
	}
}

func TestFaultBodies(t *testing.T) {
	s := newServer(t, records(1))
	for _, tc := range []struct {
		fault       Fault
		contentType string
		body        string
		retryAfter  string
	}{
		{Fault{Status: 404}, "application/json; charset=utf-8", `{"error":"NOT_FOUND"}`, ""},
		{Fault{Status: 404, Type: "NOT_FOUND"}, "application/json; charset=utf-8", `{"error":{"type":"NOT_FOUND","message":""}}`, ""},
		{Fault{Status: 502}, "text/html", "502 Bad Gateway", ""},
		{Fault{Status: 500}, "application/json; charset=utf-8", `"type":"SERVER_ERROR"`, ""},
		{Fault{Status: 422}, "application/json; charset=utf-8", `"type":"INVALID_REQUEST_UNKNOWN"`, ""},
		{Fault{Status: 429, RetryAfter: "45"}, "application/json; charset=utf-8", `"type":"RATE_LIMIT_REACHED"`, "45"},
		{Fault{Status: 429, Type: "PUBLIC_API_BILLING_LIMIT_EXCEEDED"}, "application/json; charset=utf-8", `"type":"PUBLIC_API_BILLING_LIMIT_EXCEEDED"`, ""},
	} {
		s.FailNext(1, tc.fault)
		status, header, body := get(t, s, "tok", "/appBase/tblTable")
		if status != tc.fault.Status || header.Get("Content-Type") != tc.contentType ||
			!strings.Contains(string(body), tc.body) || header.Get("Retry-After") != tc.retryAfter {
			t.Errorf("%+v: %d %s Retry-After %q: %s", tc.fault, status, header.Get("Content-Type"), header.Get("Retry-After"), body)
		}
	}
}

func TestRandomFaultsRepeatForASeed(t *testing.T) {
	run := func() []int {
		s := newServer(t, records(1000))
		s.SetRandomFaults(RandomFaults{Seed: 42, RateLimit: 0.15, ServerError: 0.15, ExpireOffset: 0.15})
		var statuses []int
		offset := ""
		for range 60 {
			status, _, body := get(t, s, "tok", "/appBase/tblTable?pageSize=10&offset="+url.QueryEscape(offset))
			statuses = append(statuses, status)
			switch status {
			case http.StatusOK:
				offset = getOffset(t, body)
			case http.StatusUnprocessableEntity:
				wantError(t, status, body, status, "LIST_RECORDS_ITERATOR_NOT_AVAILABLE")
				offset = "" // start again, as a client must
			}
		}
		return statuses
	}
	first, second := run(), run()
	if !slices.Equal(first, second) {
		t.Fatalf("same seed, different runs:\n%v\n%v", first, second)
	}
	for _, want := range []int{200, 429, 422} {
		if !slices.Contains(first, want) {
			t.Fatalf("no %d in %v", want, first)
		}
	}
	if !slices.ContainsFunc(first, func(s int) bool { return s >= 500 }) {
		t.Fatalf("no 5xx in %v", first)
	}
}

func TestRandomExpirySparesFirstPages(t *testing.T) {
	s := newServer(t, records(10))
	s.SetRandomFaults(RandomFaults{Seed: 1, ExpireOffset: 1})
	for range 10 {
		if status, _, body := get(t, s, "tok", "/appBase/tblTable"); status != http.StatusOK {
			t.Fatalf("a request without an offset: %d %s", status, body)
		}
	}
}
