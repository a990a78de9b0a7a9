// Package readwisesync copies a user's Readwise library into the store one
// page at a time. Inngest functions call it inside their steps (one step per
// page, so a retry resumes at the page that failed); the benchmark calls it
// in a loop. Each page is written in one transaction.
package readwisesync

import (
	"context"
	"time"

	"spark.dev/spark/readwise"
	"spark.dev/spark/store"
)

// Syncer moves pages from Readwise to the store.
type Syncer struct {
	Store    store.Store
	Readwise *readwise.Client
}

// BooksProgress is what one page of books did; it is a step's output, so it
// holds counts and a link, never rows.
type BooksProgress struct {
	Next        string    `json:"next,omitempty"`
	Books       int       `json:"books"`
	Imported    int       `json:"imported"`
	Updated     int       `json:"updated"`
	UpdatedSeen time.Time `json:"updatedSeen"`
}

// BooksPage fetches one page of the user's books (Book LIST) and stores it.
func (s *Syncer) BooksPage(ctx context.Context, userID, token string, q readwise.BookQuery) (BooksProgress, error) {
	page, err := s.Readwise.ListBooks(ctx, token, q)
	if err != nil {
		return BooksProgress{}, err
	}
	books := make([]store.Book, len(page.Books))
	progress := BooksProgress{Next: page.Next, Books: len(page.Books)}
	for i, b := range page.Books {
		books[i] = storeBook(b)
		progress.UpdatedSeen = later(progress.UpdatedSeen, b.Updated)
	}
	if progress.Imported, progress.Updated, err = s.Store.UpsertBooks(ctx, userID, books); err != nil {
		return BooksProgress{}, err
	}
	return progress, nil
}

// HighlightsProgress is what one export page did.
type HighlightsProgress struct {
	NextCursor  string    `json:"nextCursor,omitempty"`
	Highlights  int       `json:"highlights"`
	Upserted    int       `json:"upserted"`
	Deleted     int       `json:"deleted"`
	TagsChanged bool      `json:"tagsChanged"`
	UpdatedSeen time.Time `json:"updatedSeen"`
}

// HighlightsPage fetches one export page of the user's highlights (deleted
// ones included) and applies it: upserts, deletions and missing books.
func (s *Syncer) HighlightsPage(ctx context.Context, userID, token string, q readwise.ExportQuery) (HighlightsProgress, error) {
	page, err := s.Readwise.Export(ctx, token, q)
	if err != nil {
		return HighlightsProgress{}, err
	}
	apply := store.HighlightPage{}
	progress := HighlightsProgress{NextCursor: page.NextCursor}
	for _, b := range page.Books {
		if b.Deleted {
			apply.DeletedBooks = append(apply.DeletedBooks, b.ID)
			continue
		}
		apply.Books = append(apply.Books, storeBook(b.Book))
		for _, h := range b.Highlights {
			progress.Highlights++
			progress.UpdatedSeen = later(progress.UpdatedSeen, h.Updated)
			if h.BookID == 0 {
				h.BookID = b.ID
			}
			if h.Deleted {
				apply.Deleted = append(apply.Deleted, h.ID)
				continue
			}
			apply.Highlights = append(apply.Highlights, storeHighlight(h))
		}
	}
	changes, err := s.Store.ApplyHighlights(ctx, userID, apply)
	if err != nil {
		return HighlightsProgress{}, err
	}
	progress.Upserted, progress.Deleted, progress.TagsChanged = changes.Upserted, changes.Deleted, changes.TagsChanged
	return progress, nil
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// Add sums two pages' progress; the link is the later page's.
func (p BooksProgress) Add(next BooksProgress) BooksProgress {
	return BooksProgress{
		Next:        next.Next,
		Books:       p.Books + next.Books,
		Imported:    p.Imported + next.Imported,
		Updated:     p.Updated + next.Updated,
		UpdatedSeen: later(p.UpdatedSeen, next.UpdatedSeen),
	}
}

// Add sums two pages' progress; the cursor is the later page's.
func (p HighlightsProgress) Add(next HighlightsProgress) HighlightsProgress {
	return HighlightsProgress{
		NextCursor:  next.NextCursor,
		Highlights:  p.Highlights + next.Highlights,
		Upserted:    p.Upserted + next.Upserted,
		Deleted:     p.Deleted + next.Deleted,
		TagsChanged: p.TagsChanged || next.TagsChanged,
		UpdatedSeen: later(p.UpdatedSeen, next.UpdatedSeen),
	}
}
