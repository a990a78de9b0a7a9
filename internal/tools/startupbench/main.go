// Command startupbench measures how long Spark API takes from process start
// to its first 200 from GET /api/health, as a whole process, and the size of
// the binary. Usage: go run ./internal/tools/startupbench [-runs 15]
package main

import (
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"time"
)

func main() {
	runs := flag.Int("runs", 15, "process starts per scenario")
	flag.Parse()
	if err := measure(*runs); err != nil {
		fmt.Fprintln(os.Stderr, "startupbench:", err)
		os.Exit(1)
	}
}

func measure(runs int) error {
	dir, err := os.MkdirTemp("", "startupbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	for _, build := range []struct{ name, ldflags string }{{"default", ""}, {"stripped (-s -w, as Vercel builds)", "-s -w"}} {
		bin := filepath.Join(dir, "spark-api")
		cmd := exec.Command("go", "build", "-ldflags", build.ldflags, "-o", bin, ".")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return err
		}
		info, err := os.Stat(bin)
		if err != nil {
			return err
		}
		fmt.Printf("binary, %s: %.1f MB (%d bytes)\n", build.name, float64(info.Size())/1e6, info.Size())
	}
	bin := filepath.Join(dir, "spark-api")
	for _, scenario := range []struct {
		name  string
		fresh bool
	}{{"first start (new SQLite file, migrations, dev keys generated)", true}, {"restart (existing database)", false}} {
		data := filepath.Join(dir, "data")
		var times []time.Duration
		for i := 0; i < runs; i++ {
			if scenario.fresh {
				os.RemoveAll(data)
			}
			d, err := startOnce(bin, data)
			if err != nil {
				return err
			}
			times = append(times, d)
		}
		slices.Sort(times)
		fmt.Printf("%s, %d runs: median %v, min %v, max %v\n", scenario.name, runs,
			times[len(times)/2].Round(100*time.Microsecond), times[0].Round(100*time.Microsecond), times[len(times)-1].Round(100*time.Microsecond))
	}
	return nil
}

// startOnce starts the binary and returns the time to its first 200 from
// /api/health.
func startOnce(bin, data string) (time.Duration, error) {
	port, err := freePort()
	if err != nil {
		return 0, err
	}
	cmd := exec.Command(bin, "-dotenv=false")
	cmd.Env = append(os.Environ(), fmt.Sprintf("PORT=%d", port), "DATABASE_URL=sqlite:"+filepath.Join(data, "spark.db"), "LOG_LEVEL=error")
	url := fmt.Sprintf("http://127.0.0.1:%d/api/health", port)
	client := &http.Client{Timeout: time.Second}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	for time.Since(start) < 30*time.Second {
		if resp, err := client.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return time.Since(start), nil
			}
		}
		time.Sleep(500 * time.Microsecond)
	}
	return 0, fmt.Errorf("no 200 from %s within 30 s", url)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
