package config

import (
	"fmt"
	"os"
	"testing"
)

// TestMain runs the tests in an empty folder: a development config without
// keys generates them into ./data, which must not land in the source tree.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "spark-config-test")
	if err == nil {
		err = os.Chdir(dir)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
