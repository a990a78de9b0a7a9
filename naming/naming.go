// Package naming holds the rules that turn names people type into the keys
// Spark stores: tag names and category slugs, unique per user.
package naming

import (
	"regexp"
	"strings"
)

var (
	whitespace   = regexp.MustCompile(`\s+`)
	outsideSlug  = regexp.MustCompile(`[^a-z0-9_-]+`)
	repeatedDash = regexp.MustCompile(`-{2,}`)
)

// Tag is a tag's stored name: trimmed, lower-cased, spaces as "-". Runs of
// white space become one "-", so "Deep  Work" and "deep work" are one tag.
func Tag(name string) string {
	return whitespace.ReplaceAllString(strings.ToLower(strings.TrimSpace(name)), "-")
}

// Slug is a category's key, computed as the frontend computes the segment
// of its /category/<slug> routes: trimmed, "&" as "-and-", lower-cased,
// white space runs as "-", only [a-z0-9_-] kept, repeated "-" collapsed,
// trimmed of "-". It can be empty for a name with no letters or digits.
func Slug(name string) string {
	slug := strings.ReplaceAll(strings.TrimSpace(name), "&", "-and-")
	slug = whitespace.ReplaceAllString(strings.ToLower(slug), "-")
	slug = outsideSlug.ReplaceAllString(slug, "")
	slug = repeatedDash.ReplaceAllString(slug, "-")
	return strings.Trim(slug, "-")
}
