package store

import (
	"encoding/json"
	"time"
)

// Tag is a Readwise tag object as Readwise sends it.
type Tag struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// Book is a Readwise book as Spark keeps it. Zero times mean "none".
type Book struct {
	RWID            int64
	Title           string
	Author          string
	ReadableTitle   string
	Category        string
	Source          string
	NumHighlights   int
	LastHighlightAt time.Time
	Updated         time.Time // Readwise's own
	CoverImageURL   string
	SourceURL       string
	ASIN            string
	DocumentNote    string
	UniqueURL       string
	Summary         string
	ReadwiseURL     string
	ExternalID      string
	Tags            []string // the names of its Readwise tags; nil when none: an empty list reads back as nil
}

// Highlight is a Readwise highlight as Spark keeps it.
type Highlight struct {
	RWID          int64
	BookRWID      int64
	Text          string
	Note          string
	Location      *int64 // 0 is a real position; nil is none
	EndLocation   *int64
	LocationType  string
	Color         string
	URL           string
	ExternalID    string
	ReadwiseURL   string
	HighlightedAt time.Time
	CreatedAt     time.Time // Readwise's own
	Updated       time.Time // Readwise's own
	Tags          []Tag     // nil when none: an empty list reads back as nil
	IsFavorite    bool
	IsDiscard     bool
}

// HighlightPage is one page of a highlight export to apply in one transaction.
type HighlightPage struct {
	// Books of the page's highlights, as the export describes them: missing
	// ones are added, existing ones get the export-only fields (ReadableTitle,
	// UniqueURL, Summary, ExternalID) when not empty and keep what Book LIST
	// wrote.
	Books        []Book
	Highlights   []Highlight // inserted or replaced by RWID
	Deleted      []int64     // highlight RWIDs to remove
	DeletedBooks []int64     // book RWIDs to remove, with their highlights
}

// HighlightChanges is what applying a page changed.
type HighlightChanges struct {
	Upserted    int
	Deleted     int  // rows that existed and were removed
	TagsChanged bool // a highlight's tags differ from what was stored (or a tagged one was removed)
}

// FunctionLog is one Inngest run as the user sees it.
type FunctionLog struct {
	ID           string // a uuid
	RunID        string
	FunctionID   string
	FunctionName string
	UserID       string // "" for runs that serve no single user
	EventName    string
	Status       string // "started", "completed" or "failed"
	StartedAt    time.Time
	CompletedAt  time.Time // zero until the run ends
	DurationMS   *int64    // nil until the run ends
	Input        json.RawMessage
	Result       json.RawMessage // latest step output, then the final result
	ErrorMessage string
}

// Function log statuses.
const (
	RunStarted   = "started"
	RunCompleted = "completed"
	RunFailed    = "failed"
)

// FunctionLogOrders are the columns a FunctionLogQuery may order by: the
// original frontend's table sorts by each.
var FunctionLogOrders = []string{"started_at", "completed_at", "duration_ms", "function_name", "status"}

// FunctionLogQuery selects and orders a user's function logs. OrderBy is one
// of FunctionLogOrders; runs not finished yet (NULL completed_at and
// duration_ms) come last either way, and run_id (Inngest's run ids are ULIDs,
// in start order) breaks ties in the same direction.
type FunctionLogQuery struct {
	Limit        int // at least 1
	Offset       int
	FunctionName string // "" = any
	Status       string // "" = any
	OrderBy      string
	Ascending    bool
}
