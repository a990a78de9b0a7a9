package fakeairtable

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// Field names of the sparks table that the import reads.
const (
	FieldUID               = "uid"
	FieldContent           = "content"
	FieldCategories        = "Name (from Categories)"
	FieldTags              = "Name (from Tags)"
	FieldToDoID            = "toDoId"
	FieldOriginallyCreated = "originallyCreated"
)

// TableOptions shapes a generated sparks table. The zero value is a clean
// table: every record complete, every uid distinct.
type TableOptions struct {
	// Missing is the fraction of records that lack each required field
	// (uid, content, categories, tags), chosen apart for each field, so a
	// record can lack several. "Lack" takes every form Airtable can give:
	// an absent cell, a blank string, a list of blank strings.
	Missing float64
	// Duplicates is the fraction of records whose uid repeats the uid of an
	// earlier record of the table.
	Duplicates float64
	// UIDPrefix starts every uid; default "spark-". A uid is the prefix and
	// the record's position (a duplicate's is an earlier position's), so two
	// tables with one prefix share the uids of the positions they both have.
	UIDPrefix string
}

// DefaultTableOptions give a table with some of every defect.
var DefaultTableOptions = TableOptions{Missing: 0.05, Duplicates: 0.05}

// GenerateTable returns n records of a sparks table, identical for the same
// seed and options. Contents hold the shorthand the import expands
// ("xtian", "xtians", "q for", "q:") in mixed case, near misses that must
// stay ("Xtianity", "FAQ for", "Iraq:"), unicode and padding; category and
// tag names come in several cases and spacings; toDoId and
// originallyCreated are sometimes absent.
func GenerateTable(seed int64, n int, opts TableOptions) []Record {
	g := generator{rng: rand.New(rand.NewPCG(uint64(seed), 0xa17ab1e))}
	prefix := cmp.Or(opts.UIDPrefix, "spark-")
	records := make([]Record, n)
	created := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range records {
		created = created.Add(time.Duration(1+g.rng.IntN(24*60)) * time.Minute)
		records[i] = g.record(i, prefix, created)
	}
	for _, field := range []string{FieldUID, FieldContent, FieldCategories, FieldTags} {
		for _, i := range g.rng.Perm(n)[:portion(opts.Missing, n)] {
			if blank := g.blank(field); blank == nil {
				delete(records[i].Fields, field)
			} else {
				records[i].Fields[field] = blank
			}
		}
	}
	g.duplicateUIDs(records, opts.Duplicates)
	return records
}

var (
	contents = []string{
		"What do xtians believe about grace?", "Xtian hope in a secular age.", "XTIANS of the early church",
		"an xtian reading of Job", "q for the pastor: how should we pray?", "Q for Sunday: what is hope?",
		"Q FOR small group", "q: why does suffering exist?", "Q: what is faith?", "Notes. q:  follow up later",
		"Xtianity is not a word to expand.", "A FAQ for new members.", "Notes from the Iraq: trip.",
		"Plain thought, nothing to expand.", "Café, naïve, 日本語 and “quotes”.", "Line one\nline two.",
	}
	categories = []string{"Theology", "theology", "  Theology ", "PRAYER", "Prayer", "Church History",
		"church  history", "Books", " books", "Ethics"}
	tags = []string{"grace", "Grace ", " GRACE", "early church", "Early  Church", "hope", "Hope", "q&a",
		"faith-life", "Ünïcode"}
	padding = []string{" ", "  ", "\n", "\t ", " \n "}
)

type generator struct {
	rng *rand.Rand
}

func (g generator) oneIn(n int) bool { return g.rng.IntN(n) == 0 }

func (g generator) record(i int, prefix string, created time.Time) Record {
	fields := map[string]any{
		FieldUID:        fmt.Sprintf("%s%06d", prefix, i),
		FieldContent:    g.content(),
		FieldCategories: g.names(categories, 3),
		FieldTags:       g.names(tags, 4),
	}
	if !g.oneIn(3) {
		fields[FieldToDoID] = fmt.Sprintf("%d", 100000+g.rng.IntN(900000))
	}
	if !g.oneIn(4) {
		at := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(g.rng.Int64N(int64(8 * 365 * 24 * time.Hour))))
		fields[FieldOriginallyCreated] = at.Format(airtableTime)
	}
	return Record{ID: fmt.Sprintf("rec%s%08d", g.letters(6), i), CreatedTime: created, Fields: fields}
}

// content is one or two phrases, padded with whitespace now and then.
func (g generator) content() string {
	text := contents[g.rng.IntN(len(contents))]
	if g.oneIn(3) {
		text += " " + contents[g.rng.IntN(len(contents))]
	}
	if g.oneIn(4) {
		text = padding[g.rng.IntN(len(padding))] + text + padding[g.rng.IntN(len(padding))]
	}
	return text
}

// names is one to most distinct entries of pool, which holds the same
// name in several cases and spacings.
func (g generator) names(pool []string, most int) []string {
	var out []string
	for _, i := range g.rng.Perm(len(pool))[:1+g.rng.IntN(most)] {
		out = append(out, pool[i])
	}
	return out
}

// blank is one of the ways Airtable shows a field without a value.
func (g generator) blank(field string) any {
	variant := g.rng.IntN(3)
	if field == FieldUID || field == FieldContent {
		return []any{nil, "", padding[g.rng.IntN(len(padding))]}[variant]
	}
	return []any{nil, []string{}, []string{"", padding[g.rng.IntN(len(padding))]}}[variant]
}

// portion is round(fraction·n), within 0 and n.
func portion(fraction float64, n int) int {
	return max(0, min(n, int(math.Round(fraction*float64(n)))))
}

// duplicateUIDs gives a fraction of the records with a uid the uid of an
// earlier record that has one, so each of them is a duplicate within the
// table.
func (g generator) duplicateUIDs(records []Record, fraction float64) {
	var withUID []int
	for i, r := range records {
		if s, ok := r.Fields[FieldUID].(string); ok && strings.TrimSpace(s) != "" {
			withUID = append(withUID, i)
		}
	}
	if len(withUID) < 2 {
		return
	}
	later := withUID[1:]
	var chosen []int
	for _, k := range g.rng.Perm(len(later))[:min(len(later), portion(fraction, len(records)))] {
		chosen = append(chosen, later[k])
	}
	slices.Sort(chosen)
	for _, i := range chosen {
		earlier := withUID[:slices.Index(withUID, i)]
		records[i].Fields[FieldUID] = records[earlier[g.rng.IntN(len(earlier))]].Fields[FieldUID]
	}
}

func (g generator) letters(n int) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[g.rng.IntN(len(alphabet))]
	}
	return string(b)
}
