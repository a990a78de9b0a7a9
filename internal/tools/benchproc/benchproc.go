// Package benchproc builds the benchmark tools' servers from the checkout
// and finds them a free port on 127.0.0.1.
package benchproc

import (
	"net"
	"os"
	"os/exec"
)

// Build builds the package pkg (run from the repository's root) into out
// with ldflags, its output on stderr.
func Build(out, pkg, ldflags string) error {
	cmd := exec.Command("go", "build", "-ldflags", ldflags, "-o", out, pkg)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return cmd.Run()
}

// FreePort returns a port of 127.0.0.1 that was free a moment ago.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
