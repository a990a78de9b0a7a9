package fakereadwise

import (
	"cmp"
	"errors"
	"slices"
	"sync"
	"time"
)

// ErrNotFound is returned by a mutator given an id the library does not hold
// (a deleted highlight counts as gone).
var ErrNotFound = errors.New("fakereadwise: no such book or highlight")

// Tag is a Readwise tag on a book or a highlight.
type Tag struct {
	ID   int64
	Name string
}

// Book is a book as the fake stores it. Pointer fields are the ones Readwise
// sends as null when empty.
type Book struct {
	ID            int64
	Title         string
	Author        *string
	ReadableTitle string
	Category      string // books, articles, tweets, supplementals, podcasts
	Source        string // kindle, reader, api_article, ...
	CoverImageURL string
	SourceURL     *string
	UniqueURL     string
	ASIN          *string
	ExternalID    string // EXPORT sends it only when Source is "reader"
	DocumentNote  string
	Summary       string
	Tags          []Tag
	Updated       time.Time

	// Derived from the live highlights when read; ignored when written.
	NumHighlights   int
	LastHighlightAt *time.Time
}

// Highlight is a highlight as the fake stores it.
type Highlight struct {
	ID            int64
	BookID        int64
	Text          string
	Note          string // LIST sends "" and EXPORT null when empty, as Readwise does
	Location      *int64
	LocationType  string // page, order, time_offset, location, offset
	EndLocation   *int64
	Color         string
	URL           *string
	HighlightedAt *time.Time
	CreatedAt     time.Time
	Updated       time.Time
	Tags          []Tag
	IsFavorite    bool
	IsDiscard     bool
	ExternalID    string
	Deleted       bool
}

// Library is one Readwise account's books and highlights. Every change
// stamps Updated from a clock that never goes back, so an incremental sync
// that asks for "updated after the newest I saw" sees every change.
// It is safe for concurrent use.
type Library struct {
	mu              sync.Mutex
	books           map[int64]*Book
	highlights      map[int64]*Highlight
	nextBookID      int64
	nextHighlightID int64
	last            time.Time // the newest timestamp handed out
	cached          *snapshot // nil after a change; read-only once built
}

// snapshot is a copy of the whole library in the orders the endpoints
// answer in. It is built once per version of the library, so a walk over a
// large library does not copy and sort it again for every page.
type snapshot struct {
	books       []Book      // by id
	highlights  []Highlight // by id, deleted ones included
	exportOrder []Highlight // by book, then id, deleted ones included
	bookByID    map[int64]Book

	// exports are the export walks' selections by their filters, so that
	// each page of a walk costs its own rows, not the whole library's.
	mu      sync.Mutex
	exports map[string]*exportSelection
}

// exportSelection is what one export filter selects of a snapshot.
type exportSelection struct {
	highlights []*Highlight // in export order; pointers into the snapshot
	books      int          // distinct books among them
}

// exportSelection returns the selection of filter (a key of its
// parameters), building it with selectAll the first time.
func (s *snapshot) exportSelection(filter string, selectAll func() *exportSelection) *exportSelection {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sel, ok := s.exports[filter]; ok {
		return sel
	}
	sel := selectAll()
	s.exports[filter] = sel
	return sel
}

// Ids start above what 32 bits hold, so a client that truncates ids fails.
const (
	firstBookID      = 3_000_000_001
	firstHighlightID = 5_000_000_001
)

// NewLibrary returns an empty library.
func NewLibrary() *Library {
	return &Library{
		books:           map[int64]*Book{},
		highlights:      map[int64]*Highlight{},
		nextBookID:      firstBookID,
		nextHighlightID: firstHighlightID,
	}
}

// tick returns the wall clock at Readwise-like millisecond precision, moved
// past the last timestamp when the wall clock has not advanced. Every change
// calls it, so it also drops the cached snapshot.
func (l *Library) tick() time.Time {
	l.cached = nil
	t := time.Now().UTC().Truncate(time.Millisecond)
	if !t.After(l.last) {
		t = l.last.Add(time.Millisecond)
	}
	l.last = t
	return t
}

// AddBook stores a copy of b under a new id and returns it as stored.
func (l *Library) AddBook(b Book) Book {
	l.mu.Lock()
	defer l.mu.Unlock()
	b = b.clone()
	b.ID, b.NumHighlights, b.LastHighlightAt = l.nextBookID, 0, nil
	l.nextBookID++
	b.Updated = l.tick()
	l.books[b.ID] = &b
	return b.clone()
}

// EditBook applies change to the book and stamps its Updated. change runs
// under the library's lock, so it must not call the library.
func (l *Library) EditBook(id int64, change func(*Book)) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.books[id]
	if !ok {
		return ErrNotFound
	}
	edited := b.clone()
	change(&edited)
	edited.ID = id
	edited.Updated = l.tick()
	*b = edited
	return nil
}

// AddHighlight stores a copy of h in the book under a new id and returns it
// as stored. The book's Updated moves too: its highlight count changed.
func (l *Library) AddHighlight(bookID int64, h Highlight) (Highlight, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.books[bookID]
	if !ok {
		return Highlight{}, ErrNotFound
	}
	h = h.clone().withReadwisePrecision()
	h.ID, h.BookID, h.Deleted = l.nextHighlightID, bookID, false
	l.nextHighlightID++
	h.CreatedAt = l.tick()
	h.Updated = h.CreatedAt
	b.Updated = h.CreatedAt
	l.highlights[h.ID] = &h
	return h.clone(), nil
}

// EditHighlight replaces the text of a live highlight and stamps its Updated.
func (l *Library) EditHighlight(id int64, text string) error {
	return l.UpdateHighlight(id, func(h *Highlight) { h.Text = text })
}

// UpdateHighlight applies change to a live highlight (its id, book, creation
// time and deletion are kept) and stamps its Updated. change runs under the
// library's lock, so it must not call the library.
func (l *Library) UpdateHighlight(id int64, change func(*Highlight)) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	h, ok := l.highlights[id]
	if !ok || h.Deleted {
		return ErrNotFound
	}
	edited := h.clone()
	change(&edited)
	edited = edited.withReadwisePrecision()
	edited.ID, edited.BookID, edited.CreatedAt, edited.Deleted = h.ID, h.BookID, h.CreatedAt, false
	edited.Updated = l.tick()
	*h = edited
	return nil
}

// DeleteHighlight removes a highlight from LIST; EXPORT keeps reporting it
// with is_deleted when asked to includeDeleted. The book's Updated moves.
func (l *Library) DeleteHighlight(id int64) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	h, ok := l.highlights[id]
	if !ok || h.Deleted {
		return ErrNotFound
	}
	h.Deleted = true
	h.Updated = l.tick()
	l.books[h.BookID].Updated = h.Updated
	return nil
}

// Books returns every book, sorted by id, with NumHighlights and
// LastHighlightAt filled in.
func (l *Library) Books() []Book {
	var books []Book
	for _, b := range l.snapshot().books {
		books = append(books, b.clone())
	}
	return books
}

// Highlights returns the live (not deleted) highlights, sorted by id.
func (l *Library) Highlights() []Highlight {
	var live []Highlight
	for _, h := range l.snapshot().highlights {
		if !h.Deleted {
			live = append(live, h.clone())
		}
	}
	return live
}

// snapshot returns the library as it is now, building the copy when the
// library changed since the last one. Callers must not modify it.
func (l *Library) snapshot() *snapshot {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cached != nil {
		return l.cached
	}
	highlights := make([]Highlight, 0, len(l.highlights))
	counts := map[int64]int{}
	lastAt := map[int64]time.Time{}
	for _, h := range l.highlights {
		highlights = append(highlights, h.clone())
		if h.Deleted {
			continue
		}
		counts[h.BookID]++
		if h.HighlightedAt != nil && h.HighlightedAt.After(lastAt[h.BookID]) {
			lastAt[h.BookID] = *h.HighlightedAt
		}
	}
	books := make([]Book, 0, len(l.books))
	for _, b := range l.books {
		out := b.clone()
		out.NumHighlights, out.LastHighlightAt = counts[b.ID], nil
		if t, ok := lastAt[b.ID]; ok {
			out.LastHighlightAt = &t
		}
		books = append(books, out)
	}
	slices.SortFunc(books, func(a, b Book) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(highlights, func(a, b Highlight) int { return cmp.Compare(a.ID, b.ID) })
	exportOrder := slices.Clone(highlights)
	slices.SortFunc(exportOrder, func(a, b Highlight) int { return keyOf(a).compare(keyOf(b)) })
	bookByID := make(map[int64]Book, len(books))
	for _, b := range books {
		bookByID[b.ID] = b
	}
	l.cached = &snapshot{books: books, highlights: highlights, exportOrder: exportOrder, bookByID: bookByID, exports: map[string]*exportSelection{}}
	return l.cached
}

func (b Book) clone() Book {
	b.Author, b.SourceURL, b.ASIN = clonePtr(b.Author), clonePtr(b.SourceURL), clonePtr(b.ASIN)
	b.LastHighlightAt = clonePtr(b.LastHighlightAt)
	b.Tags = slices.Clone(b.Tags)
	return b
}

func (h Highlight) clone() Highlight {
	h.Location, h.EndLocation = clonePtr(h.Location), clonePtr(h.EndLocation)
	h.URL, h.HighlightedAt = clonePtr(h.URL), clonePtr(h.HighlightedAt)
	h.Tags = slices.Clone(h.Tags)
	return h
}

// withReadwisePrecision cuts a caller's times to milliseconds, the finest
// that every endpoint's date format carries, so all endpoints agree.
func (h Highlight) withReadwisePrecision() Highlight {
	if h.HighlightedAt != nil {
		t := h.HighlightedAt.UTC().Truncate(time.Millisecond)
		h.HighlightedAt = &t
	}
	return h
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
