package airtableimport

import (
	"regexp"
	"strings"
	"time"

	"spark.dev/spark/airtable"
	"spark.dev/spark/naming"
	"spark.dev/spark/store"
)

// The fields of a sparks table, as Airtable names them.
const (
	fieldUID               = "uid"
	fieldContent           = "content"
	fieldCategories        = "Name (from Categories)"
	fieldTags              = "Name (from Tags)"
	fieldToDoID            = "toDoId"
	fieldOriginallyCreated = "originallyCreated"
)

// skip is why a record is not imported; "" means it is.
type skip string

const (
	noSkip     skip = ""
	noUID      skip = "noUid"
	noContent  skip = "noContent"
	noCategory skip = "noCategory"
	noTags     skip = "noTags"
)

// cleanups expand the abbreviations of the original notes, as whole words
// and in any case, in this order ("xtians" before "xtian").
var cleanups = []struct {
	pattern *regexp.Regexp
	with    string
}{
	{regexp.MustCompile(`(?i)\bxtians\b`), "Christians"},
	{regexp.MustCompile(`(?i)\bxtian\b`), "Christian"},
	{regexp.MustCompile(`(?i)\bq for\b`), "question for"},
	{regexp.MustCompile(`(?i)\bq:`), "question:"},
}

// clean applies the text clean-up to a spark's body.
func clean(text string) string {
	for _, c := range cleanups {
		text = c.pattern.ReplaceAllString(text, c.with)
	}
	return text
}

// parseRecord turns a record into a spark, or says why it is skipped. The
// checks run in the original's order: uid, content, category, tags.
func parseRecord(r airtable.Record) (store.NewSpark, skip) {
	uid := strings.TrimSpace(r.Text(fieldUID))
	if uid == "" {
		return store.NewSpark{}, noUID
	}
	content := strings.TrimSpace(r.Text(fieldContent))
	if content == "" {
		return store.NewSpark{}, noContent
	}
	var category string
	if names := r.List(fieldCategories); len(names) > 0 {
		category = strings.TrimSpace(names[0])
	}
	if naming.Slug(category) == "" {
		return store.NewSpark{}, noCategory
	}
	tags := tagNames(r.List(fieldTags))
	if len(tags) == 0 {
		return store.NewSpark{}, noTags
	}
	return store.NewSpark{
		UID:              uid,
		Body:             clean(content),
		TodoID:           strings.TrimSpace(r.Text(fieldToDoID)),
		TodoCreatedAt:    parseDate(r.Text(fieldOriginallyCreated)),
		AirtableRecordID: r.ID,
		CategoryName:     category,
		CategorySlug:     naming.Slug(category),
		Tags:             tags,
	}, noSkip
}

// tagNames normalizes the non-blank names, once each, in their order.
func tagNames(raw []string) []string {
	var tags []string
	seen := map[string]bool{}
	for _, name := range raw {
		if tag := naming.Tag(name); tag != "" && !seen[tag] {
			seen[tag] = true
			tags = append(tags, tag)
		}
	}
	return tags
}

// parseDate reads an Airtable date or date-time; anything else is "none".
func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}
