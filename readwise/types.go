package readwise

import "time"

// Book is a Readwise book of any category (books, articles, tweets, podcasts,
// supplementals), as Book LIST or EXPORT returns it.
//
// Null and empty mean the same here: a null string arrives as "" and a null
// time as the zero time, because Readwise itself sends null from one endpoint
// and "" from the other for the same field (source_url, note). Fields that
// only one endpoint sends are zero when the book came from the other. Tags
// is nil when there are none.
type Book struct {
	ID              int64
	Title           string
	Author          string
	ReadableTitle   string // EXPORT only
	Category        string
	Source          string
	NumHighlights   int       // LIST only
	LastHighlightAt time.Time // LIST only
	Updated         time.Time // LIST only
	CoverImageURL   string
	ReadwiseURL     string // the book's page on readwise.io
	SourceURL       string
	UniqueURL       string // EXPORT only
	ASIN            string
	ExternalID      string // EXPORT only, and only for Reader documents
	DocumentNote    string
	Summary         string // EXPORT only
	Tags            []Tag
	Deleted         bool // EXPORT only, with includeDeleted
}

// Highlight is one Readwise highlight, as EXPORT returns it. Nulls follow the
// rules of Book, except the locations: 0 is a real position, so a missing
// one is nil.
type Highlight struct {
	ID            int64
	BookID        int64
	Text          string
	Note          string
	Location      *int64
	LocationType  string // page, order, time_offset, location, offset
	EndLocation   *int64
	Color         string
	URL           string
	HighlightedAt time.Time
	CreatedAt     time.Time
	Updated       time.Time
	Tags          []Tag
	IsFavorite    bool
	IsDiscard     bool
	ExternalID    string
	ReadwiseURL   string
	Deleted       bool // with includeDeleted
}

// Tag is a Readwise tag on a book or a highlight.
type Tag struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// BookQuery selects one page of Book LIST. A non-empty PageURL (the Next of
// the previous page) wins over UpdatedAfter, which it already carries.
type BookQuery struct {
	UpdatedAfter time.Time // zero: every book
	PageURL      string
}

// BookPage is one page of Book LIST. Next is "" on the last page.
type BookPage struct {
	Books []Book
	Count int // books matching the query, over all pages
	Next  string
}

// ExportQuery selects one page of EXPORT. Pass the same UpdatedAfter on
// every page of a walk, with the previous page's NextCursor as Cursor.
type ExportQuery struct {
	UpdatedAfter time.Time // zero: a full export
	Cursor       string
}

// ExportPage is one page of EXPORT. NextCursor is "" on the last page.
type ExportPage struct {
	Books      []ExportedBook
	Count      int
	NextCursor string
}

// ExportedBook is a book with those of its highlights that the export
// selected; a book with many highlights can span several pages.
type ExportedBook struct {
	Book
	Highlights []Highlight
}
