package readwise

import (
	"context"
	"net/url"
)

// CheckToken returns nil when Readwise accepts the token (GET /auth/ → 204),
// and an *UnauthorizedError when it does not.
func (c *Client) CheckToken(ctx context.Context, token string) error {
	return c.get(ctx, token, otherBucket, c.endpoint("/auth/", nil), nil)
}

// CountBooks returns how many books the token's library holds, from one Book
// LIST request of one book.
func (c *Client) CountBooks(ctx context.Context, token string) (int, error) {
	var page listResponse[wireBook]
	if err := c.get(ctx, token, listBucket, c.endpoint("/books/", url.Values{"page_size": {"1"}}), &page); err != nil {
		return 0, err
	}
	return page.Count, nil
}

// ListBooks returns one page of Book LIST, up to 1000 books.
func (c *Client) ListBooks(ctx context.Context, token string, q BookQuery) (BookPage, error) {
	u, err := c.listURL("/books/", q.PageURL, q.UpdatedAfter)
	if err != nil {
		return BookPage{}, err
	}
	var page listResponse[wireBook]
	if err := c.get(ctx, token, listBucket, u, &page); err != nil {
		return BookPage{}, err
	}
	books := make([]Book, len(page.Results))
	for i, w := range page.Results {
		books[i] = w.book()
	}
	return BookPage{Books: books, Count: page.Count, Next: page.Next}, nil
}

// Export returns one page of EXPORT: books with their highlights updated
// after q.UpdatedAfter, deleted ones included (Deleted set) so that a sync
// can remove them.
func (c *Client) Export(ctx context.Context, token string, q ExportQuery) (ExportPage, error) {
	query := url.Values{"includeDeleted": {"true"}}
	if !q.UpdatedAfter.IsZero() {
		query.Set("updatedAfter", formatTime(q.UpdatedAfter))
	}
	if q.Cursor != "" {
		query.Set("pageCursor", q.Cursor)
	}
	var page exportResponse
	if err := c.get(ctx, token, otherBucket, c.endpoint("/export/", query), &page); err != nil {
		return ExportPage{}, err
	}
	books := make([]ExportedBook, len(page.Results))
	for i, w := range page.Results {
		books[i] = w.exportedBook()
	}
	return ExportPage{Books: books, Count: page.Count, NextCursor: string(page.NextPageCursor)}, nil
}
