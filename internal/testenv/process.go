package testenv

import (
	"net/http"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// process is an Inngest binary the tests run in a process group of its own,
// so that the whole tree stops with it, and without telemetry.
type process struct {
	cmd    *exec.Cmd
	exited chan struct{} // closed once the process has ended
}

func startProcess(t testing.TB, args []string, log *LogBuffer) *process {
	t.Helper()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Env = append(os.Environ(), "DO_NOT_TRACK=1", "CI=true")
	cmd.Dir = t.TempDir()
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", args[0], err)
	}
	p := &process{cmd: cmd, exited: make(chan struct{})}
	go func() {
		_ = cmd.Wait()
		close(p.exited)
	}()
	return p
}

// waitAnswering polls url until it answers 200 and reports true, or reports
// false as soon as the process has ended without answering: a port it wanted
// was taken, say, which waiting longer would not change. It fails the test
// when neither happens within timeout.
func (p *process) waitAnswering(t testing.TB, timeout time.Duration, what, url string) bool {
	t.Helper()
	answered := false
	WaitFor(t, timeout, what, func() bool {
		select {
		case <-p.exited:
			return true
		default:
		}
		resp, err := http.Get(url)
		if err != nil {
			return false
		}
		resp.Body.Close()
		answered = resp.StatusCode == http.StatusOK
		return answered
	})
	return answered
}

// kill stops the process with SIGKILL (no shutdown) and waits for its end.
func (p *process) kill() {
	_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
	<-p.exited
}
