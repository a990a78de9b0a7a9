package settings

import "testing"

// FuzzParseWrite validates any body and applies it, as PUT or PATCH, to a
// document saved before: validation and merge never panic, a refusal is a
// client's error, and what is accepted round-trips through the saved JSON,
// re-validates to itself, carries no credential, keeps no secret-looking
// field under an unknown integration and holds only what both engines store.
func FuzzParseWrite(f *testing.F) {
	addSettingsSeeds(f)
	f.Fuzz(func(t *testing.T, storedBody, body []byte, put bool) {
		named, ok := decodeBody(body)
		if !ok {
			return
		}
		w, err := parseWrite(named)
		if err != nil {
			wantClientError(t, err, "Invalid settings: ")
			return
		}
		merged := merge(put)(savedBy(storedBody), w.doc)
		raw, err := encode(merged)
		if err != nil {
			wantClientError(t, err, "Settings may ")
			return
		}
		saved := decode(raw)
		if !sameDocument(t, saved, merged) {
			t.Fatalf("saved %s, read back %s", mustMarshal(t, merged), mustMarshal(t, saved))
		}
		again, err := parseWrite(decode(raw))
		if err != nil {
			t.Fatalf("the saved %s does not re-validate: %v", raw, err)
		}
		if !sameDocument(t, again.doc, saved) {
			t.Fatalf("re-validating %s makes %s", raw, mustMarshal(t, again.doc))
		}
		if again.readwiseKey != nil || again.airtableKey != nil || again.baseID != nil || again.tableID != nil {
			t.Fatalf("the saved %s carries a credential", raw)
		}
		if path := secretPath(saved); path != "" {
			t.Fatalf("the saved %s keeps %s", raw, path)
		}
		if u := unstorable(saved); u != "" {
			t.Fatalf("the saved %.300s holds %s", raw, u)
		}
	})
}

// savedBy is the document a PATCH of body saves for a user without
// settings, or none when that PATCH is refused.
func savedBy(body []byte) document {
	named, ok := decodeBody(body)
	if !ok {
		return document{}
	}
	w, err := parseWrite(named)
	if err != nil {
		return document{}
	}
	raw, err := encode(mergePatch(document{}, w.doc))
	if err != nil {
		return document{}
	}
	return decode(raw)
}
