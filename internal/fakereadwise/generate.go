package fakereadwise

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// GenerateLibrary returns a library with the given numbers of books and live
// highlights, identical for the same seed. It mixes what real libraries hold:
// every category, null authors and URLs, tags with awkward names, all
// location types, unicode and long texts, times with and without
// milliseconds. Highlights land on random books, except that every tenth
// book keeps none; asking for highlights without books makes one book.
func GenerateLibrary(seed int64, books, highlights int) *Library {
	g := generator{rng: rand.New(rand.NewPCG(uint64(seed), 0x5eed))}
	l := NewLibrary()
	if highlights > 0 {
		books = max(books, 1)
	}
	at := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	var withHighlights []int64
	for i := range books {
		at = g.after(at, 6*time.Hour)
		b := g.book(l.nextBookID, at)
		l.books[b.ID] = b
		if i%10 != 9 {
			withHighlights = append(withHighlights, b.ID)
		}
		l.nextBookID++
	}
	for range highlights {
		b := l.books[withHighlights[g.rng.IntN(len(withHighlights))]]
		h := g.highlight(l.nextHighlightID, b)
		l.highlights[h.ID] = h
		l.nextHighlightID++
		if h.Updated.After(b.Updated) {
			b.Updated = h.Updated
		}
	}
	for _, b := range l.books {
		if b.Updated.After(l.last) {
			l.last = b.Updated
		}
	}
	return l
}

var (
	titleWords = []string{"Quiet", "Deep Work", "Café", "Über", "Naïve", "日本の庭", "Ωmega", "Habits",
		"Systems", "Émigré", "🚀 Launch", "Σοφία", "Город", "Thinking", "Early Retirement", "العربية", "Extreme"}
	authors = []string{"Jacob Lund Fisker", "Cal Newport", "Zoë Ångström", "村上春樹", "Фёдор Достоевский",
		"José Saramago", "@paulg", "O'Brien & Sons"}
	phrases = []string{"The “quiet” mind notices more.", "Ça va sans dire.", "知識は力なり。",
		"Less, but better — always.", "Ἓν οἶδα ὅτι οὐδὲν οἶδα.", "Write it down 📝 before it's gone.",
		"\"Quotes\" and 'apostrophes' and \\backslashes\\.", "Line one\nline two.", "Ünïcödé everywhere."}
	// Tag names a migration must normalise: spaces, capitals, padding, emoji.
	tagPool = []Tag{{7_000_000_001, "philosophy"}, {7_000_000_002, "Deep Work"}, {7_000_000_003, "to read"},
		{7_000_000_004, "  padded  "}, {7_000_000_005, "Überlegung"}, {7_000_000_006, "🔥"}, {7_000_000_007, "ML/AI"}}
	colors = []string{"yellow", "blue", "pink", "orange", "green", "purple", ""}
	// sources per category, and the location type each source uses.
	sources = map[string][]string{
		"books": {"kindle", "ibooks", "api_book"}, "articles": {"reader", "instapaper", "api_article", "raindrop"},
		"tweets": {"twitter"}, "podcasts": {"airr", "snipd"}, "supplementals": {"supplemental"},
	}
	categories    = []string{"books", "articles", "tweets", "podcasts", "supplementals"}
	locationTypes = map[string]string{
		"kindle": "location", "ibooks": "page", "api_book": "order", "reader": "offset", "instapaper": "order",
		"api_article": "order", "raindrop": "order", "twitter": "order", "airr": "time_offset",
		"snipd": "time_offset", "supplemental": "page",
	}
)

type generator struct {
	rng *rand.Rand
}

func (g generator) oneIn(n int) bool { return g.rng.IntN(n) == 0 }

func (g generator) pick(from []string) string { return from[g.rng.IntN(len(from))] }

// after is a random moment up to limit after t, at millisecond precision,
// and now and then on a whole second so that some dates carry no fraction.
func (g generator) after(t time.Time, limit time.Duration) time.Time {
	t = t.Add(time.Duration(g.rng.Int64N(int64(limit)))).Truncate(time.Millisecond).Add(time.Millisecond)
	if g.oneIn(10) {
		t = t.Truncate(time.Second).Add(time.Second)
	}
	return t
}

func (g generator) book(id int64, created time.Time) *Book {
	category := g.pick(categories)
	b := &Book{
		ID:            id,
		Title:         g.pick(titleWords) + " " + g.pick(titleWords),
		Category:      category,
		Source:        g.pick(sources[category]),
		CoverImageURL: fmt.Sprintf("https://readwise-assets.s3.amazonaws.com/static/images/default-book-icon-%d.png", g.rng.IntN(10)),
		Tags:          g.tags(4, 2),
		Updated:       created,
	}
	b.ReadableTitle = b.Title
	if !g.oneIn(8) {
		b.Author = ptr(g.pick(authors))
	}
	if b.Source == "kindle" {
		b.ASIN = ptr(fmt.Sprintf("B0%08X", g.rng.Uint32()))
	}
	if category != "books" && category != "supplementals" {
		b.SourceURL = ptr(fmt.Sprintf("https://example.org/%s/%d?ref=ü", category, id))
	}
	if category == "articles" {
		b.UniqueURL = *b.SourceURL
		if g.oneIn(2) {
			b.Summary = g.text()
		}
	}
	if b.Source == "reader" {
		b.ExternalID = fmt.Sprintf("01%024x", g.rng.Uint64())
	}
	if g.oneIn(5) {
		b.DocumentNote = g.text()
	}
	return b
}

func (g generator) highlight(id int64, b *Book) *Highlight {
	created := g.after(b.Updated, 90*24*time.Hour)
	h := &Highlight{
		ID:           id,
		BookID:       b.ID,
		Text:         g.text(),
		LocationType: locationTypes[b.Source],
		Color:        g.pick(colors),
		CreatedAt:    created,
		Updated:      created,
		Tags:         g.tags(3, 3),
		IsFavorite:   g.oneIn(10),
		IsDiscard:    g.oneIn(25),
	}
	if g.oneIn(5) {
		h.Updated = g.after(created, 30*24*time.Hour)
	}
	if g.oneIn(4) {
		h.Note = g.text()
	}
	if !g.oneIn(10) {
		h.Location = ptr(g.rng.Int64N(5000))
		if h.LocationType == "offset" {
			h.EndLocation = ptr(*h.Location + int64(len(h.Text)))
		}
	}
	if !g.oneIn(6) {
		h.HighlightedAt = ptr(created)
	}
	if b.Category == "tweets" {
		h.URL = ptr(fmt.Sprintf("https://twitter.com/i/status/%d", g.rng.Uint64()>>1))
	}
	if b.Source == "reader" {
		h.ExternalID = fmt.Sprintf("%024x", g.rng.Uint64())
	}
	return h
}

// text is one to four phrases, and now and then a text of a few thousand
// characters.
func (g generator) text() string {
	parts := make([]string, 1+g.rng.IntN(4))
	for i := range parts {
		parts[i] = g.pick(phrases)
	}
	text := strings.Join(parts, " ")
	if g.oneIn(50) {
		text = strings.Repeat(text+" ", 3000/len(text)+1)
	}
	return text
}

// tags gives one item in oneIn up to most distinct tags from the pool.
func (g generator) tags(oneIn, most int) []Tag {
	if !g.oneIn(oneIn) {
		return nil
	}
	var tags []Tag
	for _, i := range g.rng.Perm(len(tagPool))[:1+g.rng.IntN(most)] {
		tags = append(tags, tagPool[i])
	}
	return tags
}

func ptr[T any](v T) *T { return &v }
