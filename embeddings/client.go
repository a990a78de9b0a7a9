// Package embeddings is a client for an OpenAI-compatible embeddings API
// (POST /embeddings). It knows nothing about its callers. The API key is
// the server's own: the client holds it, and never logs it or puts it in an
// error.
//
// Errors are typed so callers can choose what to do: ErrNotConfigured (no
// key: do not retry), *UnauthorizedError (do not retry), *RateLimitError
// (retry at RetryAt), *ServerError (retry later), *RequestError (do not
// retry).
package embeddings

import (
	"cmp"
	"context"
	"fmt"
	"net/http"

	"spark.dev/spark/internal/apiclient"
)

const (
	// DefaultBaseURL is OpenAI's v1 API.
	DefaultBaseURL = "https://api.openai.com/v1"
	// Model is the embedding model, as the original used.
	Model = "text-embedding-3-small"
	// Dimensions is the length of Model's vectors (the vector(1536) column).
	Dimensions = 1536
	// MaxInputs is how many texts one Embed call sends, at most.
	MaxInputs = 100
)

// Options configures a Client.
type Options struct {
	APIKey     string       // "": every call fails with ErrNotConfigured
	BaseURL    string       // default DefaultBaseURL; tests point it at a fake
	HTTPClient *http.Client // default: one with a 30 s timeout per request
}

// Client calls the embeddings API. It is safe for concurrent use.
type Client struct {
	api *apiclient.Client
	key string
}

// New returns a Client configured by opts.
func New(opts Options) *Client {
	return &Client{
		key: opts.APIKey,
		api: apiclient.New(apiclient.Config{
			Service:    "embeddings",
			AuthScheme: "Bearer",
			BaseURL:    cmp.Or(opts.BaseURL, DefaultBaseURL),
			HTTPClient: opts.HTTPClient,
			Unanswered: func(status int, detail string, err error) error {
				return &ServerError{Status: status, Detail: detail, Err: err}
			},
			Refused: responseError,
		}),
	}
}

// Configured reports whether the client has an API key to call with.
func (c *Client) Configured() bool { return c != nil && c.key != "" }

type request struct {
	Input          []string `json:"input"`
	Model          string   `json:"model"`
	EncodingFormat string   `json:"encoding_format"`
}

type response struct {
	Data []struct {
		Index     int       `json:"index"`
		Embedding []float32 `json:"embedding"`
	} `json:"data"`
}

// Embed returns one vector per text, in the order of texts, from one
// request: the answer's items are placed by their index, never by their
// order. texts must hold 1 to MaxInputs non-blank strings (the API refuses
// empty ones).
func (c *Client) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	if !c.Configured() {
		return nil, ErrNotConfigured
	}
	if len(texts) == 0 || len(texts) > MaxInputs {
		return nil, fmt.Errorf("embeddings: %d texts in one request; 1 to %d allowed", len(texts), MaxInputs)
	}
	base, _ := c.api.Base() // an unusable one fails in Post
	u := *base
	u.Path = base.Path + "/embeddings"
	u.RawPath = ""
	var resp response
	noPace := func(context.Context) error { return nil }
	if err := c.api.Post(ctx, c.key, &u, noPace, request{Input: texts, Model: Model, EncodingFormat: "float"}, &resp); err != nil {
		return nil, err
	}
	return placeByIndex(texts, resp)
}

// placeByIndex puts each vector at its input's position and checks that
// every input got exactly one vector of the right length.
func placeByIndex(texts []string, resp response) ([][]float32, error) {
	vectors := make([][]float32, len(texts))
	for _, item := range resp.Data {
		switch {
		case item.Index < 0 || item.Index >= len(texts):
			return nil, badAnswer("a vector for input %d of %d", item.Index, len(texts))
		case vectors[item.Index] != nil:
			return nil, badAnswer("two vectors for input %d", item.Index)
		case len(item.Embedding) != Dimensions:
			return nil, badAnswer("a vector of %d dimensions, not %d", len(item.Embedding), Dimensions)
		}
		vectors[item.Index] = item.Embedding
	}
	for i, v := range vectors {
		if v == nil {
			return nil, badAnswer("no vector for input %d", i)
		}
	}
	return vectors, nil
}

func badAnswer(format string, args ...any) error {
	return &ServerError{Status: http.StatusOK, Detail: "unusable answer: " + fmt.Sprintf(format, args...)}
}
