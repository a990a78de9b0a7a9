package e2e

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"spark.dev/spark/internal/fakeairtable"
	"spark.dev/spark/naming"
	"spark.dev/spark/store"
)

// importModel is what importing a table must give, worked out here from the
// records without the app's code (but for the naming rules, tested apart).
type importModel struct {
	counts     map[string]int         // the run's counters by result key
	sparks     map[string]store.Spark // by uid
	categories map[string]string      // slug → the first name seen
	tags       map[string]bool
}

var modelCleanups = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`(?i)\bxtians\b`), "Christians"},
	{regexp.MustCompile(`(?i)\bxtian\b`), "Christian"},
	{regexp.MustCompile(`(?i)\bq for\b`), "question for"},
	{regexp.MustCompile(`(?i)\bq:`), "question:"},
}

func modelImport(records []fakeairtable.Record) importModel {
	m := importModel{counts: map[string]int{"totalRecords": len(records)}, sparks: map[string]store.Spark{},
		categories: map[string]string{}, tags: map[string]bool{}}
	todoIDs := map[string]bool{}
	for _, r := range records {
		uid := strings.TrimSpace(cellText(r.Fields[fakeairtable.FieldUID]))
		content := strings.TrimSpace(cellText(r.Fields[fakeairtable.FieldContent]))
		cats := cellList(r.Fields[fakeairtable.FieldCategories])
		category := ""
		if len(cats) > 0 {
			category = strings.TrimSpace(cats[0])
		}
		var tags []string
		for _, t := range cellList(r.Fields[fakeairtable.FieldTags]) {
			if tag := naming.Tag(t); tag != "" && !slices.Contains(tags, tag) {
				tags = append(tags, tag)
			}
		}
		switch {
		case uid == "":
			m.counts["skippedNoUid"]++
		case content == "":
			m.counts["skippedNoContent"]++
		case naming.Slug(category) == "":
			m.counts["skippedNoCategory"]++
		case len(tags) == 0:
			m.counts["skippedNoTags"]++
		case m.sparks[uid].UID != "":
			m.counts["skippedDuplicates"]++
		default:
			m.counts["importedRecords"]++
			for _, c := range modelCleanups {
				content = c.re.ReplaceAllString(content, c.with)
			}
			slug := naming.Slug(category)
			if _, ok := m.categories[slug]; !ok {
				m.categories[slug] = category
			}
			for _, tag := range tags {
				m.tags[tag] = true
			}
			slices.Sort(tags)
			// A to-do id is unique per user: the first spark to bring one keeps it.
			todoID := strings.TrimSpace(cellText(r.Fields[fakeairtable.FieldToDoID]))
			if todoIDs[todoID] {
				todoID = ""
			}
			todoIDs[todoID] = true
			m.sparks[uid] = store.Spark{UID: uid, Body: content, TodoID: todoID,
				TodoCreatedAt: cellTime(r.Fields[fakeairtable.FieldOriginallyCreated]), AirtableRecordID: r.ID,
				Categories: []store.Category{{Slug: slug}}, Tags: tags}
		}
	}
	m.counts["newCategories"], m.counts["newTags"] = len(m.categories), len(m.tags)
	return m
}

// assertImported fails unless the user's sparks, categories and tags in
// the database at path are exactly the model's.
func assertImported(t *testing.T, databaseURL, userID string, m importModel) {
	t.Helper()
	st := openDB(t, databaseURL)
	defer st.Close()
	ctx := context.Background()
	sparks := allRows(t, func(after string) ([]store.Spark, error) { return st.Sparks(ctx, userID, after, 1000) },
		func(s store.Spark) string { return s.UID })
	if len(sparks) != len(m.sparks) {
		t.Fatalf("%s has %d sparks, want %d", userID, len(sparks), len(m.sparks))
	}
	for _, got := range sparks {
		want, ok := m.sparks[got.UID]
		if !ok {
			t.Fatalf("%s has an unexpected spark %q", userID, got.UID)
		}
		want.ID = got.ID
		want.Categories[0].Name = m.categories[want.Categories[0].Slug]
		if diff := compare(want, got); diff != "" {
			t.Fatalf("%s's spark %s differs: %s", userID, got.UID, diff)
		}
	}
	categories, err := st.Categories(ctx, userID)
	if err != nil {
		t.Fatal(err)
	}
	if len(categories) != len(m.categories) {
		t.Fatalf("%s has categories %v, want %v", userID, categories, m.categories)
	}
	for _, c := range categories {
		if m.categories[c.Slug] != c.Name {
			t.Errorf("%s's category %q is named %q, want %q", userID, c.Slug, c.Name, m.categories[c.Slug])
		}
	}
	tags, err := st.TagNames(ctx, userID)
	if err != nil {
		t.Fatal(err)
	}
	if len(tags) != len(m.tags) {
		t.Fatalf("%s has tags %v, want %v", userID, tags, m.tags)
	}
	for _, tag := range tags {
		if !m.tags[tag] {
			t.Errorf("%s has an unexpected tag %q", userID, tag)
		}
	}
}

func cellText(v any) string {
	s, _ := v.(string)
	return s
}

func cellList(v any) []string {
	switch list := v.(type) {
	case []string:
		return list
	case []any:
		var out []string
		for _, item := range list {
			if s, ok := item.(string); ok {
				out = append(out, s)
			}
		}
		return out
	case string:
		return []string{list}
	}
	return nil
}

func cellTime(v any) time.Time {
	s := strings.TrimSpace(cellText(v))
	for _, layout := range []string{time.RFC3339Nano, time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}
