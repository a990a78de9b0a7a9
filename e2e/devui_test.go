package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"spark.dev/spark/internal/fakereadwise"
	"spark.dev/spark/internal/testenv"
)

// devUIChromiumEnv names the Chromium binary that drives the Dev UI check.
// scripts/test.sh sets it (installing Debian's chromium when missing) unless
// SPARK_DEV_UI=0, and CI always builds the UI, so there the check always runs.
const devUIChromiumEnv = "SPARK_DEVUI_CHROMIUM"

// The dev server's own UI, in a real browser: its Runs page lists a
// completed run of one of the app's functions, by run id, name and status.
func TestDevUIRunsPageShowsACompletedRun(t *testing.T) {
	chromium := os.Getenv(devUIChromiumEnv)
	if chromium == "" && os.Getenv("CI") == "true" {
		t.Fatalf("%s is not set: CI must build the Dev UI and check it (.ci/run)", devUIChromiumEnv)
	}
	if chromium == "" {
		t.Skipf("%s is not set: scripts/test.sh sets it unless SPARK_DEV_UI=0", devUIChromiumEnv)
	}
	s := startStack(t, nil)
	assertServesUI(t, s.Dev.URL)

	const user, rwToken = "00000000-0000-4000-8000-0000000001d1", "rw-token-devui-0123456789"
	s.Readwise.AddUser(rwToken, fakereadwise.GenerateLibrary(3, 17, 40))
	status, body := s.do(http.MethodPost, "/api/inngest/trigger-readwise", token(t, user), map[string]string{"apiKey": rwToken})
	var answer triggerAnswer
	if status != http.StatusOK || json.Unmarshal(body, &answer) != nil || answer.EventID == "" {
		t.Fatalf("trigger-readwise: %d %s", status, body)
	}
	run := s.Dev.WaitForRuns(t, answer.EventID, 1, runTimeout)[0]
	if run.Status != "Completed" {
		t.Fatalf("run ended %s: %s", run.Status, run.Output)
	}

	// The page polls the dev server's GraphQL API; a render before its first
	// answer lists nothing yet, so load it again until the row is there.
	var dom string
	testenv.WaitFor(t, 3*time.Minute, "the Runs page to list run "+run.RunID, func() bool {
		dom = dumpDOM(t, chromium, s.Dev.URL+"/runs")
		return strings.Contains(dom, run.RunID)
	})
	row := tableRowWith(dom, run.RunID)
	for _, want := range []string{">Readwise: count books<", ">COMPLETED<", ">" + "readwise/count-books" + "<"} {
		if !strings.Contains(row, want) {
			t.Errorf("the Runs page's row for %s lacks %q:\n%s", run.RunID, want, row)
		}
	}
}

// assertServesUI fails early, with the reason, when the dev server was built
// without its UI (its pages are then empty).
func assertServesUI(t *testing.T, devURL string) {
	t.Helper()
	resp, err := http.Get(devURL + "/runs")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	page, _ := io.ReadAll(resp.Body)
	if !bytes.Contains(page, []byte("<html")) {
		t.Fatalf("the dev server serves no UI (GET /runs: %d, %d bytes): %s=%s was built with SPARK_DEV_UI=0",
			resp.StatusCode, len(page), testenv.DevServerBinEnv, os.Getenv(testenv.DevServerBinEnv))
	}
}

// dumpDOM loads url in headless Chromium and returns the DOM once the page's
// scripts have run (virtual time lets its timers and fetches settle).
func dumpDOM(t *testing.T, chromium, url string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
		"--user-data-dir="+t.TempDir(), "--virtual-time-budget=15000", "--dump-dom", url)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium --dump-dom %s: %v\n%s", url, err, stderr.String())
	}
	return string(out)
}

// tableRowWith is the <tr> element of dom that contains text, or "".
func tableRowWith(dom, text string) string {
	for _, row := range strings.Split(dom, "<tr")[1:] {
		row, _, _ = strings.Cut(row, "</tr>")
		if strings.Contains(row, text) {
			return "<tr" + row + "</tr>"
		}
	}
	return ""
}
