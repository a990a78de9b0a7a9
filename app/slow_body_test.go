package app_test

import (
	"bufio"
	"bytes"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"spark.dev/spark/app"
)

// trickle sends the headers of a 1000-byte POST to path (with the extra
// header lines given), then one byte of its body every 20 ms until the
// server stops reading, and returns the server's answer, waiting for it at
// most 10 s.
func trickle(t *testing.T, a *testApp, path string, headers ...string) (*http.Response, error) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(a.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if _, err := conn.Write([]byte("POST " + path + " HTTP/1.1\r\nHost: spark\r\nContent-Length: 1000\r\n" + strings.Join(append(headers, ""), "\r\n") + "\r\n{")); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	t.Cleanup(func() { close(stop) })
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
			if _, err := conn.Write([]byte(" ")); err != nil {
				return
			}
		}
	}()
	if err := conn.SetReadDeadline(time.Now().Add(10 * time.Second)); err != nil {
		t.Fatal(err)
	}
	return http.ReadResponse(bufio.NewReader(conn), nil)
}

func TestTricklingBodyIsCutOffWith408(t *testing.T) {
	a := newTestApp(t, nil, app.WithBodyTimeouts(200*time.Millisecond, time.Hour))
	requests := map[string][]string{
		"/api/readwise":                 nil,
		"/api/inngest/trigger-readwise": {"Authorization: " + bearer(u1)},
	}
	for path, headers := range requests {
		resp, err := trickle(t, a, path, headers...)
		if err != nil {
			t.Fatalf("POST %s trickling its body: no answer within 10 s: %v", path, err)
		}
		var answer bytes.Buffer
		answer.ReadFrom(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestTimeout || !strings.Contains(answer.String(), `"error":"Request body took too long to arrive"`) {
			t.Errorf("POST %s = %d %s, want 408", path, resp.StatusCode, answer.String())
		}
		if !resp.Close {
			t.Errorf("POST %s: the connection stays open after a body that never arrived", path)
		}
	}
}

// The SDK reads the whole body before anything else (in dev mode, as here),
// so only the deadline can end this request; its answer is the SDK's own.
func TestTricklingInngestBodyIsCutOff(t *testing.T) {
	a := newTestApp(t, nil, app.WithBodyTimeouts(time.Hour, 200*time.Millisecond))
	if resp, err := trickle(t, a, "/api/inngest"); err != nil {
		t.Fatalf("POST /api/inngest trickling its body: no answer within 10 s: %v", err)
	} else if resp.StatusCode < 400 {
		t.Fatalf("POST /api/inngest trickling its body = %d", resp.StatusCode)
	}
}

// Inngest's run state can be several MB: the API's body limit and its
// timeout do not apply to /api/inngest.
func TestInngestTakesALargeBody(t *testing.T) {
	a := newTestApp(t, productionEnv(withJWT(nil)), app.WithBodyTimeouts(200*time.Millisecond, time.Minute))
	body := []byte(`{"url":"` + a.URL + `/api/inngest","state":"` + strings.Repeat("x", 5<<20) + `"}`)
	resp, answer := a.signed(http.MethodPut, body)
	if resp.StatusCode != http.StatusOK || answer["functions"] == nil {
		t.Fatalf("signed 5 MB PUT /api/inngest = %d %v", resp.StatusCode, answer)
	}
}
