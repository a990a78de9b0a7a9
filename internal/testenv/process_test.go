package testenv

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestWaitAnsweringStopsWhenTheProcessEnds(t *testing.T) {
	log := &LogBuffer{}
	p := startProcess(t, []string{"sh", "-c", "echo port taken; exit 3"}, log)
	url := "http://127.0.0.1:" + strconv.Itoa(FreePort(t)) + "/"
	// Without watching for the end this would wait out the minute and fail.
	if p.waitAnswering(t, time.Minute, "a process that has ended", url) {
		t.Fatal("waitAnswering reported an answer from a process that ended")
	}
	if !strings.Contains(log.String(), "port taken") {
		t.Errorf("the process's output was not collected: %q", log.String())
	}
}

func TestWaitAnsweringReportsTheAnswer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	p := startProcess(t, []string{"sleep", "60"}, &LogBuffer{})
	defer p.kill()
	if !p.waitAnswering(t, time.Minute, "the server to answer", srv.URL) {
		t.Fatal("waitAnswering did not report the answer")
	}
	p.kill()
	select {
	case <-p.exited:
	default:
		t.Fatal("kill returned before the process ended")
	}
}

func TestFreePortsAreDistinct(t *testing.T) {
	seen := map[int]bool{}
	for _, port := range FreePorts(t, 8) {
		if seen[port] {
			t.Fatalf("port %d given twice", port)
		}
		seen[port] = true
	}
}
