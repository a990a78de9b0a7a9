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
	"os/exec"
	"path/filepath"
	"syscall"
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

// StartDevServer starts a dev server on a free port for the app served at
// appServeURL (…/api/inngest) and stops it when the test ends. The test
// fails, rather than skips, when the binary is not available.
func StartDevServer(t testing.TB, appServeURL string) *DevServer {
	t.Helper()
	bin := engineBinary(t)
	port := FreePort(t)
	// Linear one-second retry backoff keeps retried steps quick in tests.
	cmd := exec.Command(bin, "dev", "--no-discovery", "--no-poll", "--host", "127.0.0.1",
		"--port", fmt.Sprint(port), "--retry-interval", "1", "-u", appServeURL)
	// Its own process group, so the whole tree stops with it; no telemetry.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Env = append(os.Environ(), "DO_NOT_TRACK=1", "CI=true")
	cmd.Dir = t.TempDir()
	log := &LogBuffer{}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", filepath.Base(bin), err)
	}
	d := &DevServer{URL: fmt.Sprintf("http://127.0.0.1:%d", port)}
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("dev server output (last 4 KiB):\n%s", log.Tail(4096))
		}
	})
	WaitFor(t, 60*time.Second, "the dev server to answer", func() bool {
		resp, err := http.Get(d.URL + "/")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	return d
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
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
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
