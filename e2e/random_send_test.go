package e2e

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// answer is what the app sent back.
type answer struct {
	Status int
	Header http.Header
	Body   []byte
}

// randomClient sends the random test's requests: through net/http, or
// written by hand on a raw connection when the framing must be wrong.
type randomClient struct {
	base string // http://host:port
	http *http.Client
}

func newRandomClient(base string) *randomClient {
	return &randomClient{base: base, http: &http.Client{
		Timeout:       30 * time.Second,
		Transport:     &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 4},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

func (c *randomClient) send(q randomRequest) (answer, error) {
	if q.Framing != "" {
		return c.sendRaw(q)
	}
	target := c.base + q.Path
	if q.Query != "" {
		target += "?" + q.Query
	}
	var body io.Reader
	if len(q.Body) > 0 {
		body = bytes.NewReader(q.Body)
	}
	req, err := http.NewRequest(q.Method, target, body)
	if err != nil {
		return answer{}, err
	}
	req.Header = q.Header.Clone()
	return readAnswer(c.http.Do(req))
}

// readAnswer reads the whole of resp, unless err says there is none.
func readAnswer(resp *http.Response, err error) (answer, error) {
	if err != nil {
		return answer{}, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	return answer{resp.StatusCode, resp.Header, raw}, err
}

// sendRaw writes the request line, headers and a body whose framing does
// not match what it declares, then reads the answer. A "long" body is
// followed by closing the connection's write side, so the app sees it end
// early instead of waiting for the rest.
func (c *randomClient) sendRaw(q randomRequest) (answer, error) {
	conn, err := net.Dial("tcp", c.base[len("http://"):])
	if err != nil {
		return answer{}, err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(30 * time.Second))
	var w bytes.Buffer
	target := q.Path
	if q.Query != "" {
		target += "?" + q.Query
	}
	fmt.Fprintf(&w, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n", q.Method, target, c.base[len("http://"):])
	for name, values := range q.Header {
		for _, v := range values {
			fmt.Fprintf(&w, "%s: %s\r\n", name, v)
		}
	}
	var rest []byte // written only after the answer is read
	switch q.Framing {
	case "short":
		fmt.Fprintf(&w, "Content-Length: %d\r\n\r\n", len(q.Body)/2)
		w.Write(q.Body[:len(q.Body)/2])
		rest = q.Body[len(q.Body)/2:]
	case "long":
		fmt.Fprintf(&w, "Content-Length: %d\r\n\r\n", len(q.Body)+100)
		w.Write(q.Body)
	case "chunked":
		w.WriteString("Transfer-Encoding: chunked\r\n\r\n")
		for rest := q.Body; len(rest) > 0; {
			n := min(len(rest), 1+len(rest)/3)
			fmt.Fprintf(&w, "%x\r\n%s\r\n", n, rest[:n])
			rest = rest[n:]
		}
		w.WriteString("0\r\n\r\n")
	default: // "bad-chunked": a size that is not hex, or more than follows
		w.WriteString("Transfer-Encoding: chunked\r\n\r\n")
		if len(q.Body)%2 == 0 {
			fmt.Fprintf(&w, "zz\r\n%s\r\n0\r\n\r\n", q.Body)
		} else {
			fmt.Fprintf(&w, "%x\r\n%s", len(q.Body)+100, q.Body)
		}
	}
	// Written while the answer is read: the app may answer (413, 404) and
	// close before it has read a large body, which then fails to write.
	go func() {
		if _, err := conn.Write(w.Bytes()); err == nil && (q.Framing == "long" || q.Framing == "bad-chunked") {
			_ = conn.(*net.TCPConn).CloseWrite()
		}
	}()
	got, err := readAnswer(http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: q.Method}))
	// The app stops reading a short body at its declared length and closes.
	// Bytes it never reads make its close a reset, which can discard the
	// answer before it is read, so the rest goes after the answer.
	if rest != nil {
		_, _ = conn.Write(rest)
	}
	return got, err
}
