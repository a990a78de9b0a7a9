package apiclient

import (
	"errors"
	"net"
	"net/url"
	"strings"
	"unicode/utf8"
)

// maxRunes bounds a message built from a response body.
const maxRunes = 200

// transportDetail describes a request that got no answer, without its URL
// (which says nothing new and may carry query parameters).
func transportDetail(err error) string {
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
