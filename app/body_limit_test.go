package app_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"spark.dev/spark/middleware"
	"spark.dev/spark/secure"
)

// reportOfSize is a book-count report for u1 padded to exactly size bytes;
// its pad starts with mark, so that no two sent in one second share a
// signature (a second use of one is a replay).
func reportOfSize(size int, mark string) []byte {
	head, tail := `{"userId":"00000000-0000-4000-8000-000000000001","bookCount":3,"pad":"`+mark, `"}`
	return []byte(head + strings.Repeat("x", size-len(head)-len(tail)) + tail)
}

// sendBody sends body with its length declared, or chunked, and returns the
// status and the error message, if any.
func sendBody(t *testing.T, method, url string, headers map[string]string, body []byte, chunked bool) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if chunked {
		req.ContentLength = -1 // unknown: the client sends it chunked
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var answer struct {
		Error string `json:"error"`
	}
	raw, _ := io.ReadAll(resp.Body)
	_ = json.Unmarshal(raw, &answer)
	return resp.StatusCode, answer.Error
}

// The limit is 1 MiB = 1,048,576 bytes on every route that takes a body,
// however the client sends it: exactly that much is read, one byte more is
// 413 with one message.
func TestEveryBodyRouteTakesExactlyOneMiB(t *testing.T) {
	secret := bytes.Repeat([]byte{7}, 32)
	a := newTestApp(t, map[string]string{"CALLBACK_SECRET": encodeBase64(secret)})
	if middleware.MaxBodyBytes != 1_048_576 {
		t.Fatalf("MaxBodyBytes = %d, want 1 MiB", middleware.MaxBodyBytes)
	}
	var routes []string
	for _, r := range a.App.Echo.Routes() {
		if r.Method != http.MethodGet && r.Path != "/api/inngest" {
			routes = append(routes, r.Method+" "+r.Path)
		}
	}
	if len(routes) < 9 {
		t.Fatalf("only %d routes with a body: %v", len(routes), routes)
	}
	for _, route := range routes {
		method, path, _ := strings.Cut(route, " ")
		for _, chunked := range []bool{false, true} {
			for _, size := range []int{middleware.MaxBodyBytes, middleware.MaxBodyBytes + 1} {
				body := reportOfSize(size, fmt.Sprint(chunked))
				headers := map[string]string{
					"Authorization":                bearer(u1),
					secure.CallbackSignatureHeader: secure.SignCallback(secret, time.Now(), body),
				}
				status, message := sendBody(t, method, a.URL+path, headers, body, chunked)
				switch {
				case size > middleware.MaxBodyBytes && (status != http.StatusRequestEntityTooLarge || message != "Request body is larger than 1 MiB"):
					t.Errorf("%s, %d bytes, chunked %v: %d %q, want 413", route, size, chunked, status, message)
				case size == middleware.MaxBodyBytes && status == http.StatusRequestEntityTooLarge:
					t.Errorf("%s, exactly 1 MiB, chunked %v: refused as too large", route, chunked)
				case size == middleware.MaxBodyBytes && path == "/api/readwise" && status != http.StatusOK:
					t.Errorf("%s, exactly 1 MiB, chunked %v: %d %q, want 200", route, chunked, status, message)
				}
			}
		}
	}
}
