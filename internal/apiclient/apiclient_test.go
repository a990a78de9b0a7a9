package apiclient

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestParseBaseURL(t *testing.T) {
	for raw, want := range map[string]string{
		"https://readwise.io/api/v2/":    "https://readwise.io/api/v2",
		"http://127.0.0.1:9/v0?x=1#frag": "http://127.0.0.1:9/v0",
		"ftp://example.com":              "",
		"/relative":                      "",
		"https://":                       "",
	} {
		u, err := parseBaseURL("svc", raw)
		if want == "" {
			if err == nil || u == nil || u.String() != "" || !strings.HasPrefix(err.Error(), "svc: ") {
				t.Errorf("parseBaseURL(%q) = %v, %v; want an empty URL and an error", raw, u, err)
			}
			continue
		}
		if err != nil || u.String() != want {
			t.Errorf("parseBaseURL(%q) = %v, %v; want %s", raw, u, err, want)
		}
	}
}

func TestTransportDetailHidesTheURL(t *testing.T) {
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer slow.Close()
	client := &http.Client{Timeout: 20 * time.Millisecond}
	_, err := client.Get(slow.URL + "/secret?token=abc")
	if got := transportDetail(err); got != "request timed out" {
		t.Errorf("a timeout is described as %q", got)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://127.0.0.1:1/secret?token=abc", nil)
	_, err = http.DefaultClient.Do(req)
	if got := transportDetail(err); strings.Contains(got, "token=abc") || got == "" {
		t.Errorf("a failed request is described as %q", got)
	}
	if got := transportDetail(errors.New("plain")); got != "plain" {
		t.Errorf("a plain error is described as %q", got)
	}
}

func TestOneLine(t *testing.T) {
	long := strings.Repeat("é", 250)
	cases := []struct{ text, secret, want string }{
		{"bad  token\n sk-123 here", "sk-123", "bad token [token] here"},
		{"  ", "", ""},
		{long, "", strings.Repeat("é", 200) + "…"},
	}
	for _, c := range cases {
		if got := OneLine(c.text, c.secret); got != c.want {
			t.Errorf("OneLine(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestRetryAt(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	const fallback = 42 * time.Second
	for _, tc := range []struct {
		retryAfter string
		atLeast    time.Duration
		want       time.Time
	}{
		{"7", 0, now.Add(7 * time.Second)},
		{" 1.5 ", 0, now.Add(1500 * time.Millisecond)},
		{"-10", 0, now},
		{"Sun, 01 Jun 2025 12:05:00 GMT", 0, now.Add(5 * time.Minute)},
		{"Sun, 01 Jun 2025 11:00:00 GMT", 0, now},
		{"", 0, now.Add(fallback)},
		{"soon", 0, now.Add(fallback)},
		{"NaN", 0, now.Add(fallback)},
		{"7", time.Minute, now.Add(time.Minute)},
		{"", time.Minute, now.Add(time.Minute)},
		{"99999999999999999999", 0, now.Add(MaxRetryWait)},
		{"Sun, 01 Jun 2125 12:00:00 GMT", 0, now.Add(MaxRetryWait)},
	} {
		header := http.Header{}
		if tc.retryAfter != "" {
			header.Set("Retry-After", tc.retryAfter)
		}
		if got := RetryAt(now, header, fallback, tc.atLeast); !got.Equal(tc.want) {
			t.Errorf("Retry-After %q, at least %v: %v, want %v", tc.retryAfter, tc.atLeast, got, tc.want)
		}
	}
}
