package inngest

import (
	"context"
	"log/slog"
	"time"

	"spark.dev/spark/airtableimport"
	"spark.dev/spark/callback"
	"spark.dev/spark/credentials"
	"spark.dev/spark/embeddings"
	"spark.dev/spark/readwise"
	"spark.dev/spark/readwisesync"
	"spark.dev/spark/store"
)

// Deps is what Spark's functions need. Functions load credentials from the
// vault inside the step that uses them, so no token enters run state.
type Deps struct {
	Events   Sender
	Store    store.Store
	Vault    *credentials.Vault
	Readwise *readwise.Client
	Sync     *readwisesync.Syncer
	Import   *airtableimport.Importer
	Callback *callback.Client
	// Embeddings embeds highlight texts with the server's OPENAI_API_KEY.
	Embeddings *embeddings.Client
	Logger     *slog.Logger
	Now        func() time.Time
	// PagesPerRun is how many pages a sync or import takes in one run
	// before it continues in a new one.
	PagesPerRun int
}

// Sender sends events; inngestgo.Client is one.
type Sender interface {
	SendMany(ctx context.Context, events []any) ([]string, error)
}
