// Package readwise is a client for the Readwise v2 API: token check, Book
// LIST and EXPORT. It knows nothing about its callers. One
// Client serves every user: each method takes the user's token, which the
// client never stores, logs or puts in an error.
//
// Errors are typed so callers can choose what to do: *UnauthorizedError (do
// not retry), *RateLimitError (retry at RetryAt), *ServerError (retry later),
// *RequestError (do not retry), ErrForeignPageURL (a bad next link).
package readwise

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"spark.dev/api/internal/apiclient"
)

// DefaultBaseURL is Readwise's v2 API.
const DefaultBaseURL = "https://readwise.io/api/v2"

const (
	defaultTimeout = 30 * time.Second
	// maxBodyBytes bounds a success body; a page of 1000 highlights at
	// Readwise's maximum text and note lengths stays well under it.
	maxBodyBytes      = 64 << 20
	maxErrorBodyBytes = 64 << 10
)

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
	c.base, c.baseErr = apiclient.ParseBaseURL("readwise", cmp.Or(opts.BaseURL, DefaultBaseURL))
	return c
}

// endpoint returns the URL of path (e.g. "/books/") under the base URL.
func (c *Client) endpoint(path string, query url.Values) *url.URL {
	u := *c.base
	u.Path = c.base.Path + path
	u.RawPath = ""
	u.RawQuery = query.Encode()
	return &u
}

// listURL returns the URL of one page of a LIST walk: the first page, or
// the previous page's next link once it is known to stay on Readwise's host.
func (c *Client) listURL(path, pageURL string, updatedAfter time.Time) (*url.URL, error) {
	if c.baseErr != nil {
		return nil, c.baseErr
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
	if u.Scheme != c.base.Scheme || !strings.EqualFold(u.Host, c.base.Host) {
		return nil, fmt.Errorf("%w: %s://%s", ErrForeignPageURL, u.Scheme, u.Host)
	}
	return u, nil
}

// get paces, sends one authenticated GET and decodes a 2xx JSON body into
// out (nil: the body is ignored).
func (c *Client) get(ctx context.Context, token string, b bucket, u *url.URL, out any) error {
	if c.baseErr != nil {
		return c.baseErr
	}
	if c.pacer != nil {
		if err := c.pacer.wait(ctx, token, b); err != nil {
			return fmt.Errorf("readwise: %w", err)
		}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return fmt.Errorf("readwise: %w", err)
	}
	req.Header.Set("Authorization", "Token "+token)
	req.Header.Set("Accept", "application/json")

	resp, err := c.http.Do(req)
	if err != nil {
		return transportError(ctx, err)
	}
	defer resp.Body.Close()

	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		if out == nil {
			return nil
		}
		if err := json.NewDecoder(io.LimitReader(resp.Body, maxBodyBytes)).Decode(out); err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("readwise: %w", ctx.Err())
			}
			return &ServerError{Status: resp.StatusCode, Detail: "unreadable response: " + err.Error(), Err: err}
		}
		return nil
	}

	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBodyBytes))
	switch {
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return &UnauthorizedError{Status: resp.StatusCode}
	case resp.StatusCode == http.StatusTooManyRequests:
		return &RateLimitError{RetryAt: retryAt(time.Now(), resp.Header, body)}
	case resp.StatusCode >= 500:
		return &ServerError{Status: resp.StatusCode, Detail: errorDetail(body, token)}
	default:
		return &RequestError{Status: resp.StatusCode, Detail: errorDetail(body, token)}
	}
}

// transportError reports a request that got no answer. The caller's own
// cancellation stays a context error; anything else may pass, so it is a
// ServerError.
func transportError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("readwise: %w", ctx.Err())
	}
	return &ServerError{Detail: apiclient.TransportDetail(err), Err: err}
}
