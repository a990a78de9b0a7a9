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
		u, err := ParseBaseURL("svc", raw)
		if want == "" {
			if err == nil || u == nil || u.String() != "" || !strings.HasPrefix(err.Error(), "svc: ") {
				t.Errorf("ParseBaseURL(%q) = %v, %v; want an empty URL and an error", raw, u, err)
			}
			continue
		}
		if err != nil || u.String() != want {
			t.Errorf("ParseBaseURL(%q) = %v, %v; want %s", raw, u, err, want)
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
	if got := TransportDetail(err); got != "request timed out" {
		t.Errorf("a timeout is described as %q", got)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://127.0.0.1:1/secret?token=abc", nil)
	_, err = http.DefaultClient.Do(req)
	if got := TransportDetail(err); strings.Contains(got, "token=abc") || got == "" {
		t.Errorf("a failed request is described as %q", got)
	}
	if got := TransportDetail(errors.New("plain")); got != "plain" {
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
