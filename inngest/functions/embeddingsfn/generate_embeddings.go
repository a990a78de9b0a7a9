// Package embeddingsfn holds the Inngest function that embeds highlights'
// texts for semantic search.
package embeddingsfn

import (
	"context"
	"errors"
	"fmt"

	"github.com/inngest/inngestgo"
	"github.com/inngest/inngestgo/step"

	"spark.dev/spark/embeddings"
	"spark.dev/spark/inngest"
	"spark.dev/spark/store"
)

// batch is what one step did: counts only, never texts or vectors, which
// would swell the run state.
type batch struct {
	Batch    int `json:"batch"`
	Listed   int `json:"listed"`   // highlights that needed a vector
	Embedded int `json:"embedded"` // vectors stored
	// Changed counts highlights whose text changed while their vector was
	// made: it is not stored, and the next batch embeds the new text.
	Changed       int `json:"changed"`
	EmbeddedSoFar int `json:"embeddedSoFar"` // in this run, for the function log
}

// GenerateEmbeddings gives every highlight of the user whose text is not
// blank the vector of its current text: one step per batch of up to
// embeddings.MaxInputs highlights (one API request), each batch listing
// anew what still has no vector, so a retried or repeated run carries on
// where the last one stopped. After PagesPerRun batches it continues in a
// new run.
func GenerateEmbeddings(c inngestgo.Client, d inngest.Deps) (inngestgo.ServableFunction, error) {
	return inngestgo.CreateFunction(c,
		inngestgo.FunctionOpts{ID: inngest.FunctionGenerateEmbeddings, Name: "Embeddings: generate highlight embeddings", Retries: inngestgo.IntPtr(8), Concurrency: inngest.OnePerUser},
		inngestgo.EventTrigger(inngest.EventGenerateEmbeddings, nil),
		inngest.ForUser(func(ctx context.Context, _ inngestgo.Input[inngest.GenerateEmbeddings], userID string) (any, error) {
			if !d.Embeddings.Configured() {
				return nil, inngestgo.NoRetryError(embeddings.ErrNotConfigured)
			}
			embedded, changed, batches := 0, 0, 0
			more := true
			for more && batches < max(d.PagesPerRun, 1) {
				batches++
				number, soFar := batches, embedded
				done, err := step.Run(ctx, fmt.Sprintf("embed-batch-%d", number), func(ctx context.Context) (batch, error) {
					b, err := embedBatch(ctx, d, userID)
					b.Batch, b.EmbeddedSoFar = number, soFar+b.Embedded
					return b, err
				})
				if err != nil {
					return nil, err
				}
				embedded += done.Embedded
				changed += done.Changed
				// A short batch was the last; a batch that stored nothing
				// would list the same highlights again.
				more = done.Listed == embeddings.MaxInputs && done.Embedded > 0
			}
			if more {
				if _, err := step.Send(ctx, "continue-in-a-new-run", inngest.NewEvent(inngest.GenerateEmbeddings{UserID: userID}, "")); err != nil {
					return nil, err
				}
			}
			return inngest.MarkAsLastStep(map[string]any{
				"success": true, "message": fmt.Sprintf("Successfully processed %d highlights, %d failed", embedded, changed),
				"processed": embedded, "failed": changed, "batches": batches, "hasMore": more,
			})
		}))
}

// embedBatch embeds the first batch of the user's highlights that need a
// vector and stores the vectors, each on the highlight of its input.
func embedBatch(ctx context.Context, d inngest.Deps, userID string) (batch, error) {
	todo, err := d.Store.HighlightsToEmbed(ctx, userID, "", embeddings.MaxInputs)
	if err != nil || len(todo) == 0 {
		return batch{}, err
	}
	texts := make([]string, len(todo))
	for i, h := range todo {
		texts[i] = h.Text
	}
	vectors, err := d.Embeddings.Embed(ctx, texts)
	if err != nil {
		return batch{}, apiFailure(err)
	}
	writes := make([]store.HighlightEmbedding, len(todo))
	for i, h := range todo {
		writes[i] = store.HighlightEmbedding{ID: h.ID, Text: h.Text, Vector: vectors[i]}
	}
	stored, err := d.Store.StoreEmbeddings(ctx, userID, writes, d.Now())
	if err != nil {
		return batch{}, err
	}
	d.Logger.InfoContext(ctx, "embedded highlights", "user", userID, "listed", len(todo), "stored", stored)
	return batch{Listed: len(todo), Embedded: stored, Changed: len(todo) - stored}, nil
}

// apiFailure turns an embeddings API error into what Inngest should do:
// retry a rate limit when the API says, fail at once when only an operator
// can help (no key, a refused key or request), retry anything else.
func apiFailure(err error) error {
	if limited, ok := errors.AsType[*embeddings.RateLimitError](err); ok {
		return inngestgo.RetryAtError(err, limited.RetryAt)
	}
	_, refusedKey := errors.AsType[*embeddings.UnauthorizedError](err)
	_, refusedRequest := errors.AsType[*embeddings.RequestError](err)
	if refusedKey || refusedRequest || errors.Is(err, embeddings.ErrNotConfigured) {
		return inngestgo.NoRetryError(err)
	}
	return err
}
