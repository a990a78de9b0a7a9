package e2e

import (
	"os/exec"
	"testing"
)

// A Vercel deployment is exactly the function api/index: Vercel's own builder
// runs on a clean clone of HEAD, and what it would deploy is checked there.
// Installing the CLI the first time takes about half a minute.
func TestVercelDeploysOnlyTheFunction(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Vercel's builder")
	}
	out, err := exec.Command("bash", "../scripts/check-vercel.sh").CombinedOutput()
	if err != nil {
		t.Fatalf("scripts/check-vercel.sh: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}
