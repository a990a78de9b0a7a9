package e2e

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"spark.dev/spark/internal/testenv"
)

// loadRequest is one request of a burst.
type loadRequest struct {
	method, path, bearer, body string
}

// loadBurst is n requests sent at once; request(i) is the i-th.
type loadBurst struct {
	name    string
	n       int
	request func(i int) loadRequest
}

// loadClient sends bursts with one connection per request in flight.
type loadClient struct {
	base string
	http *http.Client
}

func newLoadClient(base string, conns int) *loadClient {
	return &loadClient{base: base, http: &http.Client{
		Timeout:   2 * time.Minute,
		Transport: &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, DisableCompression: true},
	}}
}

// loadOutcome is what one request of a burst got.
type loadOutcome struct {
	status int
	err    error
	took   time.Duration
	body   string
}

// burstResult is a burst's statuses, times and the app's peak memory.
type burstResult struct {
	burst           loadBurst
	statuses        map[int]int
	errors          int
	wall, p50, p99  time.Duration
	peak            memory
	firstUnexpected string
	logs            string // what the app logged during the burst
}

// burst builds every request first (tokens included), then releases them
// together and waits for all answers, sampling the app's memory meanwhile.
func (c *loadClient) burst(t *testing.T, app *processApp, b loadBurst) burstResult {
	t.Helper()
	reqs := make([]*http.Request, b.n)
	for i := range reqs {
		r := b.request(i)
		req, err := http.NewRequest(r.method, c.base+r.path, strings.NewReader(r.body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+r.bearer)
		req.Header.Set("Content-Type", "application/json")
		reqs[i] = req
	}
	logsBefore := len(app.logs.String())
	outcomes := make([]loadOutcome, b.n)
	ready := make(chan struct{})
	var wg sync.WaitGroup
	for i := range reqs {
		wg.Go(func() {
			<-ready
			outcomes[i] = c.send(reqs[i])
		})
	}
	stopSampling := sampleMemory(app.cmd.Process.Pid)
	start := time.Now()
	close(ready)
	wg.Wait()
	r := burstResult{burst: b, wall: time.Since(start), peak: stopSampling(), statuses: map[int]int{}}
	var times []time.Duration
	for i, o := range outcomes {
		times = append(times, o.took)
		if o.err != nil {
			r.errors++
		} else {
			r.statuses[o.status]++
		}
		if (o.err != nil || o.status != http.StatusOK) && r.firstUnexpected == "" {
			r.firstUnexpected = fmt.Sprintf("%s %s → %d %v %.300s", reqs[i].Method, reqs[i].URL.Path, o.status, o.err, o.body)
		}
	}
	slices.Sort(times)
	r.p50, r.p99 = times[len(times)/2], times[len(times)*99/100]
	r.logs = logsSince(app.logs, logsBefore, r.statuses[http.StatusInternalServerError])
	return r
}

// logsSince is what the app logged after offset, once it holds at least
// failures "request failed" lines (or after 2 s): the app logs a failure
// before it answers, but the log reaches the test through a pipe.
func logsSince(logs *testenv.LogBuffer, offset, failures int) string {
	deadline := time.Now().Add(2 * time.Second)
	for {
		text := logs.String()[offset:]
		if strings.Count(text, "request failed") >= failures || time.Now().After(deadline) {
			return text
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (c *loadClient) send(req *http.Request) loadOutcome {
	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		return loadOutcome{err: err, took: time.Since(start)}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	return loadOutcome{status: resp.StatusCode, err: err, took: time.Since(start), body: string(raw)}
}

func (r burstResult) String() string {
	var statuses []string
	for status, n := range r.statuses {
		statuses = append(statuses, fmt.Sprintf("%d×%d", status, n))
	}
	slices.Sort(statuses)
	if r.errors > 0 {
		statuses = append(statuses, fmt.Sprintf("transport errors×%d", r.errors))
	}
	return fmt.Sprintf("  %-50s %-28s wall %-9s p50 %-9s p99 %-9s peak RSS %s", r.burst.name, strings.Join(statuses, " "),
		r.wall.Round(time.Millisecond), r.p50.Round(time.Millisecond), r.p99.Round(time.Millisecond), r.peak.rssString())
}

// unexpected counts the answers other than 200, by status (0 for a
// transport error).
func (r burstResult) unexpected() map[int]int {
	bad := map[int]int{}
	for status, n := range r.statuses {
		if status != http.StatusOK {
			bad[status] = n
		}
	}
	if r.errors > 0 {
		bad[0] = r.errors
	}
	return bad
}

// memory is a process's resident set size now and at its peak, in KiB.
type memory struct {
	rssKiB, hwmKiB int64
}

func (m memory) rssString() string { return fmt.Sprintf("%.1f MiB", float64(m.rssKiB)/1024) }
func (m memory) hwmString() string { return fmt.Sprintf("%.1f MiB", float64(m.hwmKiB)/1024) }

// readMemory reads VmRSS and VmHWM from /proc/<pid>/status.
func readMemory(pid int) (memory, error) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return memory{}, err
	}
	var m memory
	for _, line := range strings.Split(string(raw), "\n") {
		name, value, _ := strings.Cut(line, ":")
		var kib int64
		fmt.Sscanf(strings.TrimSpace(value), "%d kB", &kib)
		switch name {
		case "VmRSS":
			m.rssKiB = kib
		case "VmHWM":
			m.hwmKiB = kib
		}
	}
	return m, nil
}

// sampleMemory reads the process's memory every 5 ms until the returned
// function is called, which returns the highest RSS seen.
func sampleMemory(pid int) func() memory {
	done, peak := make(chan struct{}), make(chan memory)
	go func() {
		var highest memory
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			if m, err := readMemory(pid); err == nil && m.rssKiB > highest.rssKiB {
				highest = m
			}
			select {
			case <-done:
				peak <- highest
				return
			case <-tick.C:
			}
		}
	}()
	return func() memory {
		close(done)
		return <-peak
	}
}

// mustReadMemory is readMemory for a process that must be running.
func mustReadMemory(t *testing.T, pid int) memory {
	t.Helper()
	m, err := readMemory(pid)
	if err != nil {
		t.Fatalf("reading the app's memory: %v", err)
	}
	return m
}
