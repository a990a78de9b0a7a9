// Package airtable is a client for the Airtable Web API's List records
// endpoint. It knows nothing about its callers. One Client serves every
// user: each method takes the user's token, which the client never stores,
// logs or puts in an error.
//
// The client never sleeps to retry. Errors are typed so callers can choose
// what to do: *UnauthorizedError and *NotFoundError (the user must fix the
// token or the ids), *RateLimitError (retry at RetryAt), *QuotaExceededError
// (do not retry), ErrIteratorExpired (list again from the first page),
// *ServerError (retry later), *RequestError and ErrInvalidID (do not retry).
package airtable

import (
	"cmp"
	"context"
	"net/http"
	"net/url"

	"spark.dev/spark/internal/apiclient"
)

// DefaultBaseURL is Airtable's v0 Web API.
const DefaultBaseURL = "https://api.airtable.com/v0"

// Options configures a Client. The zero value talks to Airtable with a 30 s
// timeout per request and the process-wide pacer.
type Options struct {
	BaseURL       string       // default DefaultBaseURL; tests point it at a fake
	HTTPClient    *http.Client // default: one with a 30 s timeout per request
	Pacer         *Pacer       // nil: the process-wide pacer, 5 requests/s per base
	DisablePacing bool         // send at once, e.g. in tests of other behaviour
}

// Client calls the Airtable Web API. It is safe for concurrent use.
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
		Service:    "airtable",
		AuthScheme: "Bearer",
		BaseURL:    cmp.Or(opts.BaseURL, DefaultBaseURL),
		HTTPClient: opts.HTTPClient,
		Unanswered: func(status int, detail string, err error) error {
			return &ServerError{Status: status, Detail: detail, Err: err}
		},
		Refused: responseError,
	})
	return c
}

// tableURL is the URL of a table with each id escaped as one path segment,
// so that a table name holding "/" or "?" stays one segment. A name typed
// percent-encoded ("Spark%20Notes", as the frontend tells users to) is
// decoded first, so it is not encoded twice.
func (c *Client) tableURL(baseID, tableID string, query url.Values) *url.URL {
	if name, err := url.PathUnescape(tableID); err == nil {
		tableID = name
	}
	base, _ := c.api.Base() // an unusable one fails in get
	u := *base
	u.Path = base.Path + "/" + baseID + "/" + tableID
	u.RawPath = base.EscapedPath() + "/" + url.PathEscape(baseID) + "/" + url.PathEscape(tableID)
	u.RawQuery = query.Encode()
	return &u
}

// get waits for baseID's bucket, then sends one GET and decodes a 2xx JSON
// body into out.
func (c *Client) get(ctx context.Context, token, baseID string, u *url.URL, out any) error {
	return c.api.Get(ctx, token, u, func(ctx context.Context) error { return c.pacer.wait(ctx, baseID) }, out)
}
