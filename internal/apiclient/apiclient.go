// Package apiclient holds what Spark's third-party API clients (readwise,
// airtable) share beneath their own errors and endpoints: the base URL, how
// a failed request is described, and messages that never hold a token.
package apiclient

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"unicode/utf8"
)

// maxRunes bounds a message built from a response body.
const maxRunes = 200

// ParseBaseURL checks an API's base URL. On error it returns an empty URL
// beside it, so that building request URLs needs no nil checks and every
// call can report the error instead of the constructor.
func ParseBaseURL(service, raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return &url.URL{}, fmt.Errorf("%s: base URL %q is not an absolute http(s) URL", service, raw)
	}
	u.RawQuery, u.Fragment = "", ""
	return u, nil
}

// TransportDetail describes a request that got no answer, without its URL
// (which says nothing new and may carry query parameters).
func TransportDetail(err error) string {
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return "request timed out"
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		return urlErr.Err.Error()
	}
	return err.Error()
}

// OneLine turns text into one short line with secret replaced, for error
// messages built from what a server sent back (it may echo the token).
func OneLine(text, secret string) string {
	if secret != "" {
		text = strings.ReplaceAll(text, secret, "[token]")
	}
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) > maxRunes {
		text = string([]rune(text)[:maxRunes]) + "…"
	}
	return text
}
