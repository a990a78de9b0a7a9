// Package apiclient holds what Spark's third-party API clients (readwise,
// airtable, embeddings) share beneath their own errors and endpoints: the
// base URL, one authenticated GET or JSON POST, how a failed request is described, when a 429 may be
// retried, and messages that never hold a token.
//
// It returns no error types of its own: each client turns failures into its
// own typed errors through the functions in Config, so its callers see one
// set of errors whichever layer failed.
package apiclient

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

const (
	defaultTimeout = 30 * time.Second
	// maxBodyBytes bounds a success body: a page of 1000 Readwise highlights
	// or 100 Airtable records at the services' maximum text lengths stays
	// well under it.
	maxBodyBytes      = 64 << 20
	maxErrorBodyBytes = 64 << 10
)

// Config describes one API and how its client reports failures.
type Config struct {
	Service    string       // e.g. "readwise": prefixes the errors that stay the caller's own
	AuthScheme string       // sent as "Authorization: <AuthScheme> <token>"
	BaseURL    string       // an absolute http(s) URL; anything else fails every call
	HTTPClient *http.Client // nil: one with a 30 s timeout per request

	// Unanswered builds the client's error for no answer at all (status 0:
	// timeout, refused connection) or a 2xx body that is not the expected
	// JSON. detail never holds the URL or the token.
	Unanswered func(status int, detail string, err error) error
	// Refused builds the client's error for a non-2xx answer; body is cut
	// at 64 KiB and may echo the token.
	Refused func(now time.Time, status int, header http.Header, body []byte, token string) error
}

// Client sends authenticated requests to one API. It is safe for concurrent use.
type Client struct {
	cfg     Config
	base    *url.URL
	baseErr error // an unusable BaseURL fails every call rather than New
}

// New returns a Client for cfg.
func New(cfg Config) *Client {
	cfg.HTTPClient = cmp.Or(cfg.HTTPClient, &http.Client{Timeout: defaultTimeout})
	c := &Client{cfg: cfg}
	c.base, c.baseErr = parseBaseURL(cfg.Service, cfg.BaseURL)
	return c
}

// Base returns the base URL, never nil, with the error that makes it
// unusable, if any.
func (c *Client) Base() (*url.URL, error) { return c.base, c.baseErr }

// Get waits for pace, sends one GET of u with token and decodes a 2xx JSON
// body into out (nil: the body is ignored). It never retries. The caller's
// own cancellation stays a context error.
func (c *Client) Get(ctx context.Context, token string, u *url.URL, pace func(context.Context) error, out any) error {
	return c.send(ctx, http.MethodGet, token, u, pace, nil, out)
}

// Post is Get for a POST whose JSON body is in (a value to encode).
func (c *Client) Post(ctx context.Context, token string, u *url.URL, pace func(context.Context) error, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return c.wrap(err)
	}
	return c.send(ctx, http.MethodPost, token, u, pace, body, out)
}

func (c *Client) send(ctx context.Context, method, token string, u *url.URL, pace func(context.Context) error, body []byte, out any) error {
	if c.baseErr != nil {
		return c.baseErr
	}
	if err := pace(ctx); err != nil {
		return c.wrap(err)
	}
	var reqBody io.Reader
	if body != nil {
		reqBody = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), reqBody)
	if err != nil {
		return c.wrap(err)
	}
	req.Header.Set("Authorization", c.cfg.AuthScheme+" "+token)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}

	resp, err := c.cfg.HTTPClient.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return c.wrap(ctx.Err())
		}
		// Anything else may pass: the client reports it as retriable.
		return c.cfg.Unanswered(0, transportDetail(err), err)
	}
	defer resp.Body.Close()

	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		if out == nil {
			return nil
		}
		if err := json.NewDecoder(io.LimitReader(resp.Body, maxBodyBytes)).Decode(out); err != nil {
			if ctx.Err() != nil {
				return c.wrap(ctx.Err())
			}
			return c.cfg.Unanswered(resp.StatusCode, "unreadable response: "+err.Error(), err)
		}
		return nil
	}
	errBody, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBodyBytes))
	return c.cfg.Refused(time.Now(), resp.StatusCode, resp.Header, errBody, token)
}

func (c *Client) wrap(err error) error { return fmt.Errorf("%s: %w", c.cfg.Service, err) }

// parseBaseURL checks an API's base URL. On error it returns an empty URL
// beside it, so that building request URLs needs no nil checks and every
// call can report the error instead of the constructor.
func parseBaseURL(service, raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return &url.URL{}, fmt.Errorf("%s: base URL %q is not an absolute http(s) URL", service, raw)
	}
	u.RawQuery, u.Fragment = "", ""
	return u, nil
}
