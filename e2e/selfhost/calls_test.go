package selfhost

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"

	"spark.dev/spark/internal/testenv"
)

// calls observes what the engines ask of the app: which engine process made
// each call (by the owner of the calling socket), the runs each executed,
// and how often each step was returned as done.
type calls struct {
	engines []*testenv.Engine

	mu        sync.Mutex
	runs      map[int]map[string]bool // engine pid → run ids it called for
	calls     map[int]int             // engine pid → calls
	stepsDone map[string]int          // "<function id>/<step name>" → times returned as done
}

type peerKey struct{}

func newCalls(engines []*testenv.Engine) *calls {
	return &calls{engines: engines, runs: map[int]map[string]bool{}, calls: map[int]int{}, stepsDone: map[string]int{}}
}

// attribute is the server's ConnContext: it notes which engine opened conn.
func (c *calls) attribute(ctx context.Context, conn net.Conn) context.Context {
	return context.WithValue(ctx, peerKey{}, c.ownerOf(conn.RemoteAddr().(*net.TCPAddr).Port))
}

func (c *calls) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/api/inngest" {
			next.ServeHTTP(w, r)
			return
		}
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		tee := &teeWriter{ResponseWriter: w}
		next.ServeHTTP(tee, r)
		var call struct {
			Ctx struct {
				RunID string `json:"run_id"`
			} `json:"ctx"`
		}
		_ = json.Unmarshal(body, &call)
		var ops []struct {
			Op   string `json:"op"`
			Name string `json:"name"`
		}
		if tee.status == http.StatusPartialContent {
			_ = json.Unmarshal(tee.body.Bytes(), &ops)
		}
		pid, _ := r.Context().Value(peerKey{}).(int)
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.runs[pid] == nil {
			c.runs[pid] = map[string]bool{}
		}
		c.runs[pid][call.Ctx.RunID] = true
		c.calls[pid]++
		for _, op := range ops {
			if op.Op == "StepRun" {
				c.stepsDone[r.URL.Query().Get("fnId")+"/"+op.Name]++
			}
		}
	})
}

// By counts, per engine pid, the calls each engine made and the runs it
// made them for (a run's steps may be called by different engines).
func (c *calls) By() (calls, runs map[int]int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	runs = map[int]int{}
	for pid, ids := range c.runs {
		runs[pid] = len(ids)
	}
	return maps.Clone(c.calls), runs
}

// StepsDone counts, per "<qualified function id>/<step name>", how often
// the app returned the step as done.
func (c *calls) StepsDone() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[string]int{}
	for k, v := range c.stepsDone {
		out[k] = v
	}
	return out
}

// ownerOf finds the engine process holding the loopback socket bound to
// port: the kernel's socket table gives its inode, the engine's fds the owner.
func (c *calls) ownerOf(port int) int {
	raw, err := os.ReadFile("/proc/net/tcp")
	if err != nil {
		return 0
	}
	local := fmt.Sprintf(":%04X", port)
	inode := ""
	for _, line := range strings.Split(string(raw), "\n")[1:] {
		f := strings.Fields(line)
		if len(f) > 9 && strings.HasSuffix(f[1], local) {
			inode = f[9]
			break
		}
	}
	if inode == "" {
		return 0
	}
	for _, e := range c.engines {
		pid := e.PID()
		fds, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
		for _, fd := range fds {
			if target, _ := os.Readlink(fmt.Sprintf("/proc/%d/fd/%s", pid, fd.Name())); target == "socket:["+inode+"]" {
				return pid
			}
		}
	}
	return 0
}

// teeWriter keeps a copy of the response.
type teeWriter struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (w *teeWriter) WriteHeader(status int) {
	w.status = status
	w.ResponseWriter.WriteHeader(status)
}

func (w *teeWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	w.body.Write(p)
	return w.ResponseWriter.Write(p)
}
