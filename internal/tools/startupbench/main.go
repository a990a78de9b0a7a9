// Command startupbench measures how long Spark API takes from process start
// to its first 200 from GET /api/health, as a whole process, beside a bare
// Echo + inngestgo binary measured in the same run, and the size of the
// binary. Usage: go run ./internal/tools/startupbench [-runs 15]
package main

import (
	"bytes"
	"encoding/base64"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"time"

	"spark.dev/spark/internal/tools/benchproc"
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
		if err := benchproc.Build(bin, ".", build.ldflags); err != nil {
			return err
		}
		info, err := os.Stat(bin)
		if err != nil {
			return err
		}
		fmt.Printf("binary, %s: %.1f MB (%d bytes)\n", build.name, float64(info.Size())/1e6, info.Size())
	}
	bare := filepath.Join(dir, "bareserve")
	if err := benchproc.Build(bare, "./internal/tools/bareserve", ""); err != nil {
		return err
	}
	app := filepath.Join(dir, "spark-api")
	data := filepath.Join(dir, "data")
	scenarios := []scenario{
		{name: "bare Echo + inngestgo (internal/tools/bareserve)", bin: bare},
		{name: "spark-api restart (production, existing SQLite file)", bin: app, args: []string{"-dotenv=false"}, env: appEnv(data)},
		{name: "spark-api first start (production, new SQLite file, migrations)", bin: app, args: []string{"-dotenv=false"}, env: appEnv(data), fresh: data},
	}
	// The scenarios take turns, run after run, so that a slower moment of
	// the machine falls on each of them alike.
	for i := 0; i < runs; i++ {
		for j := range scenarios {
			if err := scenarios[j].startOnce(); err != nil {
				return err
			}
		}
	}
	for i := range scenarios {
		slices.Sort(scenarios[i].times)
	}
	bareMedian := scenarios[0].median()
	for _, s := range scenarios {
		fmt.Printf("%s, %d runs: median %v (%.2f× bare), min %v, max %v\n", s.name, runs, s.median().Round(10*time.Microsecond),
			s.median().Seconds()/bareMedian.Seconds(), s.times[0].Round(10*time.Microsecond), s.times[len(s.times)-1].Round(10*time.Microsecond))
	}
	return nil
}

// appEnv is the app's production configuration on a SQLite file in data.
func appEnv(data string) []string {
	key := func(b byte) string { return base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{b}, 32)) }
	return []string{"APP_ENV=production", "DATABASE_URL=sqlite:" + filepath.Join(data, "spark.db"), "LOG_LEVEL=error",
		"INNGEST_SIGNING_KEY=" + signingKey, "ENCRYPTION_KEY=" + key(1), "CALLBACK_SECRET=" + key(2),
		"SUPABASE_JWT_SECRET=" + key(3), "APP_URL=http://127.0.0.1:1"}
}

const signingKey = "signkey-prod-0123456789abcdef0123456789abcdef0123456789abcdef01234567"

// scenario is one way of starting a process, with the times measured.
type scenario struct {
	name  string
	bin   string
	args  []string
	env   []string
	fresh string // a folder removed before each start; "" for none
	times []time.Duration
}

// median is the middle of times, once they are sorted.
func (s *scenario) median() time.Duration {
	return s.times[len(s.times)/2]
}

func (s *scenario) startOnce() error {
	if s.fresh != "" {
		os.RemoveAll(s.fresh)
	}
	d, err := startOnce(s.bin, s.args, s.env)
	if err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	s.times = append(s.times, d)
	return nil
}

// startOnce starts the binary and returns the time to its first 200 from
// /api/health.
func startOnce(bin string, args, env []string) (time.Duration, error) {
	port, err := benchproc.FreePort()
	if err != nil {
		return 0, err
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(append(os.Environ(), fmt.Sprintf("PORT=%d", port)), env...)
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
