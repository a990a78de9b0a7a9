package readwise

import (
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestRetryAt(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name       string
		retryAfter string
		body       string
		want       time.Time
	}{
		{"header seconds", "7", `{"detail":"Request was throttled. Expected available in 30 seconds."}`, now.Add(7 * time.Second)},
		{"header HTTP date", "Sun, 01 Jun 2025 12:05:00 GMT", "", now.Add(5 * time.Minute)},
		{"header date in the past", "Sun, 01 Jun 2025 11:00:00 GMT", "", now},
		{"body only", "", `{"detail":"Request was throttled. Expected available in 42 seconds."}`, now.Add(42 * time.Second)},
		{"body, one second", "", `{"detail":"Request was throttled. Expected available in 1 second."}`, now.Add(time.Second)},
		{"unreadable header, body", "soon", `Expected available in 9 seconds`, now.Add(9 * time.Second)},
		{"nothing", "", `{"detail":"Request was throttled."}`, now.Add(time.Minute)},
		{"a year of seconds is capped", "31536000", "", now.Add(24 * time.Hour)},
		{"a far date is capped", "Sun, 01 Jun 2031 12:00:00 GMT", "", now.Add(24 * time.Hour)},
	} {
		header := http.Header{}
		if tc.retryAfter != "" {
			header.Set("Retry-After", tc.retryAfter)
		}
		if got := retryAt(now, header, []byte(tc.body)); !got.Equal(tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestErrorDetailIsShortAndTokenFree(t *testing.T) {
	if got := errorDetail([]byte(`{"detail":"Invalid page."}`), "tok"); got != "Invalid page." {
		t.Errorf("DRF detail: %q", got)
	}
	html := "<html>\n<body>" + strings.Repeat("é", 500) + "</body></html>"
	got := errorDetail([]byte(html), "tok")
	if utf8.RuneCountInString(got) > 201 || strings.Contains(got, "\n") {
		t.Errorf("long body gave a %d-rune detail: %q", utf8.RuneCountInString(got), got)
	}
	if got := errorDetail([]byte(`{"detail":"bad token s3cr3t"}`), "s3cr3t"); strings.Contains(got, "s3cr3t") {
		t.Errorf("detail repeats the token: %q", got)
	}
	if got := errorDetail(nil, "tok"); got != "empty body" {
		t.Errorf("empty body: %q", got)
	}
}
