package settings

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"

	"spark.dev/spark/apperr"
	"spark.dev/spark/secure"
)

// addSettingsSeeds seeds a fuzz target of (stored document, body, put).
func addSettingsSeeds(f *testing.F) {
	deep := strings.Repeat(`{"a":`, MaxDepth+1) + "1" + strings.Repeat("}", MaxDepth+1)
	for _, s := range []struct {
		stored, body string
		put          bool
	}{
		{`{}`, `{"theme":"dark"}`, false},
		{`{"theme":"dark","custom":{"a":1}}`, `{"custom":{"a":null,"b":[1,2.5,"x"]}}`, false},
		{`{"theme":"dark","custom":{"a":1}}`, `{"custom":{"b":2},"theme":null}`, true},
		{``, `{"n":1e400}`, true},
		{`{"big":1e400,"theme":"light"}`, `{"theme":"system"}`, false},
		{`null`, `{"theme":"system"}`, true},
		{`[]`, `{"x":1}`, false},
		{`{}`, deep, false},
		{`{}`, `{"integrations":{"notion":{"auth":{"accessToken":"t","scope":"r"},"list":[{"password":"p","n":1}]}}}`, false},
		{`{"integrations":{"notion":{"apiKey":"k","deep":[{"secret":"s"}]}}}`, `{"integrations":{"notion":{"x":1}}}`, false},
		{`{}`, `{"integrations":{"readwise":{"apiKey":"rw-key-12345678"},"airtable":{"baseId":"appABCDEFGHIJKLMN","tableId":"Sparks","apiKey":"pat1234567890"}}}`, true},
		{`{}`, `{"integrations":{"readwise":{"apiKey":"••••5678","isConnected":true}}}`, false},
		{`{}`, `{"scheduledTasks":{"t":{"enabled":true,"frequency":"daily","lastRun":"x"}}}`, false},
		{`{"scheduledTasks":{"t":{"enabled":true}}}`, `{"scheduledTasks":{"t":{"frequency":"weekly"}}}`, false},
		{`{"scheduledTasks":{"t":{"enabled":true,"lastRun":"2025-01-01T00:00:00Z"},"u":{"lastRun":"x"}}}`, `{"scheduledTasks":{"t":{"frequency":"weekly","lastRun":"y"}}}`, true},
		{`{}`, `{"note":"a\u0000b"}`, false},
		{`{}`, `{"tiny":1e-20000,"id":12345678901234567890}`, true},
		{`{}`, `{}`, false},
		{`{"theme":"dark"}`, `{"theme":"purple","integrations":"x"}`, false},
	} {
		f.Add([]byte(s.stored), []byte(s.body), s.put)
	}
}

// decodeBody decodes a request body as the handlers do: one JSON object,
// numbers as json.Number.
func decodeBody(raw []byte) (document, bool) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc document
	if dec.Decode(&doc) != nil || doc == nil || dec.Decode(&struct{}{}) != io.EOF {
		return nil, false
	}
	return doc, true
}

// merge is how a method applies a validated body to the stored document.
func merge(put bool) func(stored, named document) document {
	if put {
		return replaceKeys
	}
	return mergePatch
}

// sameDocument reports whether a and b are the same JSON value.
func sameDocument(t *testing.T, a, b any) bool {
	t.Helper()
	return bytes.Equal(mustMarshal(t, a), mustMarshal(t, b))
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal %v: %v", v, err)
	}
	return raw
}

// wantClientError fails unless err is a 400 whose message starts with one
// of prefixes.
func wantClientError(t *testing.T, err error, prefixes ...string) {
	t.Helper()
	e, ok := errors.AsType[*apperr.Error](err)
	if !ok || e.Code != apperr.Invalid {
		t.Fatalf("refused with %v, want a client error", err)
	}
	for _, p := range prefixes {
		if strings.HasPrefix(e.Message, p) {
			return
		}
	}
	t.Fatalf("refused with %q, want a message starting with one of %q", e.Message, prefixes)
}

// secretPath is the path of a secret-looking field under an integration
// the server does not know, or "" when there is none.
func secretPath(doc map[string]any) string {
	integrations, _ := doc["integrations"].(map[string]any)
	for name, fields := range integrations {
		if knownIntegration(name) {
			continue
		}
		if path := secretIn(fields, "integrations."+name); path != "" {
			return path
		}
	}
	return ""
}

func secretIn(v any, path string) string {
	switch v := v.(type) {
	case map[string]any:
		for k, child := range v {
			if secure.LooksSecret(k) {
				return path + "." + k
			}
			if p := secretIn(child, path+"."+k); p != "" {
				return p
			}
		}
	case []any:
		for i, item := range v {
			if p := secretIn(item, path+"."+strconv.Itoa(i)); p != "" {
				return p
			}
		}
	}
	return ""
}

// unstorable describes a value of v that a write must refuse, or is "":
// a number no double holds (which decode leaves a json.Number) or U+0000,
// which PostgreSQL's JSONB cannot hold.
func unstorable(v any) string {
	switch v := v.(type) {
	case json.Number:
		return "the number " + string(v)
	case string:
		if strings.ContainsRune(v, 0) {
			return "U+0000 in " + strconv.Quote(v)
		}
	case map[string]any:
		for k, child := range v {
			if strings.ContainsRune(k, 0) {
				return "U+0000 in the key " + strconv.Quote(k)
			}
			if u := unstorable(child); u != "" {
				return u
			}
		}
	case []any:
		for _, item := range v {
			if u := unstorable(item); u != "" {
				return u
			}
		}
	}
	return ""
}
