package fakeairtable

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// Airtable's error types, with the messages Airtable sends where they are
// documented or observed; the others are the fake's own words.
const (
	typeAuthenticationRequired = "AUTHENTICATION_REQUIRED"
	typeInvalidPermissions     = "INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND"
	typeRateLimit              = "RATE_LIMIT_REACHED"
	typeBillingLimit           = "PUBLIC_API_BILLING_LIMIT_EXCEEDED"
	typeIteratorNotAvailable   = "LIST_RECORDS_ITERATOR_NOT_AVAILABLE"
	typeInvalidOffset          = "INVALID_OFFSET_VALUE"
	typeInvalidRequest         = "INVALID_REQUEST_UNKNOWN"
	typeServerError            = "SERVER_ERROR"
)

var messages = map[string]string{
	typeAuthenticationRequired: "Authentication required",
	typeInvalidPermissions: "Invalid permissions, or the requested model was not found. Check that both your " +
		"user and your token have the required permissions, and that the model names and/or ids are correct.",
	typeRateLimit:            "Rate limit exceeded. Please try again later",
	typeBillingLimit:         "This workspace has reached its monthly limit of API calls.",
	typeIteratorNotAvailable: "The list records iterator is no longer available. Restart listing from the first page.",
	typeInvalidOffset:        "The value of offset is invalid.",
	typeInvalidRequest:       "Invalid request: parameter validation failed. Check your request data.",
	typeServerError:          "An unexpected error occurred.",
}

// response is a complete answer, built before it is written so that a
// fault can cut its body short.
type response struct {
	status int
	header http.Header
	body   []byte
}

func jsonResponse(status int, v any) response {
	body, err := json.Marshal(v)
	if err != nil {
		panic("fakeairtable: " + err.Error()) // a test put a cell in a table that JSON cannot encode
	}
	return response{status: status, header: http.Header{"Content-Type": {"application/json; charset=utf-8"}}, body: body}
}

type errorDetail struct {
	Type    string `json:"type"`
	Message string `json:"message"`
}

// errorResponse is the usual error shape: {"error":{"type","message"}}.
func errorResponse(status int, errType string) response {
	return errorMessage(status, errType, messages[errType])
}

func errorMessage(status int, errType, message string) response {
	return jsonResponse(status, map[string]errorDetail{"error": {Type: errType, Message: message}})
}

// notFound is the other shape, which Airtable sends for an unknown route.
func notFound() response {
	return jsonResponse(http.StatusNotFound, map[string]string{"error": "NOT_FOUND"})
}

// gatewayError is what the proxy in front of Airtable sends: HTML.
func gatewayError(status int) response {
	text := fmt.Sprintf("%d %s", status, http.StatusText(status))
	return response{
		status: status,
		header: http.Header{"Content-Type": {"text/html"}},
		body:   fmt.Appendf(nil, "<html><head><title>%s</title></head><body><center><h1>%s</h1></center></body></html>\n", text, text),
	}
}

// write sends the response; truncated, it declares the full length but
// sends half the body, so the server drops the connection mid-body.
func (resp response) write(w http.ResponseWriter, truncate bool) {
	for k, v := range resp.header {
		w.Header()[k] = v
	}
	body := resp.body
	if truncate && len(body) > 1 {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		body = body[:len(body)/2]
	}
	w.WriteHeader(resp.status)
	_, _ = w.Write(body)
}
