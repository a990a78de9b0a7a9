// Package fakeapi is what the in-process fakes of third-party APIs
// (fakereadwise, fakeairtable) share beneath their own routes, bodies and
// error shapes: whole answers that a fault can cut short, the life of one
// request under a fault, and the queued and seeded random faults.
package fakeapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Response is a complete answer, built before it is written so that a
// fault can cut its body short.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON is an answer whose body is v, sent as contentType (APIs differ in
// whether they name a charset).
func JSON(status int, contentType string, v any) Response {
	body, err := json.Marshal(v)
	if err != nil {
		panic("fakeapi: " + err.Error()) // a fake's own type, or a cell a test put in a table, that JSON cannot encode
	}
	return Response{Status: status, Header: http.Header{"Content-Type": {contentType}}, Body: body}
}

// GatewayError is what the proxy in front of an API sends for a 502, 503
// or 504: an HTML page, not the API's JSON.
func GatewayError(status int) Response {
	text := fmt.Sprintf("%d %s", status, http.StatusText(status))
	return Response{
		Status: status,
		Header: http.Header{"Content-Type": {"text/html"}},
		Body:   fmt.Appendf(nil, "<html><head><title>%s</title></head><body><center><h1>%s</h1></center></body></html>\n", text, text),
	}
}

// Serve is the life of one request under a fault: it waits delay, unless
// the client gives up first, then writes answer(). Truncated, the answer
// declares its full length but sends half the body, so the server drops the
// connection mid-body.
func Serve(w http.ResponseWriter, r *http.Request, delay time.Duration, truncate bool, answer func() Response) {
	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
	}
	resp := answer()
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	body := resp.Body
	if truncate && len(body) > 1 {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		body = body[:len(body)/2]
	}
	w.WriteHeader(resp.Status)
	_, _ = w.Write(body)
}
