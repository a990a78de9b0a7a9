package store

import (
	"encoding/json"
	"time"
)

// Who created a link between a spark or highlight and a tag or category.
const (
	CreatedByAirtableImport = "airtable-import"
	CreatedByReadwise       = "readwise"
)

// NewSpark is one Airtable record, cleaned and validated, to import.
type NewSpark struct {
	UID              string
	Body             string
	TodoID           string
	TodoCreatedAt    time.Time // zero: none
	AirtableRecordID string
	CategoryName     string // as the table spells it, trimmed
	CategorySlug     string // unique per user
	Tags             []string
}

// SparkImport is what importing one page of sparks did.
type SparkImport struct {
	Imported      int
	Duplicates    int      // sparks whose uid the user already had, or that repeat one earlier in the page
	NewCategories []string // names of the categories created, in the order the page first names them
	NewTags       []string // tags created, in the order the page first names them
}

// Spark is a stored spark with its category and tags, for reading back.
type Spark struct {
	ID               string // a uuid
	UID              string
	Body             string
	TodoID           string
	TodoCreatedAt    time.Time
	AirtableRecordID string
	Categories       []Category // linked categories, by slug
	Tags             []string   // linked tag names, sorted
}

// Category is one of a user's categories.
type Category struct {
	Name string
	Slug string
}

// AirtableState is what Spark knows of a user's Airtable import.
type AirtableState struct {
	IsConnected bool
	LastError   string
	LastImport  json.RawMessage // nil until an import completes
}

// TagMigration is what turning one page of highlights' Readwise tags into
// user tags did.
type TagMigration struct {
	Highlights   int   // highlights looked at
	LastRWID     int64 // where the next page starts
	LinksCreated int
	LinksRemoved int // readwise links whose tag the highlight no longer has
	TagsCreated  int
}

// HighlightTag is one link between a highlight and a tag, for reading back.
type HighlightTag struct {
	HighlightRWID int64
	Tag           string
	CreatedBy     string
}
