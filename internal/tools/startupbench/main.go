// Command startupbench measures how long Spark API takes from process start
// to its first 200 from GET /api/health, as a whole process, beside a bare
// Echo + inngestgo binary measured in the same run, and the size of the
// binary, and the time to a first signed-in read of the database after it.
// Usage: go run ./internal/tools/startupbench [-runs 15]
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

	"github.com/golang-jwt/jwt/v5"

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
		{name: "spark-api restart (production, existing SQLite file)", bin: app, args: []string{"-dotenv=false"}, env: appEnv(data), read: true},
		{name: "spark-api first start (production, new SQLite file, migrations)", bin: app, args: []string{"-dotenv=false"}, env: appEnv(data), fresh: data, read: true},
	}
	// Bare and the restart take turns, run after run, so that a slower
	// moment of the machine falls on both alike. The first starts come
	// after them: each writes and syncs a new file, and the writeback
	// slowed the starts that followed it (bare's median moved between
	// 7 and 17 ms from one run to the next).
	for _, turn := range [][]int{{0, 1}, {2}} {
		for i := 0; i < runs; i++ {
			for _, j := range turn {
				if err := scenarios[j].startOnce(); err != nil {
					return err
				}
			}
		}
	}
	bareMedian := median(scenarios[0].times)
	for _, s := range scenarios {
		fmt.Printf("%s, %d runs: median %v (%.2f× bare), min %v, max %v\n", s.name, runs, median(s.times).Round(10*time.Microsecond),
			median(s.times).Seconds()/bareMedian.Seconds(), slices.Min(s.times).Round(10*time.Microsecond), slices.Max(s.times).Round(10*time.Microsecond))
		if s.read {
			fmt.Printf("  then its first signed-in read (GET /api/function-logs), from the start: median %v, max %v\n",
				median(s.readTimes).Round(10*time.Microsecond), slices.Max(s.readTimes).Round(10*time.Microsecond))
		}
	}
	return nil
}

// appEnv is the app's production configuration on a SQLite file in data.
func appEnv(data string) []string {
	return []string{"APP_ENV=production", "DATABASE_URL=sqlite:" + filepath.Join(data, "spark.db"), "LOG_LEVEL=error",
		"INNGEST_SIGNING_KEY=" + signingKey, "ENCRYPTION_KEY=" + key(1), "CALLBACK_SECRET=" + key(2),
		"SUPABASE_JWT_SECRET=" + key(3), "APP_URL=http://127.0.0.1:1"}
}

// userToken is a Supabase-shaped access token signed with appEnv's
// SUPABASE_JWT_SECRET.
var userToken = func() string {
	claims := jwt.RegisteredClaims{Subject: "4f7c9b1e-2d3a-4c5b-8e6f-7a8b9c0d1e2f", Audience: jwt.ClaimStrings{"authenticated"},
		ExpiresAt: jwt.NewNumericDate(time.Now().Add(24 * time.Hour))}
	signed, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(key(3)))
	if err != nil {
		panic(err)
	}
	return signed
}()

// key is a base64 key of 32 bytes b.
func key(b byte) string { return base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{b}, 32)) }

const signingKey = "signkey-prod-0123456789abcdef0123456789abcdef0123456789abcdef01234567"

// scenario is one way of starting a process, with the times measured.
type scenario struct {
	name  string
	bin   string
	args  []string
	env   []string
	fresh string // a folder removed before each start; "" for none
	// read: after the health check, time a signed-in read of the database
	// too, which the first statement of a connection waits for.
	read             bool
	times, readTimes []time.Duration
}

// median is the middle of times.
func median(times []time.Duration) time.Duration {
	sorted := slices.Sorted(slices.Values(times))
	return sorted[len(sorted)/2]
}

func (s *scenario) startOnce() error {
	if s.fresh != "" {
		os.RemoveAll(s.fresh)
	}
	health, read, err := startOnce(s.bin, s.args, s.env, s.read)
	if err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	s.times = append(s.times, health)
	if s.read {
		s.readTimes = append(s.readTimes, read)
	}
	return nil
}

// startOnce starts the binary and returns the time to its first 200 from
// /api/health and, when read is set, to the 200 of a signed-in read after it.
func startOnce(bin string, args, env []string, read bool) (health, firstRead time.Duration, err error) {
	port, err := benchproc.FreePort()
	if err != nil {
		return 0, 0, err
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(append(os.Environ(), fmt.Sprintf("PORT=%d", port)), env...)
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	client := &http.Client{Timeout: time.Second}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, err
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	for time.Since(start) < 30*time.Second {
		if resp, err := client.Get(base + "/api/health"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				health = time.Since(start)
				break
			}
		}
		time.Sleep(500 * time.Microsecond)
	}
	if health == 0 {
		return 0, 0, fmt.Errorf("no 200 from %s/api/health within 30 s", base)
	}
	if !read {
		return health, 0, nil
	}
	req, err := http.NewRequest(http.MethodGet, base+"/api/function-logs", nil)
	if err != nil {
		return 0, 0, err
	}
	req.Header.Set("Authorization", "Bearer "+userToken)
	resp, err := client.Do(req)
	if err != nil {
		return 0, 0, err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, 0, fmt.Errorf("GET /api/function-logs: %s", resp.Status)
	}
	return health, time.Since(start), nil
}
