package fakeairtable

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func TestGenerateTableRepeatsForASeed(t *testing.T) {
	a := GenerateTable(7, 300, DefaultTableOptions)
	if b := GenerateTable(7, 300, DefaultTableOptions); !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave two tables")
	}
	if c := GenerateTable(8, 300, DefaultTableOptions); reflect.DeepEqual(a, c) {
		t.Fatal("two seeds gave the same table")
	}
}

var recordID = regexp.MustCompile(`^rec[0-9A-Za-z]{14}$`)

func TestGeneratedRecordsLookLikeAirtables(t *testing.T) {
	records := GenerateTable(1, 500, DefaultTableOptions)
	ids := map[string]bool{}
	for i, r := range records {
		if !recordID.MatchString(r.ID) || ids[r.ID] {
			t.Fatalf("record %d: id %q is malformed or repeated", i, r.ID)
		}
		ids[r.ID] = true
		if i > 0 && !r.CreatedTime.After(records[i-1].CreatedTime) {
			t.Fatalf("record %d was not created after the one before", i)
		}
	}
	s := newServer(t, nil)
	s.AddTable("tok", "appBase", "tblSparks", records) // panics on a repeated id
}

// blank is how the import must see a value: absent, blank, or only blanks.
func blank(v any) bool {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v) == ""
	case []string:
		for _, s := range v {
			if strings.TrimSpace(s) != "" {
				return false
			}
		}
	}
	return true
}

func blankForm(v any, present bool) string {
	switch v := v.(type) {
	case string:
		if v == "" {
			return `""`
		}
		return "whitespace"
	case []string:
		if len(v) == 0 {
			return "[]"
		}
		return "list of blanks"
	}
	if present {
		return "null"
	}
	return "absent"
}

func TestGeneratedDefectsComeInExactFractions(t *testing.T) {
	records := GenerateTable(3, 1000, TableOptions{Missing: 0.04, Duplicates: 0.03})
	for _, field := range []string{FieldUID, FieldContent, FieldCategories, FieldTags} {
		missing, forms := 0, map[string]bool{}
		for _, r := range records {
			v, present := r.Fields[field]
			if !blank(v) {
				continue
			}
			missing++
			forms[blankForm(v, present)] = true
		}
		if missing != 40 {
			t.Errorf("%s: %d records lack it, want 40", field, missing)
		}
		if len(forms) != 3 {
			t.Errorf("%s: lacking in the forms %v, want three", field, forms)
		}
	}

	seen, duplicates := map[string]bool{}, 0
	for _, r := range records {
		uid, _ := r.Fields[FieldUID].(string)
		if blank(uid) {
			continue
		}
		if seen[uid] {
			duplicates++
		}
		seen[uid] = true
	}
	if duplicates != 30 {
		t.Errorf("%d records repeat an earlier uid, want 30", duplicates)
	}
}

func TestCleanTableHasNoDefects(t *testing.T) {
	uids := map[string]bool{}
	for _, r := range GenerateTable(5, 500, TableOptions{UIDPrefix: "x-"}) {
		for _, field := range []string{FieldUID, FieldContent, FieldCategories, FieldTags} {
			if blank(r.Fields[field]) {
				t.Fatalf("record %s lacks %s", r.ID, field)
			}
		}
		uid := r.Fields[FieldUID].(string)
		if uids[uid] || !strings.HasPrefix(uid, "x-") {
			t.Fatalf("uid %q repeated or without its prefix", uid)
		}
		uids[uid] = true
	}
}

func TestTablesWithOnePrefixShareUIDsByPosition(t *testing.T) {
	small, large := GenerateTable(1, 10, TableOptions{}), GenerateTable(2, 20, TableOptions{})
	for i := range small {
		if small[i].Fields[FieldUID] != large[i].Fields[FieldUID] {
			t.Fatalf("position %d: %v and %v", i, small[i].Fields[FieldUID], large[i].Fields[FieldUID])
		}
	}
}

func TestGeneratedContentHoldsEveryShorthandAndNearMiss(t *testing.T) {
	var contents []string
	optional := map[string]int{}
	for _, r := range GenerateTable(9, 500, DefaultTableOptions) {
		if s, ok := r.Fields[FieldContent].(string); ok {
			contents = append(contents, s)
		}
		for _, field := range []string{FieldToDoID, FieldOriginallyCreated} {
			if _, ok := r.Fields[field]; ok {
				optional[field]++
			}
		}
	}
	all := strings.Join(contents, "\x00")
	for _, want := range []string{"xtians", "XTIANS", "xtian ", "Xtian ", "q for", "Q for", "Q FOR", "q:", "Q:",
		"Xtianity", "FAQ for", "Iraq:", "\x00 ", " \x00"} {
		if !strings.Contains(all, want) {
			t.Errorf("no content contains %q", want)
		}
	}
	for _, field := range []string{FieldToDoID, FieldOriginallyCreated} {
		if optional[field] == 0 || optional[field] == 500 {
			t.Errorf("%s is in %d of 500 records, want some but not all", field, optional[field])
		}
	}
}
