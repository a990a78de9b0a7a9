package e2e

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"spark.dev/spark/internal/testenv"
)

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
)

// appBinary builds the app's command (the module root) once per test run.
func appBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "spark-api-bin")
		if err != nil {
			buildErr = err
			return
		}
		binary = filepath.Join(dir, "spark-api")
		out, err := exec.Command("go", "build", "-o", binary, "spark.dev/spark").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binary
}

// processApp is the app as its own process, so a test can kill it the way a
// crash or a redeploy would: no graceful shutdown, work cut off mid-step.
type processApp struct {
	t    *testing.T
	bin  string
	env  []string
	url  string
	cmd  *exec.Cmd
	logs *testenv.LogBuffer
}

// startProcessApp runs the app on port with the environment vars, and
// kills it when the test ends.
func startProcessApp(t *testing.T, port int, vars map[string]string) *processApp {
	t.Helper()
	p := &processApp{t: t, bin: appBinary(t), url: fmt.Sprintf("http://127.0.0.1:%d", port), logs: &testenv.LogBuffer{}}
	p.env = []string{fmt.Sprintf("PORT=%d", port)}
	for k, v := range vars {
		p.env = append(p.env, k+"="+v)
	}
	p.start()
	t.Cleanup(func() {
		p.kill()
		if t.Failed() {
			t.Logf("app output (last 4 KiB):\n%s", p.logs.Tail(4096))
		}
	})
	return p
}

func (p *processApp) start() {
	p.t.Helper()
	p.cmd = exec.Command(p.bin, "-dotenv=false")
	p.cmd.Env = p.env
	p.cmd.Stdout, p.cmd.Stderr = p.logs, p.logs
	if err := p.cmd.Start(); err != nil {
		p.t.Fatal(err)
	}
	testenv.WaitFor(p.t, 30*time.Second, "the app process to answer /api/health", func() bool {
		resp, err := http.Get(p.url + "/api/health")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
}

// kill stops the process with SIGKILL.
func (p *processApp) kill() {
	if p.cmd == nil || p.cmd.Process == nil {
		return
	}
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	_ = p.cmd.Wait()
	p.cmd = nil
}
