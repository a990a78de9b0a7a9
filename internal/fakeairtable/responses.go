package fakeairtable

import (
	"net/http"

	"spark.dev/spark/internal/fakeapi"
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

func jsonResponse(status int, v any) fakeapi.Response {
	return fakeapi.JSON(status, "application/json; charset=utf-8", v)
}

type errorDetail struct {
	Type    string `json:"type"`
	Message string `json:"message"`
}

// errorResponse is the usual error shape: {"error":{"type","message"}}.
func errorResponse(status int, errType string) fakeapi.Response {
	return errorMessage(status, errType, messages[errType])
}

func errorMessage(status int, errType, message string) fakeapi.Response {
	return jsonResponse(status, map[string]errorDetail{"error": {Type: errType, Message: message}})
}

// notFound is the other shape, which Airtable sends for an unknown route.
func notFound() fakeapi.Response {
	return jsonResponse(http.StatusNotFound, map[string]string{"error": "NOT_FOUND"})
}
