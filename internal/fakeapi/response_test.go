package fakeapi

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestTruncatedBodyDropsTheConnection(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		Serve(w, r, 0, true, func() Response { return JSON(http.StatusOK, "application/json", strings.Repeat("x", 100)) })
	}))
	defer ts.Close()
	resp, err := http.Get(ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if _, err := io.ReadAll(resp.Body); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("reading a truncated body: %v, want unexpected EOF", err)
	}
}

func TestSlowAnswerGivesUpWhenTheClientDoes(t *testing.T) {
	answered, done := false, make(chan struct{})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer close(done)
		Serve(w, r, time.Minute, false, func() Response { answered = true; return Response{Status: http.StatusOK} })
	}))
	defer ts.Close()
	client := &http.Client{Timeout: 50 * time.Millisecond}
	if _, err := client.Get(ts.URL); err == nil {
		t.Fatal("a slow answer came within the client's timeout")
	}
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the handler still waits after the client gave up")
	}
	if answered {
		t.Fatal("the answer was built for a client that had gone")
	}
}

func TestResponsesKeepTheirHeaders(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		Serve(w, r, 0, false, func() Response { return GatewayError(http.StatusBadGateway) })
	}))
	defer ts.Close()
	resp, err := http.Get(ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusBadGateway || resp.Header.Get("Content-Type") != "text/html" ||
		!strings.Contains(string(body), "<h1>502 Bad Gateway</h1>") {
		t.Fatalf("%d %s: %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
}
