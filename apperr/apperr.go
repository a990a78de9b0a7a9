// Package apperr is the application's one error type. Lower layers and
// middleware return an Error with a Code; the HTTP layer maps each code to
// one status in one place and shows Message to the client. Err, the cause,
// is only logged. Any other error is a bug or an unexpected failure: a 500
// with a generic message.
package apperr

import "fmt"

// Code classifies an error for the client.
type Code string

const (
	Invalid      Code = "invalid"      // the request is wrong: 400
	Unauthorized Code = "unauthorized" // no credentials, or bad ones: 401
	Forbidden    Code = "forbidden"    // authenticated, but not allowed: 403
	NotFound     Code = "not_found"    // no such route or resource: 404
	Timeout      Code = "timeout"      // the request body arrived too slowly: 408
	TooLarge     Code = "too_large"    // the request body is over the limit: 413
	Upstream     Code = "upstream"     // a service we depend on failed: 502
	Unavailable  Code = "unavailable"  // too busy to serve it now; retry later: 503
	// NotConfigured: the server lacks what the request needs (a key its
	// operator sets), so retrying will not help: 503 without Retry-After.
	NotConfigured Code = "not_configured"
)

// Error is an error with a code and a message safe to show to the client.
type Error struct {
	Code    Code
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %v", e.Message, e.Err)
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// New returns an Error with a client-facing message.
func New(code Code, message string) *Error {
	return &Error{Code: code, Message: message}
}

// Wrap returns an Error whose cause is err; only message reaches the client.
func Wrap(code Code, message string, err error) *Error {
	return &Error{Code: code, Message: message, Err: err}
}
