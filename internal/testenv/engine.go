package testenv

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Engine is a self-hosted Inngest engine (`inngest start`, the dev server's
// binary) on Redis and PostgreSQL, with signatures on. Its REST API is the
// dev server's, behind the signing key.
type Engine struct {
	*DevServer
	SigningKey string // plain hex, as `inngest start` takes it
	EventKey   string

	t    testing.TB
	args []string
	proc *process // nil while it is stopped
	log  *LogBuffer
}

// EngineOptions say where the engine keeps its state. Engines given the same
// Redis and PostgreSQL share their queue and runs.
type EngineOptions struct {
	RedisURL    string
	PostgresURL string
	SigningKey  string
	EventKey    string
	// MaxConns bounds the engine's PostgreSQL pool (its default is 100, as
	// is PostgreSQL's max_connections).
	MaxConns int
}

// StartEngine starts `inngest start` on free loopback ports and kills it when
// the test ends. It binds its connect ports on every interface whatever
// --host says, so call it only inside a network namespace of loopback alone
// (see InOwnNetwork).
func StartEngine(t testing.TB, o EngineOptions) *Engine {
	t.Helper()
	bin := engineBinary(t)
	if os.Getenv(ownNetworkEnv) == "" {
		t.Fatal("StartEngine outside its own network namespace: the engine would listen on every interface")
	}
	port := FreePort(t)
	e := &Engine{
		DevServer:  &DevServer{URL: fmt.Sprintf("http://127.0.0.1:%d", port), bearer: o.SigningKey},
		SigningKey: o.SigningKey, EventKey: o.EventKey, t: t, log: &LogBuffer{},
	}
	e.args = []string{bin, "start", "--host", "127.0.0.1", "--port", strconv.Itoa(port), "--no-ui",
		"--signing-key", o.SigningKey, "--event-key", o.EventKey,
		"--redis-uri", o.RedisURL, "--postgres-uri", o.PostgresURL,
		"--postgres-max-open-conns", strconv.Itoa(o.MaxConns), "--postgres-max-idle-conns", strconv.Itoa(min(o.MaxConns, 10)),
		// Linear one-second retry backoff keeps retried steps quick in tests.
		"--retry-interval", "1",
		"--connect-gateway-port", strconv.Itoa(FreePort(t)),
		"--connect-gateway-grpc-port", strconv.Itoa(FreePort(t)),
		"--connect-executor-grpc-port", strconv.Itoa(FreePort(t)),
	}
	e.Start()
	t.Cleanup(func() {
		e.Kill()
		if t.Failed() {
			t.Logf("engine %s output (last 4 KiB):\n%s", e.URL, e.log.Tail(4096))
		}
	})
	return e
}

// Start starts the engine process (again, after Kill) and waits for its API.
func (e *Engine) Start() {
	e.t.Helper()
	e.proc = startProcess(e.t, e.args, e.log)
	if !e.proc.waitAnswering(e.t, 90*time.Second, "the engine to answer /health", e.URL+"/health") {
		e.t.Fatalf("the engine ended before it answered; its output (last 4 KiB):\n%s", e.log.Tail(4096))
	}
}

// Kill stops the engine with SIGKILL: no shutdown, work cut off mid-step.
func (e *Engine) Kill() {
	if e.proc == nil {
		return
	}
	e.proc.kill()
	e.proc = nil
}

// PID is the running engine's process id, 0 while it is stopped.
func (e *Engine) PID() int {
	if e.proc == nil {
		return 0
	}
	return e.proc.cmd.Process.Pid
}

// RSS is the engine's resident memory in KiB, from /proc.
func (e *Engine) RSS() int {
	if e.PID() == 0 {
		return 0
	}
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", e.PID()))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kib, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return kib
		}
	}
	return 0
}
