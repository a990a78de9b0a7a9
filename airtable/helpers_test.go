package airtable_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"spark.dev/spark/airtable"
	"spark.dev/spark/internal/fakeairtable"
)

// token is long and distinctive so that a leak into an error is easy to spot.
const token = "patDoNotLeak.7f3a9c0b1e2d4f6a8c9e"

const (
	baseID  = "appSparkBase00001"
	tableID = "tblSparks00000001"
)

// newFake starts a fake where token may read records in baseID/tableID, and
// a client for it that does not pace (pacing has its own tests). The fake's
// own rate limit is off too, so that tests can send quickly.
func newFake(t *testing.T, records []fakeairtable.Record) (*fakeairtable.Server, *airtable.Client) {
	t.Helper()
	srv := fakeairtable.New()
	t.Cleanup(srv.Close)
	srv.SetLimits(fakeairtable.Limits{})
	srv.AddTable(token, baseID, tableID, records)
	return srv, airtable.New(airtable.Options{BaseURL: srv.URL(), DisablePacing: true})
}

func checkNoToken(t *testing.T, err error) {
	t.Helper()
	if err != nil && strings.Contains(err.Error(), token) {
		t.Fatalf("error holds the token: %v", err)
	}
}

// walk lists every page of a table the way an import does: an expired
// offset starts the walk again from the first page, at most restarts times.
func walk(ctx context.Context, c *airtable.Client, tableID string, restarts int) ([]airtable.Record, int, error) {
	var all []airtable.Record
	offset, pages := "", 0
	for {
		page, err := c.ListRecords(ctx, token, baseID, tableID, offset)
		if errors.Is(err, airtable.ErrIteratorExpired) && restarts > 0 {
			restarts--
			all, offset = nil, ""
			continue
		}
		if err != nil {
			return nil, pages, err
		}
		pages++
		all = append(all, page.Records...)
		if page.Offset == "" {
			return all, pages, nil
		}
		offset = page.Offset
	}
}
