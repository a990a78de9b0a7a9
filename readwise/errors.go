package readwise

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"time"

	"spark.dev/spark/internal/apiclient"
)

// Error messages are written for the person who owns the token: short, and
// never holding the token or response headers.

// UnauthorizedError means Readwise refused the token (401 or 403). Retrying
// with the same token cannot help.
type UnauthorizedError struct {
	Status int
}

func (e *UnauthorizedError) Error() string {
	return fmt.Sprintf("Readwise rejected the API key (%d)", e.Status)
}

// RateLimitError means the request may only be sent again at RetryAt: either
// Readwise answered 429, or the pacer cannot send it before the context's
// deadline. The client never sleeps on a 429; the caller schedules the retry.
type RateLimitError struct {
	RetryAt time.Time
}

func (e *RateLimitError) Error() string {
	return "Readwise rate limit reached; retry at " + e.RetryAt.UTC().Format(time.RFC3339)
}

// ServerError means Readwise gave no usable answer: a 5xx, a body that is not
// the expected JSON (Status is then the 2xx it came with), or no answer at
// all (Status 0: timeout, refused connection). Retrying later may help.
type ServerError struct {
	Status int
	Detail string
	Err    error // the transport or decoding error, when there is one
}

func (e *ServerError) Error() string {
	if e.Status == 0 {
		return "Readwise did not answer: " + e.Detail
	}
	return fmt.Sprintf("Readwise answered %d: %s", e.Status, e.Detail)
}

func (e *ServerError) Unwrap() error { return e.Err }

// RequestError means Readwise refused the request itself with a 4xx other
// than 401, 403 and 429, e.g. 404 "Invalid page." when a page walk runs past
// the end of a list that shrank. Sending the same request again will not help.
type RequestError struct {
	Status int
	Detail string
}

func (e *RequestError) Error() string {
	return fmt.Sprintf("Readwise refused the request (%d): %s", e.Status, e.Detail)
}

// ErrForeignPageURL is returned, before anything is sent, for a PageURL whose
// scheme or host differs from the configured base URL's: the token must
// never leave for another server.
var ErrForeignPageURL = errors.New("readwise: page URL is not on the configured Readwise host")

// defaultRetryAfter is the wait after a 429 that says nothing of its own.
const defaultRetryAfter = 60 * time.Second

// throttledDetail is Django REST Framework's throttle message, which Readwise
// sends in the body of a 429.
var throttledDetail = regexp.MustCompile(`Expected available in (\d+) second`)

// responseError turns a non-2xx answer into the error the caller acts on.
func responseError(now time.Time, status int, header http.Header, body []byte, token string) error {
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return &UnauthorizedError{Status: status}
	case status == http.StatusTooManyRequests:
		return &RateLimitError{RetryAt: retryAt(now, header, body)}
	case status >= 500:
		return &ServerError{Status: status, Detail: errorDetail(body, token)}
	default:
		return &RequestError{Status: status, Detail: errorDetail(body, token)}
	}
}

// retryAt reads when a 429 may be retried: the Retry-After header, else the
// seconds in the body, else a minute from now; never more than a day away.
func retryAt(now time.Time, header http.Header, body []byte) time.Time {
	return apiclient.RetryAt(now, header, throttledWait(body), 0)
}

func throttledWait(body []byte) time.Duration {
	if m := throttledDetail.FindSubmatch(body); m != nil {
		if secs, err := strconv.Atoi(string(m[1])); err == nil {
			return time.Duration(min(secs, int(apiclient.MaxRetryWait/time.Second))) * time.Second
		}
	}
	return defaultRetryAfter
}

// errorDetail turns an error body into one short line: DRF's "detail" when
// the body has one, else the start of the body itself.
func errorDetail(body []byte, token string) string {
	var drf struct {
		Detail string `json:"detail"`
	}
	text := string(body)
	if json.Unmarshal(body, &drf) == nil && drf.Detail != "" {
		text = drf.Detail
	}
	if text = apiclient.OneLine(text, token); text == "" {
		return "empty body"
	}
	return text
}
