package inngest

import (
	"time"

	"github.com/inngest/inngestgo"

	"spark.dev/spark/airtableimport"
	"spark.dev/spark/readwisesync"
)

// Event names (docs/events.md). Each has one data type below.
const (
	EventCountBooks         = "readwise/count-books"
	EventFetchBooks         = "readwise/fetch-books" // the name the first version's docs used
	EventTestConnection     = "readwise/test-connection"
	EventSyncBooks          = "readwise/sync-books"
	EventSyncHighlights     = "readwise/sync-highlights"
	EventListRequest        = "readwise/list-request" // the trigger of a function that is only invoked
	EventImportSparks       = "airtable/import-sparks"
	EventAirtablePage       = "airtable/page-request" // the trigger of a function that is only invoked
	EventMigrateTags        = "tags/migrate-highlight-tags"
	EventDailySyncRequested = "scheduled/daily-sync.requested"
	EventGenerateEmbeddings = "embeddings/generate-highlight-embeddings"

	EventTagRandomHighlights        = "automations/tag-random-highlights"
	EventCategorizeRandomHighlights = "automations/categorize-random-highlights"
	EventScheduledTasksRequested    = "scheduled-tasks/manual-trigger" // the original's name
)

// Scopes of a requested daily sync.
const (
	ScheduleScopeAll  = "all"
	ScheduleScopeSelf = "self"
)

// Data is the payload of one event type. Events carry user ids and flags,
// never credentials: functions load those from the store inside their steps.
type Data interface {
	EventName() string
}

// CountBooks asks for a count of the user's Readwise books.
type CountBooks struct {
	UserID string `json:"userId"`
}

// TestConnection asks whether the user's Readwise token works.
type TestConnection struct {
	UserID string `json:"userId"`
}

// SyncBooks asks for the user's Readwise books to be copied.
type SyncBooks struct {
	UserID   string `json:"userId"`
	FullSync bool   `json:"fullSync,omitempty"`
}

// SyncHighlights asks for the user's Readwise highlights to be copied.
// Resume is set only by the sync itself, when one run's page budget ran out
// and the next run carries the walk on.
type SyncHighlights struct {
	UserID   string                      `json:"userId"`
	FullSync bool                        `json:"fullSync,omitempty"`
	Resume   *readwisesync.HighlightWalk `json:"resume,omitempty"`
}

// ListRequest asks for one Readwise LIST request for the user: the count
// (page_size=1) when Count is set, else one Book LIST page, stored. It names
// the page by query, never by credential.
type ListRequest struct {
	UserID       string    `json:"userId"`
	Count        bool      `json:"count,omitempty"`
	UpdatedAfter time.Time `json:"updatedAfter,omitzero"`
	PageURL      string    `json:"pageUrl,omitempty"`
}

// Data is r as an invoked run's event data, the map its JSON decodes to,
// built without encoding it: count-books invokes on every request of its
// run.
func (r ListRequest) Data() map[string]any {
	data := map[string]any{"userId": r.UserID}
	if r.Count {
		data["count"] = true
	}
	if !r.UpdatedAfter.IsZero() {
		data["updatedAfter"] = r.UpdatedAfter
	}
	if r.PageURL != "" {
		data["pageUrl"] = r.PageURL
	}
	return data
}

// ImportSparks asks for the user's Airtable table to be imported. Resume
// is set only by the import itself, when one run's page budget ran out and
// the next run carries the walk on.
type ImportSparks struct {
	UserID string               `json:"userId"`
	Resume *airtableimport.Walk `json:"resume,omitempty"`
}

// AirtablePage asks for one page of the user's Airtable table, from
// Offset ("" = the first), imported.
type AirtablePage struct {
	UserID string `json:"userId"`
	Offset string `json:"offset,omitempty"`
}

// MigrateTags asks for Readwise highlight tags to become user tags.
type MigrateTags struct {
	UserID string `json:"userId"`
}

// DailySyncRequested asks for the daily sync now: for every user (scope
// "all", admins only) or for the requester alone (scope "self").
type DailySyncRequested struct {
	RequestedBy string `json:"requestedBy"`
	Scope       string `json:"scope"`
	UserID      string `json:"userId,omitempty"`
}

// GenerateEmbeddings asks for embeddings of the user's highlights that have
// none, or whose text changed since theirs was made.
type GenerateEmbeddings struct {
	UserID string `json:"userId"`
}

// TagRandomHighlights asks for a pending automation that tags a few of the
// user's recent highlights "automation-test".
type TagRandomHighlights struct {
	UserID string `json:"userId"`
}

// CategorizeRandomHighlights asks for a pending automation that puts a few
// of the user's recent highlights in the category "Automation Test".
type CategorizeRandomHighlights struct {
	UserID string `json:"userId"`
}

func (CountBooks) EventName() string         { return EventCountBooks }
func (TestConnection) EventName() string     { return EventTestConnection }
func (SyncBooks) EventName() string          { return EventSyncBooks }
func (SyncHighlights) EventName() string     { return EventSyncHighlights }
func (ListRequest) EventName() string        { return EventListRequest }
func (ImportSparks) EventName() string       { return EventImportSparks }
func (AirtablePage) EventName() string       { return EventAirtablePage }
func (MigrateTags) EventName() string        { return EventMigrateTags }
func (DailySyncRequested) EventName() string { return EventDailySyncRequested }
func (GenerateEmbeddings) EventName() string { return EventGenerateEmbeddings }

func (TagRandomHighlights) EventName() string        { return EventTagRandomHighlights }
func (CategorizeRandomHighlights) EventName() string { return EventCategorizeRandomHighlights }

// ScheduledTasksRequested asks for the users' due scheduled tasks to run
// now: every user's (scope "all", admins only) or the requester's alone
// (scope "self").
type ScheduledTasksRequested struct {
	RequestedBy string `json:"requestedBy"`
	Scope       string `json:"scope"`
	UserID      string `json:"userId,omitempty"`
}

func (ScheduledTasksRequested) EventName() string { return EventScheduledTasksRequested }

// UserData is the payload of an event that serves one user.
type UserData interface {
	Data
	User() string
}

func (d CountBooks) User() string         { return d.UserID }
func (d TestConnection) User() string     { return d.UserID }
func (d SyncBooks) User() string          { return d.UserID }
func (d SyncHighlights) User() string     { return d.UserID }
func (d ListRequest) User() string        { return d.UserID }
func (d AirtablePage) User() string       { return d.UserID }
func (d ImportSparks) User() string       { return d.UserID }
func (d MigrateTags) User() string        { return d.UserID }
func (d GenerateEmbeddings) User() string { return d.UserID }

func (d TagRandomHighlights) User() string        { return d.UserID }
func (d CategorizeRandomHighlights) User() string { return d.UserID }

// NewEvent builds the event for data. A non-empty id makes sending it
// idempotent: Inngest ignores a second event with the same id.
func NewEvent[D Data](data D, id string) inngestgo.GenericEvent[D] {
	evt := inngestgo.GenericEvent[D]{Name: data.EventName(), Data: data}
	if id != "" {
		evt.ID = &id
	}
	return evt
}
