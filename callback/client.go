// Package callback lets a job report its result to the app over HTTP, signed
// with CALLBACK_SECRET, the way the documented flow does (job → POST
// /api/readwise), so the app may run on another host than the job.
package callback

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"spark.dev/spark/secure"
)

// Client posts signed callbacks to the app at BaseURL.
type Client struct {
	baseURL string
	secret  []byte
	http    *http.Client
	now     func() time.Time
}

func NewClient(baseURL string, secret []byte, httpClient *http.Client) *Client {
	if httpClient == nil {
		httpClient = &http.Client{Timeout: 15 * time.Second}
	}
	return &Client{baseURL: baseURL, secret: secret, http: httpClient, now: time.Now}
}

// BookCount is the body of a book-count report.
type BookCount struct {
	UserID    string `json:"userId"`
	BookCount int    `json:"bookCount"`
	SyncTime  string `json:"syncTime"`
}

// ReportBookCount posts a user's book count to /api/readwise.
func (c *Client) ReportBookCount(ctx context.Context, report BookCount) error {
	return c.post(ctx, "/api/readwise", report)
}

func (c *Client) post(ctx context.Context, path string, payload any) error {
	body, err := json.Marshal(payload)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(secure.CallbackSignatureHeader, secure.SignCallback(c.secret, c.now(), body))
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("callback %s: %w", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		snippet, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
		return fmt.Errorf("callback %s answered %d: %s", path, resp.StatusCode, bytes.TrimSpace(snippet))
	}
	return nil
}
