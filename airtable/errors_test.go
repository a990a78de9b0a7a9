package airtable

import (
	"errors"
	"net/http"
	"testing"
	"time"
)

func TestDecodeErrorBodyReadsBothShapes(t *testing.T) {
	for _, tc := range []struct {
		body, errType, message string
	}{
		{`{"error":{"type":"INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND","message":"Invalid permissions"}}`, "INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND", "Invalid permissions"},
		{`{"error":{"type":"LIST_RECORDS_ITERATOR_NOT_AVAILABLE"}}`, "LIST_RECORDS_ITERATOR_NOT_AVAILABLE", ""},
		{`{"error":"NOT_FOUND"}`, "NOT_FOUND", ""},
		{`{"error":"NOT_FOUND","message":"Could not find what you are looking for"}`, "NOT_FOUND", "Could not find what you are looking for"},
		{`{"error":null,"message":"odd"}`, "", "odd"},
		{`{"error":42}`, "", ""},
		{`<html>502 Bad Gateway</html>`, "", ""},
		{``, "", ""},
	} {
		errType, message := decodeErrorBody([]byte(tc.body))
		if errType != tc.errType || message != tc.message {
			t.Errorf("%s: %q %q, want %q %q", tc.body, errType, message, tc.errType, tc.message)
		}
	}
}

func TestRetryAtIsAtLeast30Seconds(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		retryAfter string
		want       time.Time
	}{
		{"", now.Add(30 * time.Second)},
		{"5", now.Add(30 * time.Second)},
		{"45", now.Add(45 * time.Second)},
		{"Sun, 01 Jun 2025 12:05:00 GMT", now.Add(5 * time.Minute)},
		{"Sun, 01 Jun 2025 11:00:00 GMT", now.Add(30 * time.Second)},
		{"soon", now.Add(30 * time.Second)},
		{"-10", now.Add(30 * time.Second)},
		{"99999999999999", now.Add(24 * time.Hour)},
		{"Sun, 01 Jun 2125 12:00:00 GMT", now.Add(24 * time.Hour)},
	} {
		header := http.Header{}
		if tc.retryAfter != "" {
			header.Set("Retry-After", tc.retryAfter)
		}
		if got := retryAt(now, header); !got.Equal(tc.want) {
			t.Errorf("Retry-After %q: %v, want %v", tc.retryAfter, got, tc.want)
		}
	}
}

func TestIteratorExpiryIsRecognisedByType(t *testing.T) {
	body := []byte(`{"error":{"type":"LIST_RECORDS_ITERATOR_NOT_AVAILABLE","message":"gone"}}`)
	if err := responseError(time.Now(), 422, http.Header{}, body, "tok"); !errors.Is(err, ErrIteratorExpired) {
		t.Fatalf("%v, want ErrIteratorExpired", err)
	}
}

func TestRequestErrorWithoutAirtableWords(t *testing.T) {
	err := responseError(time.Now(), 400, http.Header{}, []byte("Bad Request\n"), "tok")
	if got := err.Error(); got != "Airtable refused the request (400): Bad Request" {
		t.Fatalf("%q", got)
	}
	err = responseError(time.Now(), 422, http.Header{}, []byte(`{"error":{"type":"X"}}`), "tok")
	if got := err.Error(); got != "Airtable refused the request (422 X)" {
		t.Fatalf("%q", got)
	}
}
