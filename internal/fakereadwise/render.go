package fakereadwise

import (
	"fmt"
	"time"
)

// The JSON shapes below copy Readwise's documented responses, field names
// and nulls included; LIST and EXPORT name several fields differently.

type tagJSON struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

type listBookJSON struct {
	ID              int64     `json:"id"`
	Title           string    `json:"title"`
	Author          *string   `json:"author"`
	Category        string    `json:"category"`
	Source          string    `json:"source"`
	NumHighlights   int       `json:"num_highlights"`
	LastHighlightAt *string   `json:"last_highlight_at"`
	Updated         string    `json:"updated"`
	CoverImageURL   string    `json:"cover_image_url"`
	HighlightsURL   string    `json:"highlights_url"`
	SourceURL       *string   `json:"source_url"`
	ASIN            *string   `json:"asin"`
	Tags            []tagJSON `json:"tags"`
	DocumentNote    string    `json:"document_note"`
}

type listHighlightJSON struct {
	ID            int64     `json:"id"`
	Text          string    `json:"text"`
	Note          string    `json:"note"`
	Location      *int64    `json:"location"`
	LocationType  string    `json:"location_type"`
	HighlightedAt *string   `json:"highlighted_at"`
	URL           *string   `json:"url"`
	Color         string    `json:"color"`
	Updated       string    `json:"updated"`
	BookID        int64     `json:"book_id"`
	Tags          []tagJSON `json:"tags"`
	IsFavorite    bool      `json:"is_favorite"`
	IsDiscard     bool      `json:"is_discard"`
	EndLocation   *int64    `json:"end_location"`
	ExternalID    *string   `json:"external_id"`
	ReadwiseURL   string    `json:"readwise_url"`
}

type exportBookJSON struct {
	UserBookID    int64                 `json:"user_book_id"`
	IsDeleted     bool                  `json:"is_deleted"`
	Title         string                `json:"title"`
	Author        *string               `json:"author"`
	ReadableTitle string                `json:"readable_title"`
	Source        string                `json:"source"`
	CoverImageURL string                `json:"cover_image_url"`
	UniqueURL     string                `json:"unique_url"`
	BookTags      []tagJSON             `json:"book_tags"`
	Category      string                `json:"category"`
	DocumentNote  string                `json:"document_note"`
	Summary       string                `json:"summary"`
	ReadwiseURL   string                `json:"readwise_url"`
	SourceURL     *string               `json:"source_url"`
	ExternalID    string                `json:"external_id,omitempty"` // Reader documents only
	ASIN          *string               `json:"asin"`
	Highlights    []exportHighlightJSON `json:"highlights"`
}

type exportHighlightJSON struct {
	ID            int64     `json:"id"`
	IsDeleted     bool      `json:"is_deleted"`
	Text          string    `json:"text"`
	Location      *int64    `json:"location"`
	LocationType  string    `json:"location_type"`
	Note          *string   `json:"note"`
	Color         string    `json:"color"`
	HighlightedAt *string   `json:"highlighted_at"`
	CreatedAt     string    `json:"created_at"`
	UpdatedAt     string    `json:"updated_at"`
	ExternalID    *string   `json:"external_id"`
	EndLocation   *int64    `json:"end_location"`
	URL           *string   `json:"url"`
	BookID        int64     `json:"book_id"`
	Tags          []tagJSON `json:"tags"`
	IsFavorite    bool      `json:"is_favorite"`
	IsDiscard     bool      `json:"is_discard"`
	ReadwiseURL   string    `json:"readwise_url"`
}

func renderListBook(b Book) listBookJSON {
	return listBookJSON{
		ID:              b.ID,
		Title:           b.Title,
		Author:          b.Author,
		Category:        b.Category,
		Source:          b.Source,
		NumHighlights:   b.NumHighlights,
		LastHighlightAt: formatPtr(b.LastHighlightAt, drfTime),
		Updated:         drfTime(b.Updated),
		CoverImageURL:   b.CoverImageURL,
		HighlightsURL:   bookURL(b.ID),
		SourceURL:       b.SourceURL,
		ASIN:            b.ASIN,
		Tags:            renderTags(b.Tags),
		DocumentNote:    b.DocumentNote,
	}
}

func renderListHighlight(h Highlight) listHighlightJSON {
	return listHighlightJSON{
		ID:            h.ID,
		Text:          h.Text,
		Note:          h.Note,
		Location:      h.Location,
		LocationType:  h.LocationType,
		HighlightedAt: formatPtr(h.HighlightedAt, pythonTime),
		URL:           h.URL,
		Color:         h.Color,
		Updated:       drfTime(h.Updated),
		BookID:        h.BookID,
		Tags:          renderTags(h.Tags),
		IsFavorite:    h.IsFavorite,
		IsDiscard:     h.IsDiscard,
		EndLocation:   h.EndLocation,
		ExternalID:    nullIfEmpty(h.ExternalID),
		ReadwiseURL:   highlightURL(h.ID),
	}
}

func renderExportBook(b Book, highlights []Highlight) exportBookJSON {
	out := exportBookJSON{
		UserBookID:    b.ID,
		Title:         b.Title,
		Author:        b.Author,
		ReadableTitle: b.ReadableTitle,
		Source:        b.Source,
		CoverImageURL: b.CoverImageURL,
		UniqueURL:     b.UniqueURL,
		BookTags:      renderTags(b.Tags),
		Category:      b.Category,
		DocumentNote:  b.DocumentNote,
		Summary:       b.Summary,
		ReadwiseURL:   bookURL(b.ID),
		SourceURL:     b.SourceURL,
		ASIN:          b.ASIN,
		Highlights:    make([]exportHighlightJSON, len(highlights)),
	}
	if b.Source == "reader" {
		out.ExternalID = b.ExternalID
	}
	for i, h := range highlights {
		out.Highlights[i] = exportHighlightJSON{
			ID:            h.ID,
			IsDeleted:     h.Deleted,
			Text:          h.Text,
			Location:      h.Location,
			LocationType:  h.LocationType,
			Note:          nullIfEmpty(h.Note),
			Color:         h.Color,
			HighlightedAt: formatPtr(h.HighlightedAt, jsTime),
			CreatedAt:     jsTime(h.CreatedAt),
			UpdatedAt:     jsTime(h.Updated),
			ExternalID:    nullIfEmpty(h.ExternalID),
			EndLocation:   h.EndLocation,
			URL:           h.URL,
			BookID:        h.BookID,
			Tags:          renderTags(h.Tags),
			IsFavorite:    h.IsFavorite,
			IsDiscard:     h.IsDiscard,
			ReadwiseURL:   highlightURL(h.ID),
		}
	}
	return out
}

// renderTags never returns nil: Readwise sends [] for no tags, not null.
func renderTags(tags []Tag) []tagJSON {
	out := make([]tagJSON, len(tags))
	for i, t := range tags {
		out[i] = tagJSON{ID: t.ID, Name: t.Name}
	}
	return out
}

func bookURL(id int64) string      { return fmt.Sprintf("https://readwise.io/bookreview/%d", id) }
func highlightURL(id int64) string { return fmt.Sprintf("https://readwise.io/open/%d", id) }

func nullIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func formatPtr(t *time.Time, format func(time.Time) string) *string {
	if t == nil {
		return nil
	}
	s := format(*t)
	return &s
}

// Readwise writes dates three ways, and a client must read them all.

// drfTime is Django REST Framework's: microseconds only when non-zero, "Z".
func drfTime(t time.Time) string { return isoTime(t, ".000000") + "Z" }

// pythonTime is Python's isoformat: microseconds only when non-zero, "+00:00".
func pythonTime(t time.Time) string { return isoTime(t, ".000000") + "+00:00" }

// jsTime is JavaScript's toISOString, which EXPORT uses: always milliseconds.
func jsTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000") + "Z" }

func isoTime(t time.Time, fraction string) string {
	if t.Nanosecond() == 0 {
		fraction = ""
	}
	return t.UTC().Format("2006-01-02T15:04:05" + fraction)
}
