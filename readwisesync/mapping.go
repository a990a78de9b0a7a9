package readwisesync

import (
	"spark.dev/spark/readwise"
	"spark.dev/spark/store"
)

// The one place where the API's types become the store's.

func storeBook(b readwise.Book) store.Book {
	return store.Book{
		RWID:            b.ID,
		Title:           b.Title,
		Author:          b.Author,
		ReadableTitle:   b.ReadableTitle,
		Category:        b.Category,
		Source:          b.Source,
		NumHighlights:   b.NumHighlights,
		LastHighlightAt: b.LastHighlightAt,
		Updated:         b.Updated,
		CoverImageURL:   b.CoverImageURL,
		SourceURL:       b.SourceURL,
		ASIN:            b.ASIN,
		DocumentNote:    b.DocumentNote,
		UniqueURL:       b.UniqueURL,
		Summary:         b.Summary,
		ReadwiseURL:     b.ReadwiseURL,
		ExternalID:      b.ExternalID,
		Tags:            tagNames(b.Tags),
	}
}

func storeHighlight(h readwise.Highlight) store.Highlight {
	return store.Highlight{
		RWID:          h.ID,
		BookRWID:      h.BookID,
		Text:          h.Text,
		Note:          h.Note,
		Location:      h.Location,
		EndLocation:   h.EndLocation,
		LocationType:  h.LocationType,
		Color:         h.Color,
		URL:           h.URL,
		ExternalID:    h.ExternalID,
		ReadwiseURL:   h.ReadwiseURL,
		HighlightedAt: h.HighlightedAt,
		CreatedAt:     h.CreatedAt,
		Updated:       h.Updated,
		Tags:          storeTags(h.Tags),
		IsFavorite:    h.IsFavorite,
		IsDiscard:     h.IsDiscard,
	}
}

func storeTags(tags []readwise.Tag) []store.Tag {
	if len(tags) == 0 {
		return nil
	}
	out := make([]store.Tag, len(tags))
	for i, t := range tags {
		out[i] = store.Tag{ID: t.ID, Name: t.Name}
	}
	return out
}

func tagNames(tags []readwise.Tag) []string {
	var names []string // nil for none
	for _, t := range tags {
		names = append(names, t.Name)
	}
	return names
}
