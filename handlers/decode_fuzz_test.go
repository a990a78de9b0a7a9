package handlers

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"spark.dev/spark/apperr"
)

// decodeMessages are the messages decodeJSON may answer a client with.
var decodeMessages = regexp.MustCompile(`^(Request body must be a JSON object|Request body must be a single JSON object|` +
	`Invalid JSON in request body|Invalid JSON: [A-Za-z]+ must be a (string|boolean|number|object|list))$`)

// FuzzDecodeJSON feeds any body to the decoding every handler uses, for the
// settings body and for each trigger body: it never panics, refuses with a
// message written for the client, and accepts only one JSON object (or,
// where every field is optional, no body or null).
func FuzzDecodeJSON(f *testing.F) {
	for _, seed := range []string{
		"", " ", "null", "{}", " {}\n", `{"userId":"u1","apiKey":"k","fullSync":true}`,
		`{"apiKey":"pat1","baseId":"appABCDEFGHIJKLMN","tableId":"Sparks"}`, `{"fullSync":"yes"}`, `{"userId":5}`,
		`{"theme":"dark","n":1e400,"list":[1,{"a":null}]}`, `[]`, `"x"`, `{} {}`, `{}x`, `{"a":`,
		`{"a":"\ud800"}`, "{\"a\":\"\xff\"}", `{"a":` + strings.Repeat("[", 10001),
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		checkDecode[map[string]any](t, body, false)
		checkDecode[readwiseTrigger](t, body, true)
		checkDecode[airtableTrigger](t, body, true)
		checkDecode[userOnly](t, body, true)
	})
}

func checkDecode[T any](t *testing.T, body []byte, optional bool) {
	t.Helper()
	c := echo.New().NewContext(httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body)), httptest.NewRecorder())
	var v T
	if err := decodeJSON(c, &v, optional); err != nil {
		e, ok := errors.AsType[*apperr.Error](err)
		if !ok || e.Code != apperr.Invalid || !decodeMessages.MatchString(e.Message) {
			t.Fatalf("decodeJSON into %T refused %q with %v", v, body, err)
		}
		return
	}
	if trimmed := string(bytes.Trim(body, jsonSpace)); optional && (trimmed == "" || trimmed == "null") {
		return
	}
	var object map[string]json.RawMessage
	if !json.Valid(body) || json.Unmarshal(body, &object) != nil || object == nil {
		t.Fatalf("decodeJSON into %T accepted %q, which is not one JSON object", v, body)
	}
}
