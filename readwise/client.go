// Package readwise is a client for the Readwise v2 API: token check, Book
// LIST and EXPORT. It knows nothing about its callers. One Client serves
// every user: each method takes the user's token, which the client never
// stores, logs or puts in an error.
//
// Errors are typed so callers can choose what to do: *UnauthorizedError (do
// not retry), *RateLimitError (retry at RetryAt), *ServerError (retry later),
// *RequestError (do not retry), ErrForeignPageURL (a bad next link).
package readwise

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"spark.dev/spark/internal/apiclient"
)

// DefaultBaseURL is Readwise's v2 API.
const DefaultBaseURL = "https://readwise.io/api/v2"

// Options configures a Client. The zero value talks to Readwise with a 30 s
// timeout per request and the process-wide pacer.
type Options struct {
	BaseURL       string       // default DefaultBaseURL; tests point it at a fake
	HTTPClient    *http.Client // default: one with a 30 s timeout per request
	Pacer         *Pacer       // nil: the process-wide pacer with Readwise's budgets
	DisablePacing bool         // send at once, e.g. in benchmarks against a fake
}

// Client calls the Readwise v2 API. It is safe for concurrent use.
type Client struct {
	api   *apiclient.Client
	pacer *Pacer // nil when pacing is disabled
}

// New returns a Client configured by opts.
func New(opts Options) *Client {
	c := &Client{pacer: cmp.Or(opts.Pacer, defaultPacer)}
	if opts.DisablePacing {
		c.pacer = nil
	}
	c.api = apiclient.New(apiclient.Config{
		Service:    "readwise",
		AuthScheme: "Token",
		BaseURL:    cmp.Or(opts.BaseURL, DefaultBaseURL),
		HTTPClient: opts.HTTPClient,
		Unanswered: func(status int, detail string, err error) error {
			return &ServerError{Status: status, Detail: detail, Err: err}
		},
		Refused: responseError,
	})
	return c
}

// endpoint returns the URL of path (e.g. "/books/") under the base URL.
func (c *Client) endpoint(path string, query url.Values) *url.URL {
	base, _ := c.api.Base() // an unusable one fails in get
	u := *base
	u.Path = base.Path + path
	u.RawPath = ""
	u.RawQuery = query.Encode()
	return &u
}

// listURL returns the URL of one page of a LIST walk: the first page, or
// the previous page's next link once it is known to stay on Readwise's host.
func (c *Client) listURL(path, pageURL string, updatedAfter time.Time) (*url.URL, error) {
	base, err := c.api.Base()
	if err != nil {
		return nil, err
	}
	if pageURL == "" {
		query := url.Values{"page_size": {"1000"}}
		if !updatedAfter.IsZero() {
			query.Set("updated__gt", formatTime(updatedAfter))
		}
		return c.endpoint(path, query), nil
	}
	u, err := url.Parse(pageURL)
	if err != nil {
		return nil, ErrForeignPageURL
	}
	if u.Scheme != base.Scheme || !strings.EqualFold(u.Host, base.Host) {
		return nil, fmt.Errorf("%w: %s://%s", ErrForeignPageURL, u.Scheme, u.Host)
	}
	return u, nil
}

// get waits for the token's bucket b, then sends one GET and decodes a 2xx
// JSON body into out (nil: the body is ignored).
func (c *Client) get(ctx context.Context, token string, b bucket, u *url.URL, out any) error {
	return c.api.Get(ctx, token, u, func(ctx context.Context) error { return c.pacer.wait(ctx, token, b) }, out)
}
