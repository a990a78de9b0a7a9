// Package localport finds a free TCP port on 127.0.0.1 for the benchmark
// tools' servers.
package localport

import "net"

// Free returns a port of 127.0.0.1 that was free a moment ago.
func Free() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
