// Package fakeembeddings is an in-process OpenAI-compatible embeddings API
// (POST /v1/embeddings) for tests. It follows the real contract: a Bearer
// key (401 otherwise), model text-embedding-3-small, 1 to 2048 non-empty
// inputs (400 otherwise), encoding_format "float", and answers whose items
// carry the index of their input. It answers them in reverse order, which
// the contract allows, so a client that ignores index is caught. Vectors
// are deterministic (see Vector). It records every request and can be told
// to fail the next N requests (429 with Retry-After, 5xx).
package fakeembeddings

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"time"

	"spark.dev/spark/internal/fakeapi"
)

// Limits of the real API that the fake enforces.
const (
	Model     = "text-embedding-3-small"
	MaxInputs = 2048
)

// Fault is what one request suffers instead of its answer.
type Fault struct {
	Status     int           // 429, 500, 502, 503, ...
	RetryAfter time.Duration // sent with a 429 as Retry-After, in whole seconds; 0 sends none
}

// Request is one request the fake received, whatever it answered.
type Request struct {
	Key    string   // the bearer key sent
	Inputs []string // nil when the body was unreadable
	Status int      // what the fake answered
}

// Server is a running fake. Its methods are safe for concurrent use.
type Server struct {
	ts  *httptest.Server
	key string

	mu       sync.Mutex
	requests []Request
	faults   fakeapi.Queue[Fault]
}

// New starts a fake that accepts key.
func New(key string) *Server {
	s := &Server{key: key}
	s.ts = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	return s
}

// URL is the base URL to configure, e.g. http://127.0.0.1:PORT/v1.
func (s *Server) URL() string { return s.ts.URL + "/v1" }

// Close shuts the server down.
func (s *Server) Close() { s.ts.Close() }

// FailNext makes the next n requests suffer f.
func (s *Server) FailNext(n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.Add(n, f)
}

// Requests returns every request received, in arrival order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// BatchSizes returns the number of inputs of each request answered 200, in
// arrival order.
func (s *Server) BatchSizes() []int {
	var sizes []int
	for _, r := range s.Requests() {
		if r.Status == http.StatusOK {
			sizes = append(sizes, len(r.Inputs))
		}
	}
	return sizes
}

type wireRequest struct {
	Input          json.RawMessage `json:"input"`
	Model          string          `json:"model"`
	EncodingFormat string          `json:"encoding_format"`
}

type wireItem struct {
	Object    string    `json:"object"`
	Index     int       `json:"index"`
	Embedding []float32 `json:"embedding"`
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	resp, req := s.answer(r)
	s.mu.Lock()
	req.Status = resp.Status
	s.requests = append(s.requests, req)
	s.mu.Unlock()
	fakeapi.Serve(w, r, 0, false, func() fakeapi.Response { return resp })
}

func (s *Server) answer(r *http.Request) (fakeapi.Response, Request) {
	key, _ := bearer(r.Header.Get("Authorization"))
	req := Request{Key: key}
	if r.URL.Path != "/v1/embeddings" {
		return apiError(http.StatusNotFound, "invalid_request_error", "Invalid URL ("+r.Method+" "+r.URL.Path+")"), req
	}
	if r.Method != http.MethodPost {
		return apiError(http.StatusMethodNotAllowed, "invalid_request_error", "Method not allowed"), req
	}
	if key == "" || key != s.key {
		return apiError(http.StatusUnauthorized, "invalid_request_error", "Incorrect API key provided."), req
	}
	var body wireRequest
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		return apiError(http.StatusBadRequest, "invalid_request_error", "We could not parse the JSON body of your request."), req
	}
	inputs, problem := readInputs(body.Input)
	req.Inputs = inputs
	switch {
	case problem != "":
		return apiError(http.StatusBadRequest, "invalid_request_error", problem), req
	case body.Model != Model:
		return apiError(http.StatusBadRequest, "invalid_request_error", "The model '"+body.Model+"' does not exist or you do not have access to it."), req
	case body.EncodingFormat != "" && body.EncodingFormat != "float":
		return apiError(http.StatusBadRequest, "invalid_request_error", "The fake only answers encoding_format float."), req
	}
	if f, ok := s.takeFault(); ok {
		return faultAnswer(f), req
	}
	data := make([]wireItem, 0, len(inputs))
	for i := len(inputs) - 1; i >= 0; i-- {
		data = append(data, wireItem{Object: "embedding", Index: i, Embedding: Vector(inputs[i])})
	}
	return fakeapi.JSON(http.StatusOK, "application/json", map[string]any{
		"object": "list", "data": data, "model": Model,
		"usage": map[string]int{"prompt_tokens": len(inputs), "total_tokens": len(inputs)},
	}), req
}

func (s *Server) takeFault() (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.faults.Take()
}

// readInputs reads input: a string or an array of strings, 1 to MaxInputs
// of them, none empty.
func readInputs(raw json.RawMessage) ([]string, string) {
	var one string
	if json.Unmarshal(raw, &one) == nil {
		raw, _ = json.Marshal([]string{one})
	}
	var inputs []string
	if err := json.Unmarshal(raw, &inputs); err != nil {
		return nil, "'input' must be a string or an array of strings."
	}
	switch {
	case len(inputs) == 0:
		return inputs, "'input' must not be empty."
	case len(inputs) > MaxInputs:
		return inputs, "'input' must have at most " + strconv.Itoa(MaxInputs) + " items."
	}
	for i, in := range inputs {
		if in == "" {
			return inputs, "'input[" + strconv.Itoa(i) + "]' must not be an empty string."
		}
	}
	return inputs, ""
}

func faultAnswer(f Fault) fakeapi.Response {
	switch {
	case f.Status == http.StatusTooManyRequests:
		resp := apiError(f.Status, "requests", "Rate limit reached for requests.")
		if f.RetryAfter > 0 {
			resp.Header.Set("Retry-After", strconv.Itoa(int(f.RetryAfter/time.Second)))
		}
		return resp
	case f.Status >= 502 && f.Status <= 504:
		return fakeapi.GatewayError(f.Status)
	default:
		return apiError(f.Status, "server_error", "The server had an error while processing your request.")
	}
}

// apiError is OpenAI's error body.
func apiError(status int, kind, message string) fakeapi.Response {
	return fakeapi.JSON(status, "application/json", map[string]any{
		"error": map[string]any{"message": message, "type": kind, "param": nil, "code": nil},
	})
}

func bearer(header string) (string, bool) {
	const prefix = "Bearer "
	if len(header) <= len(prefix) || header[:len(prefix)] != prefix {
		return "", false
	}
	return header[len(prefix):], true
}
