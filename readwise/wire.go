package readwise

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// This file is the one place that knows how LIST and EXPORT name their
// fields. Both decode books into one wire struct, which holds every
// spelling, and convert to Book; highlights come from EXPORT alone.

type listResponse[T any] struct {
	Count   int    `json:"count"`
	Next    string `json:"next"`
	Results []T    `json:"results"`
}

type exportResponse struct {
	Count          int        `json:"count"`
	NextPageCursor wireCursor `json:"nextPageCursor"`
	Results        []wireBook `json:"results"`
}

type wireBook struct {
	ID              int64           `json:"id"`           // LIST
	UserBookID      int64           `json:"user_book_id"` // EXPORT
	Title           string          `json:"title"`
	Author          string          `json:"author"`
	ReadableTitle   string          `json:"readable_title"`
	Category        string          `json:"category"`
	Source          string          `json:"source"`
	NumHighlights   int             `json:"num_highlights"`
	LastHighlightAt wireTime        `json:"last_highlight_at"`
	Updated         wireTime        `json:"updated"`
	CoverImageURL   string          `json:"cover_image_url"`
	HighlightsURL   string          `json:"highlights_url"` // LIST
	ReadwiseURL     string          `json:"readwise_url"`   // EXPORT
	SourceURL       string          `json:"source_url"`
	UniqueURL       string          `json:"unique_url"`
	ASIN            string          `json:"asin"`
	ExternalID      string          `json:"external_id"`
	DocumentNote    string          `json:"document_note"`
	Summary         string          `json:"summary"`
	Tags            []Tag           `json:"tags"`      // LIST
	BookTags        []Tag           `json:"book_tags"` // EXPORT
	IsDeleted       bool            `json:"is_deleted"`
	Highlights      []wireHighlight `json:"highlights"` // EXPORT
}

type wireHighlight struct {
	ID            int64    `json:"id"`
	BookID        int64    `json:"book_id"`
	Text          string   `json:"text"`
	Note          string   `json:"note"`
	Location      *int64   `json:"location"`
	LocationType  string   `json:"location_type"`
	EndLocation   *int64   `json:"end_location"`
	Color         string   `json:"color"`
	URL           string   `json:"url"`
	HighlightedAt wireTime `json:"highlighted_at"`
	CreatedAt     wireTime `json:"created_at"`
	UpdatedAt     wireTime `json:"updated_at"`
	Tags          []Tag    `json:"tags"`
	IsFavorite    bool     `json:"is_favorite"`
	IsDiscard     bool     `json:"is_discard"`
	ExternalID    string   `json:"external_id"`
	ReadwiseURL   string   `json:"readwise_url"`
	IsDeleted     bool     `json:"is_deleted"`
}

func (w wireBook) book() Book {
	return Book{
		ID:              firstNonZero(w.UserBookID, w.ID),
		Title:           w.Title,
		Author:          w.Author,
		ReadableTitle:   w.ReadableTitle,
		Category:        w.Category,
		Source:          w.Source,
		NumHighlights:   w.NumHighlights,
		LastHighlightAt: w.LastHighlightAt.time(),
		Updated:         w.Updated.time(),
		CoverImageURL:   w.CoverImageURL,
		ReadwiseURL:     firstNonZero(w.ReadwiseURL, w.HighlightsURL),
		SourceURL:       w.SourceURL,
		UniqueURL:       w.UniqueURL,
		ASIN:            w.ASIN,
		ExternalID:      w.ExternalID,
		DocumentNote:    w.DocumentNote,
		Summary:         w.Summary,
		Tags:            tagsOf(w.BookTags, w.Tags),
		Deleted:         w.IsDeleted,
	}
}

func (w wireBook) exportedBook() ExportedBook {
	highlights := make([]Highlight, len(w.Highlights))
	for i, h := range w.Highlights {
		highlights[i] = h.highlight()
	}
	return ExportedBook{Book: w.book(), Highlights: highlights}
}

func (w wireHighlight) highlight() Highlight {
	return Highlight{
		ID:            w.ID,
		BookID:        w.BookID,
		Text:          w.Text,
		Note:          w.Note,
		Location:      w.Location,
		LocationType:  w.LocationType,
		EndLocation:   w.EndLocation,
		Color:         w.Color,
		URL:           w.URL,
		HighlightedAt: w.HighlightedAt.time(),
		CreatedAt:     w.CreatedAt.time(),
		Updated:       w.UpdatedAt.time(),
		Tags:          tagsOf(w.Tags),
		IsFavorite:    w.IsFavorite,
		IsDiscard:     w.IsDiscard,
		ExternalID:    w.ExternalID,
		ReadwiseURL:   w.ReadwiseURL,
		Deleted:       w.IsDeleted,
	}
}

// firstNonZero picks the spelling of a field that the endpoint filled in.
func firstNonZero[T comparable](preferred, fallback T) T {
	var zero T
	if preferred != zero {
		return preferred
	}
	return fallback
}

// tagsOf returns the first non-empty list, or nil: "no tags" is one value
// however an endpoint spells it.
func tagsOf(lists ...[]Tag) []Tag {
	for _, tags := range lists {
		if len(tags) > 0 {
			return tags
		}
	}
	return nil
}

// wireTime accepts every date shape Readwise sends: RFC 3339 with
// microseconds, milliseconds or no fraction, "Z" or "+00:00", and null or "".
type wireTime time.Time

// zoneless covers datetimes without an offset, which Readwise means as UTC.
const zoneless = "2006-01-02T15:04:05.999999999"

func (t *wireTime) UnmarshalJSON(b []byte) error {
	var s *string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("date %s: %w", b, err)
	}
	if s == nil || *s == "" {
		*t = wireTime{}
		return nil
	}
	parsed, err := time.Parse(time.RFC3339Nano, *s)
	if err != nil {
		parsed, err = time.Parse(zoneless, *s)
	}
	if err != nil {
		return fmt.Errorf("date %q is not ISO 8601", *s)
	}
	*t = wireTime(parsed.UTC())
	return nil
}

func (t wireTime) time() time.Time { return time.Time(t) }

// wireCursor is nextPageCursor, which clients in the wild see both as a
// string and as a number; either way it is only passed back.
type wireCursor string

func (c *wireCursor) UnmarshalJSON(b []byte) error {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	switch v := v.(type) {
	case nil:
		*c = ""
	case string:
		*c = wireCursor(v)
	case float64:
		*c = wireCursor(strings.TrimSpace(string(b)))
	default:
		return fmt.Errorf("nextPageCursor %s is neither a string nor a number", b)
	}
	return nil
}

// formatTime writes a filter datetime the way Readwise writes its own: UTC,
// "Z", microseconds at most. Extra digits are cut, never rounded up, so an
// exclusive "after" filter can only return more, never fewer.
func formatTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.999999Z07:00")
}
