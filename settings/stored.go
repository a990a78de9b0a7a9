package settings

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"spark.dev/spark/apperr"
)

// Limits on a settings document as saved, after the merge: far above what
// the frontend saves, and well within what either engine stores (SQLite's
// JSON nests at most 1000 deep).
const (
	MaxDepth   = 32        // levels of objects and lists, the document the first
	MaxEntries = 10_000    // object members and list items, at every level
	MaxBytes   = 256 << 10 // as JSON
)

// encode is the document as saved, refused when it is past a limit.
func encode(doc document) (json.RawMessage, error) {
	depth, entries := shape(doc)
	if depth > MaxDepth {
		return nil, apperr.New(apperr.Invalid, fmt.Sprintf("Settings may nest at most %d levels deep", MaxDepth))
	}
	if entries > MaxEntries {
		return nil, apperr.New(apperr.Invalid, fmt.Sprintf("Settings may hold at most %d keys and list items", MaxEntries))
	}
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	if len(raw) > MaxBytes {
		return nil, apperr.New(apperr.Invalid, fmt.Sprintf("Settings may take at most %d KiB as JSON", MaxBytes>>10))
	}
	return raw, nil
}

// shape is how deep v nests and how many entries it holds.
func shape(v any) (depth, entries int) {
	var children []any
	switch v := v.(type) {
	case document:
		children = slices.Collect(maps.Values(v))
	case []any:
		children = v
	default:
		return 0, 0
	}
	for _, child := range children {
		d, e := shape(child)
		depth, entries = max(depth, d), entries+1+e
	}
	return depth + 1, entries
}

// decode reads a stored document, which the frontend may have written
// straight into the database, as a write would have left it: numbers
// become doubles, so that a saved document measures the same on every
// engine, and secrets of unknown integrations are dropped. Whatever a
// write would refuse stays as stored (a number no double holds is kept
// verbatim); a document that is not an object Go can read (too deep, an
// array, null) reads as an empty one, which the next write replaces.
func decode(raw json.RawMessage) document {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc document
	if err := dec.Decode(&doc); err != nil || doc == nil {
		return document{}
	}
	cleanValues(doc, "", map[string]string{})
	if integrations, ok := doc["integrations"].(document); ok {
		for name, fields := range integrations {
			if !knownIntegration(name) {
				integrations[name] = withoutSecrets(fields)
			}
		}
	}
	return doc
}
