// Package selfhost runs the app against the self-hosted Inngest engine
// (`inngest start`) on real Redis and PostgreSQL, with signatures on, with a
// fake Readwise behind it. The whole package runs in a network namespace of
// its own: the engine binds its connect ports on every interface.
package selfhost

import (
	"fmt"
	"net"
	"os"

	"testing"

	"spark.dev/spark/internal/testenv"
)

func TestMain(m *testing.M) {
	if code := testenv.InOwnNetwork(); code >= 0 {
		os.Exit(code)
	}
	// The test script's PostgreSQL is outside this namespace: start one here.
	dir, err := os.MkdirTemp("", "spark-selfhost-pg")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	url, err := testenv.Script("postgres.sh", "start", dir, fmt.Sprint(freePort()))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv(testenv.PostgresServerEnv, url)
	code := m.Run()
	if _, err := testenv.Script("postgres.sh", "stop", dir); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	os.Exit(code)
}

func freePort() int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
