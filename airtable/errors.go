package airtable

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"spark.dev/spark/internal/apiclient"
)

// Error messages are written for the person who owns the token: short, and
// never holding the token or response headers.

// UnauthorizedError means Airtable refused the token (401): it is wrong,
// revoked or expired. Retrying with the same token cannot help.
type UnauthorizedError struct {
	Status int
}

func (e *UnauthorizedError) Error() string {
	return fmt.Sprintf("Airtable rejected the token (%d)", e.Status)
}

// NotFoundError means the base or table does not exist or the token may not
// read it (403, or 404): Airtable does not say which, on purpose. Retrying
// cannot help until the user fixes the ids or the token's access.
type NotFoundError struct {
	Status int
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("Airtable base or table not found, or the token cannot read it (%d)", e.Status)
}

// RateLimitError means the request may only be sent again at RetryAt:
// either Airtable answered 429, or the pacer cannot send it before the
// context's deadline.
type RateLimitError struct {
	RetryAt time.Time
}

func (e *RateLimitError) Error() string {
	return "Airtable rate limit reached; retry at " + e.RetryAt.UTC().Format(time.RFC3339)
}

// QuotaExceededError means the workspace has used up its monthly API calls
// (429 PUBLIC_API_BILLING_LIMIT_EXCEEDED). Retrying before the month ends,
// or the plan changes, cannot help.
type QuotaExceededError struct{}

func (e *QuotaExceededError) Error() string {
	return "Airtable's monthly API call limit for this workspace is used up"
}

// ServerError means Airtable gave no usable answer: a 5xx, a body that is
// not the expected JSON (Status is then the 2xx it came with), or no answer
// at all (Status 0: timeout, refused connection). Retrying later may help.
type ServerError struct {
	Status int
	Detail string
	Err    error // the transport or decoding error, when there is one
}

func (e *ServerError) Error() string {
	if e.Status == 0 {
		return "Airtable did not answer: " + e.Detail
	}
	return fmt.Sprintf("Airtable answered %d: %s", e.Status, e.Detail)
}

func (e *ServerError) Unwrap() error { return e.Err }

// RequestError means Airtable refused the request itself (400, 422 and
// other 4xx not covered above). Sending it again will not help.
type RequestError struct {
	Status  int
	Type    string // Airtable's error type, e.g. INVALID_REQUEST_UNKNOWN; "" when the body had none
	Message string
}

func (e *RequestError) Error() string {
	what := strconv.Itoa(e.Status)
	if e.Type != "" {
		what += " " + e.Type
	}
	if e.Message == "" {
		return "Airtable refused the request (" + what + ")"
	}
	return "Airtable refused the request (" + what + "): " + e.Message
}

// ErrIteratorExpired means Airtable no longer knows the offset (422
// LIST_RECORDS_ITERATOR_NOT_AVAILABLE); offsets live only minutes. The walk
// must start again from the first page.
var ErrIteratorExpired = errors.New("airtable: the page offset has expired; list again from the first page")

// ErrInvalidID is returned, before anything is sent, for a base id or table
// reference that cannot name a table.
var ErrInvalidID = errors.New("airtable: invalid base or table id")

// Airtable's error types that the client treats specially.
const (
	typeIteratorExpired = "LIST_RECORDS_ITERATOR_NOT_AVAILABLE"
	typeBillingLimit    = "PUBLIC_API_BILLING_LIMIT_EXCEEDED"
)

// rateLimitWait is how long Airtable says to wait after a 429; a longer
// Retry-After wins, a shorter one does not, as Airtable promises neither.
const rateLimitWait = 30 * time.Second

// responseError turns a non-2xx answer into the error the caller acts on.
func responseError(now time.Time, status int, header http.Header, body []byte, token string) error {
	errType, message := decodeErrorBody(body)
	errType, message = apiclient.OneLine(errType, token), apiclient.OneLine(message, token)
	switch {
	case status == http.StatusUnauthorized:
		return &UnauthorizedError{Status: status}
	case status == http.StatusForbidden || status == http.StatusNotFound:
		return &NotFoundError{Status: status}
	case status == http.StatusTooManyRequests && errType == typeBillingLimit:
		return &QuotaExceededError{}
	case status == http.StatusTooManyRequests:
		return &RateLimitError{RetryAt: retryAt(now, header)}
	case status >= 500:
		return &ServerError{Status: status, Detail: describe(errType, message, body, token)}
	case errType == typeIteratorExpired:
		return fmt.Errorf("%w (%d)", ErrIteratorExpired, status)
	case errType == "" && message == "":
		return &RequestError{Status: status, Message: describe("", "", body, token)}
	default:
		return &RequestError{Status: status, Type: errType, Message: message}
	}
}

// decodeErrorBody reads both shapes Airtable sends:
// {"error":{"type":"…","message":"…"}} and {"error":"NOT_FOUND"}, the
// latter sometimes with a "message" beside it.
func decodeErrorBody(body []byte) (errType, message string) {
	var envelope struct {
		Error   json.RawMessage `json:"error"`
		Message string          `json:"message"`
	}
	if json.Unmarshal(body, &envelope) != nil {
		return "", ""
	}
	var detail struct {
		Type    string `json:"type"`
		Message string `json:"message"`
	}
	if json.Unmarshal(envelope.Error, &detail) == nil && (detail.Type != "" || detail.Message != "") {
		return detail.Type, detail.Message
	}
	var code string
	if json.Unmarshal(envelope.Error, &code) == nil {
		return code, envelope.Message
	}
	return "", envelope.Message
}

// describe is Airtable's words when the body had them, else the body
// itself (a proxy's HTML page, say).
func describe(errType, message string, body []byte, token string) string {
	switch {
	case errType != "" && message != "":
		return errType + ": " + message
	case errType != "" || message != "":
		return errType + message
	}
	if text := apiclient.OneLine(string(body), token); text != "" {
		return text
	}
	return "empty body"
}

// retryAt is when a 429 may be retried: max(30 s, Retry-After) from now,
// and at most a day, so a bogus header cannot park a job for good.
func retryAt(now time.Time, header http.Header) time.Time {
	return apiclient.RetryAt(now, header, rateLimitWait, rateLimitWait)
}
