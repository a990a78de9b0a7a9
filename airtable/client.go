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
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"spark.dev/api/internal/apiclient"
)

// DefaultBaseURL is Airtable's v0 Web API.
const DefaultBaseURL = "https://api.airtable.com/v0"

const (
	defaultTimeout = 30 * time.Second
	// maxBodyBytes bounds a success body: 100 records whose long-text cells
	// are at Airtable's 100,000-character maximum stay well under it.
	maxBodyBytes      = 64 << 20
	maxErrorBodyBytes = 64 << 10
)

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
	base    *url.URL
	baseErr error // an unusable BaseURL fails every call rather than New
	http    *http.Client
	pacer   *Pacer // nil when pacing is disabled
}

// New returns a Client configured by opts.
func New(opts Options) *Client {
	c := &Client{http: opts.HTTPClient, pacer: cmp.Or(opts.Pacer, defaultPacer)}
	if c.http == nil {
		c.http = &http.Client{Timeout: defaultTimeout}
	}
	if opts.DisablePacing {
		c.pacer = nil
	}
	c.base, c.baseErr = apiclient.ParseBaseURL("airtable", cmp.Or(opts.BaseURL, DefaultBaseURL))
	return c
}

// tableURL is the URL of a table with each id escaped as one path segment,
// so that a table name holding "/" or "?" stays one segment.
func (c *Client) tableURL(baseID, tableID string, query url.Values) *url.URL {
	u := *c.base
	u.Path = c.base.Path + "/" + baseID + "/" + tableID
	u.RawPath = c.base.EscapedPath() + "/" + url.PathEscape(baseID) + "/" + url.PathEscape(tableID)
	u.RawQuery = query.Encode()
	return &u
}

// get paces the request on baseID's bucket, sends one authenticated GET and
// decodes a 2xx JSON body into out.
func (c *Client) get(ctx context.Context, token, baseID string, u *url.URL, out any) error {
	if c.baseErr != nil {
		return c.baseErr
	}
	if c.pacer != nil {
		if err := c.pacer.wait(ctx, baseID); err != nil {
			return fmt.Errorf("airtable: %w", err)
		}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return fmt.Errorf("airtable: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "application/json")

	resp, err := c.http.Do(req)
	if err != nil {
		return transportError(ctx, err)
	}
	defer resp.Body.Close()

	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		if err := json.NewDecoder(io.LimitReader(resp.Body, maxBodyBytes)).Decode(out); err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("airtable: %w", ctx.Err())
			}
			return &ServerError{Status: resp.StatusCode, Detail: "unreadable response: " + err.Error(), Err: err}
		}
		return nil
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBodyBytes))
	return responseError(time.Now(), resp.StatusCode, resp.Header, body, token)
}

// transportError reports a request that got no answer. The caller's own
// cancellation stays a context error; anything else may pass, so it is a
// ServerError.
func transportError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("airtable: %w", ctx.Err())
	}
	return &ServerError{Detail: apiclient.TransportDetail(err), Err: err}
}
