package airtableimport

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"spark.dev/spark/airtable"
	"spark.dev/spark/store"
)

func TestClean(t *testing.T) {
	cases := map[string]string{
		"xtians and Xtian":           "Christians and Christian",
		"XTIANS.":                    "Christians.",
		"Xtianity stays":             "Xtianity stays",
		"q for you":                  "question for you",
		"Q For you":                  "question for you",
		"FAQ for you":                "FAQ for you",
		"q: why?":                    "question: why?",
		"Q:why":                      "question:why",
		"Iraq: a country":            "Iraq: a country",
		"the q form":                 "the q form",
		"xtian-ish (xtian)":          "Christian-ish (Christian)",
		"ünïcode xtians — q: ok":     "ünïcode Christians — question: ok",
		"nothing to change at all ✓": "nothing to change at all ✓",
	}
	for in, want := range cases {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}

func record(fields map[string]any) airtable.Record {
	r := airtable.Record{ID: "recTEST", Fields: map[string]json.RawMessage{}}
	for k, v := range fields {
		raw, _ := json.Marshal(v)
		r.Fields[k] = raw
	}
	return r
}

func TestParseRecord(t *testing.T) {
	complete := map[string]any{
		"uid": " u-1 ", "content": "  a q for xtians  ", "Name (from Categories)": []any{" Faith & Works ", "Other"},
		"Name (from Tags)": []any{"Deep Work", " deep  work ", "", "Prayer"}, "toDoId": "todo-9", "originallyCreated": "2024-03-05T10:11:12.000Z",
	}
	with := func(change map[string]any) map[string]any {
		out := map[string]any{}
		for k, v := range complete {
			out[k] = v
		}
		for k, v := range change {
			if v == nil {
				delete(out, k)
			} else {
				out[k] = v
			}
		}
		return out
	}
	want := store.NewSpark{
		UID: "u-1", Body: "a question for Christians", TodoID: "todo-9",
		TodoCreatedAt: time.Date(2024, 3, 5, 10, 11, 12, 0, time.UTC), AirtableRecordID: "recTEST",
		CategoryName: "Faith & Works", CategorySlug: "faith-and-works", Tags: []string{"deep-work", "prayer"},
	}
	got, why := parseRecord(record(complete))
	if why != noSkip || !reflect.DeepEqual(got, want) {
		t.Fatalf("parseRecord = %+v (%q), want %+v", got, why, want)
	}

	skips := []struct {
		name   string
		fields map[string]any
		want   skip
	}{
		{"no uid", with(map[string]any{"uid": nil}), noUID},
		{"blank uid", with(map[string]any{"uid": "   "}), noUID},
		{"no content", with(map[string]any{"content": nil}), noContent},
		{"blank content", with(map[string]any{"content": " \n "}), noContent},
		{"no category", with(map[string]any{"Name (from Categories)": nil}), noCategory},
		{"empty category list", with(map[string]any{"Name (from Categories)": []any{}}), noCategory},
		{"blank first category", with(map[string]any{"Name (from Categories)": []any{" ", "Second"}}), noCategory},
		{"category without letters", with(map[string]any{"Name (from Categories)": []any{"!!!"}}), noCategory},
		{"no tags", with(map[string]any{"Name (from Tags)": nil}), noTags},
		{"only blank tags", with(map[string]any{"Name (from Tags)": []any{" ", ""}}), noTags},
		{"uid checked first", with(map[string]any{"uid": nil, "content": nil, "Name (from Tags)": nil}), noUID},
	}
	for _, c := range skips {
		if _, why := parseRecord(record(c.fields)); why != c.want {
			t.Errorf("%s: skipped as %q, want %q", c.name, why, c.want)
		}
	}

	dateOnly, _ := parseRecord(record(with(map[string]any{"originallyCreated": "2024-03-05", "toDoId": nil})))
	if !dateOnly.TodoCreatedAt.Equal(time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)) || dateOnly.TodoID != "" {
		t.Errorf("a date-only originallyCreated and no toDoId gave %v, %q", dateOnly.TodoCreatedAt, dateOnly.TodoID)
	}
	bad, _ := parseRecord(record(with(map[string]any{"originallyCreated": "yesterday"})))
	if !bad.TodoCreatedAt.IsZero() {
		t.Errorf("an unreadable date gave %v", bad.TodoCreatedAt)
	}
}
