// Package airtableimport imports a user's Airtable table of sparks one page
// at a time. The Inngest function calls it inside its steps, one step per
// page; each page is written in one transaction and importing a page again
// creates nothing new.
package airtableimport

import (
	"context"
	"errors"

	"spark.dev/spark/airtable"
	"spark.dev/spark/credentials"
	"spark.dev/spark/store"
)

// Importer moves pages from Airtable to the store.
type Importer struct {
	Store    store.Store
	Airtable *airtable.Client
}

// Progress is what one page did, or the sum of several: a step's output,
// so it holds counts, an offset and the names created, never records.
type Progress struct {
	Offset            string   `json:"offset,omitempty"`
	Expired           bool     `json:"expired,omitempty"` // Airtable forgot the offset: walk again from the start
	TotalRecords      int      `json:"totalRecords"`
	ImportedRecords   int      `json:"importedRecords"`
	SkippedDuplicates int      `json:"skippedDuplicates"`
	SkippedNoUID      int      `json:"skippedNoUid"`
	SkippedNoContent  int      `json:"skippedNoContent"`
	SkippedNoCategory int      `json:"skippedNoCategory"`
	SkippedNoTags     int      `json:"skippedNoTags"`
	NewCategories     []string `json:"newCategories"`
	NewTags           []string `json:"newTags"`
}

// Page imports the page of the user's table that starts at offset ("" for
// the first). An expired offset is not an error: Progress.Expired says so.
func (im *Importer) Page(ctx context.Context, userID string, cred credentials.Credential, offset string) (Progress, error) {
	page, err := im.Airtable.ListRecords(ctx, cred.Token, cred.BaseID, cred.TableID, offset)
	if errors.Is(err, airtable.ErrIteratorExpired) {
		return Progress{Expired: true}, nil
	}
	if err != nil {
		return Progress{}, err
	}
	p := Progress{Offset: page.Offset, TotalRecords: len(page.Records)}
	var sparks []store.NewSpark
	for _, r := range page.Records {
		spark, why := parseRecord(r)
		switch why {
		case noUID:
			p.SkippedNoUID++
		case noContent:
			p.SkippedNoContent++
		case noCategory:
			p.SkippedNoCategory++
		case noTags:
			p.SkippedNoTags++
		default:
			sparks = append(sparks, spark)
		}
	}
	imported, err := im.Store.ImportSparks(ctx, userID, sparks)
	if err != nil {
		return Progress{}, err
	}
	p.ImportedRecords, p.SkippedDuplicates = imported.Imported, imported.Duplicates
	p.NewCategories, p.NewTags = imported.NewCategories, imported.NewTags
	return p, nil
}

// Add sums two pages' progress; the offset is the later page's.
func (p Progress) Add(next Progress) Progress {
	return Progress{
		Offset:            next.Offset,
		TotalRecords:      p.TotalRecords + next.TotalRecords,
		ImportedRecords:   p.ImportedRecords + next.ImportedRecords,
		SkippedDuplicates: p.SkippedDuplicates + next.SkippedDuplicates,
		SkippedNoUID:      p.SkippedNoUID + next.SkippedNoUID,
		SkippedNoContent:  p.SkippedNoContent + next.SkippedNoContent,
		SkippedNoCategory: p.SkippedNoCategory + next.SkippedNoCategory,
		SkippedNoTags:     p.SkippedNoTags + next.SkippedNoTags,
		NewCategories:     append(append([]string{}, p.NewCategories...), next.NewCategories...),
		NewTags:           append(append([]string{}, p.NewTags...), next.NewTags...),
	}
}
