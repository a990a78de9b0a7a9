package embeddings

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"spark.dev/spark/internal/apiclient"
)

// ErrNotConfigured means the server has no OPENAI_API_KEY: nothing can be
// embedded until an operator sets one.
var ErrNotConfigured = errors.New("embeddings are not configured: OPENAI_API_KEY is not set")

// UnauthorizedError means the API refused the key (401 or 403). Retrying
// with the same key cannot help.
type UnauthorizedError struct {
	Status int
}

func (e *UnauthorizedError) Error() string {
	return fmt.Sprintf("the embeddings API rejected OPENAI_API_KEY (%d)", e.Status)
}

// RateLimitError means the request may only be sent again at RetryAt. The
// client never sleeps on a 429; the caller schedules the retry.
type RateLimitError struct {
	RetryAt time.Time
}

func (e *RateLimitError) Error() string {
	return "embeddings API rate limit reached; retry at " + e.RetryAt.UTC().Format(time.RFC3339)
}

// ServerError means the API gave no usable answer: a 5xx, a body that is
// not the expected JSON (Status is then the 2xx it came with), or no answer
// at all (Status 0). Retrying later may help.
type ServerError struct {
	Status int
	Detail string
	Err    error
}

func (e *ServerError) Error() string {
	if e.Status == 0 {
		return "the embeddings API did not answer: " + e.Detail
	}
	return fmt.Sprintf("the embeddings API answered %d: %s", e.Status, e.Detail)
}

func (e *ServerError) Unwrap() error { return e.Err }

// RequestError means the API refused the request itself (a 4xx other than
// 401, 403 and 429). Sending it again will not help.
type RequestError struct {
	Status int
	Detail string
}

func (e *RequestError) Error() string {
	return fmt.Sprintf("the embeddings API refused the request (%d): %s", e.Status, e.Detail)
}

// defaultRetryAfter is the wait after a 429 that names none.
const defaultRetryAfter = 20 * time.Second

func responseError(now time.Time, status int, header http.Header, body []byte, key string) error {
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return &UnauthorizedError{Status: status}
	case status == http.StatusTooManyRequests:
		return &RateLimitError{RetryAt: apiclient.RetryAt(now, header, defaultRetryAfter, 0)}
	case status >= 500:
		return &ServerError{Status: status, Detail: errorDetail(body, key)}
	default:
		return &RequestError{Status: status, Detail: errorDetail(body, key)}
	}
}

// errorDetail is OpenAI's error.message when the body has one, else the
// start of the body, on one line and without the key.
func errorDetail(body []byte, key string) string {
	var wire struct {
		Error struct {
			Message string `json:"message"`
		} `json:"error"`
	}
	text := string(body)
	if json.Unmarshal(body, &wire) == nil && wire.Error.Message != "" {
		text = wire.Error.Message
	}
	if text = apiclient.OneLine(text, key); text == "" {
		return "empty body"
	}
	return text
}
