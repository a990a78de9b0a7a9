// Package testenv starts the real parts that tests drive: the Inngest dev
// server (built by scripts/inngest-dev-server.sh), PostgreSQL databases and
// free loopback ports, and collects what they print.
package testenv

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"testing"
	"time"
)

// DevServerBinEnv names the variable holding the dev server binary's path;
// the test script sets it.
const DevServerBinEnv = "INNGEST_DEV_SERVER_BIN"

// DevServer is a running Inngest dev server.
type DevServer struct {
	URL string
	// bearer authorizes REST API calls: a self-hosted engine wants its
	// signing key; the dev server wants nothing.
	bearer string
}

// StartDevServer starts a dev server on free ports for the app served at
// appServeURL (…/api/inngest) and stops it when the test ends. The test
// fails, rather than skips, when the binary is not available.
//
// Besides its API the dev server listens on three connect ports of fixed
// defaults (8289, 50052, 50053). Those are in the range the kernel hands out
// to any socket, so another package's tests can hold one: each gets a free
// port of its own, and a server that ends before it answers (a port taken
// between its choice and the bind) is started again on new ports.
func StartDevServer(t testing.TB, appServeURL string) *DevServer {
	t.Helper()
	bin := engineBinary(t)
	log := &LogBuffer{}
	for attempt := 1; ; attempt++ {
		ports := FreePorts(t, 4)
		// Linear one-second retry backoff keeps retried steps quick in tests.
		p := startProcess(t, []string{bin, "dev", "--no-discovery", "--no-poll", "--host", "127.0.0.1",
			"--port", fmt.Sprint(ports[0]), "--retry-interval", "1",
			"--connect-gateway-port", fmt.Sprint(ports[1]),
			"--connect-gateway-grpc-port", fmt.Sprint(ports[2]),
			"--connect-executor-grpc-port", fmt.Sprint(ports[3]),
			"-u", appServeURL}, log)
		d := &DevServer{URL: fmt.Sprintf("http://127.0.0.1:%d", ports[0])}
		if p.waitAnswering(t, 60*time.Second, "the dev server to answer", d.URL+"/") {
			t.Cleanup(func() {
				p.kill()
				if t.Failed() {
					t.Logf("dev server output (last 4 KiB):\n%s", log.Tail(4096))
				}
			})
			return d
		}
		if attempt == 3 {
			t.Fatalf("the dev server ended before it answered, %d times; its output (last 4 KiB):\n%s", attempt, log.Tail(4096))
		}
		t.Logf("the dev server ended before it answered; starting it again on other ports. Its output (last 1 KiB):\n%s", log.Tail(1024))
		log.Reset()
	}
}

// Run is a function run as the dev server's REST API reports it.
type Run struct {
	RunID   string          `json:"run_id"`
	Status  string          `json:"status"`
	Output  json.RawMessage `json:"output"`
	EndedAt *time.Time      `json:"ended_at"`
}

// Finished reports whether the run has ended one way or another.
func (r Run) Finished() bool {
	switch r.Status {
	case "Completed", "Failed", "Cancelled":
		return true
	}
	return false
}

// WaitForRuns waits until the event has triggered want runs and all have
// finished, and returns them with their outputs.
func (d *DevServer) WaitForRuns(t testing.TB, eventID string, want int, timeout time.Duration) []Run {
	t.Helper()
	var runs []Run
	poll := 0
	WaitFor(t, timeout, fmt.Sprintf("%d finished run(s) of event %s", want, eventID), func() bool {
		poll++
		// The API caches answers per URL: a fresh query string reads fresh data.
		var list struct {
			Data []Run `json:"data"`
		}
		if err := d.getJSON(fmt.Sprintf("%s/v1/events/%s/runs?poll=%d", d.URL, eventID, poll), &list); err != nil || len(list.Data) < want {
			return false
		}
		// The list carries no outputs; each run's own record does.
		runs = runs[:0]
		for _, r := range list.Data {
			var one struct {
				Data Run `json:"data"`
			}
			if err := d.getJSON(fmt.Sprintf("%s/v1/runs/%s?poll=%d", d.URL, r.RunID, poll), &one); err != nil || !one.Data.Finished() {
				return false
			}
			runs = append(runs, one.Data)
		}
		return true
	})
	return runs
}

// Event returns the stored event as the dev server's REST API reports it.
func (d *DevServer) Event(t testing.TB, eventID string) json.RawMessage {
	t.Helper()
	var body struct {
		Data json.RawMessage `json:"data"`
	}
	if err := d.getJSON(fmt.Sprintf("%s/v1/events/%s", d.URL, eventID), &body); err != nil {
		t.Fatalf("reading event %s: %v", eventID, err)
	}
	return body.Data
}

// engineBinary is the Inngest binary, the same for `dev` and `start`. A test
// fails, rather than skips, when it is not available.
func engineBinary(t testing.TB) string {
	t.Helper()
	bin := os.Getenv(DevServerBinEnv)
	if bin == "" {
		t.Fatalf("%s is not set: run scripts/test.sh, which builds the Inngest binary", DevServerBinEnv)
	}
	return bin
}

// FreePort returns a loopback TCP port that was free a moment ago.
func FreePort(t testing.TB) int {
	t.Helper()
	return FreePorts(t, 1)[0]
}

// FreePorts returns n distinct loopback TCP ports that were free a moment ago.
func FreePorts(t testing.TB, n int) []int {
	t.Helper()
	ports := make([]int, n)
	for i := range ports {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		// Held open until all are chosen, so that no two are the same.
		defer l.Close()
		ports[i] = l.Addr().(*net.TCPAddr).Port
	}
	return ports
}

// WaitFor polls cond until it holds or timeout passes, then fails the test
// naming what it waited for.
func WaitFor(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (d *DevServer) getJSON(url string, v any) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	if d.bearer != "" {
		req.Header.Set("Authorization", "Bearer "+d.bearer)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}
