package testenv

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// ownNetworkEnv marks a test process re-executed inside its own network
// namespace.
const ownNetworkEnv = "SPARK_TEST_OWN_NETWORK"

// InOwnNetwork runs a test package inside a network namespace with only
// loopback, for parts that listen on every interface (`inngest start`).
// Called from TestMain before m.Run: outside the namespace it re-executes the
// test binary inside one (unshare needs root) and returns its exit code;
// inside it returns -1 and the caller runs the tests. Everything the tests
// reach (PostgreSQL, Redis, fakes, the app) must then start inside too.
func InOwnNetwork() int {
	if os.Getenv(ownNetworkEnv) != "" {
		return -1
	}
	if _, err := exec.LookPath("unshare"); err != nil || os.Geteuid() != 0 {
		fmt.Fprintln(os.Stderr, "these tests run the Inngest engine in a network namespace of its own: they need root and unshare (util-linux)")
		return 1
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	cmd := exec.Command("unshare", append([]string{"--net", "--", "sh", "-c", `ip link set lo up && exec "$0" "$@"`, self}, os.Args[1:]...)...)
	cmd.Env = append(os.Environ(), ownNetworkEnv+"=1")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		if exit, ok := err.(*exec.ExitError); ok {
			return exit.ExitCode()
		}
		fmt.Fprintln(os.Stderr, "unshare:", err)
		return 1
	}
	return 0
}

// Script runs one of the repository's scripts/ and returns what it printed.
func Script(name string, args ...string) (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
	out, err := exec.Command(filepath.Join(dir, "scripts", name), args...).Output()
	if err != nil {
		if exit, ok := err.(*exec.ExitError); ok {
			return "", fmt.Errorf("scripts/%s: %v\n%s", name, err, exit.Stderr)
		}
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// StartRedis starts a throwaway Redis (scripts/redis.sh) on a free port and
// stops it when the test ends.
func StartRedis(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	url, err := Script("redis.sh", "start", dir, fmt.Sprint(FreePort(t)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = Script("redis.sh", "stop", dir) })
	return url
}
