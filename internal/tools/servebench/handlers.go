package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"spark.dev/spark/config"
	"spark.dev/spark/inngest"
	"spark.dev/spark/internal/tools/bareinngest"
	"spark.dev/spark/internal/tools/benchproc"
	"spark.dev/spark/store"
	"spark.dev/spark/store/postgres"
	"spark.dev/spark/store/sqlite"
)

const signingKey = "signkey-prod-0123456789abcdef0123456789abcdef0123456789abcdef01234567"

// server is one handler under test, as a process of its own: its heap, its
// garbage collector and its threads are its own, as they are in production.
type server struct {
	target
	engine      string
	databaseURL string // the app's; "" for the bare handler
	cmd         *exec.Cmd
	dirs        []string // removed at Close
}

// Close stops the process and removes its folders.
func (s *server) Close() {
	if s.cmd != nil {
		s.cmd.Process.Kill()
		s.cmd.Wait()
	}
	for _, dir := range s.dirs {
		os.RemoveAll(dir)
	}
}

// peakRSS is the process's peak resident set so far, in bytes.
func (s *server) peakRSS() (int64, error) {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0, err
	}
	for line := range strings.Lines(string(status)) {
		if kb, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(kb), " kB"), 10, 64)
			return n * 1024, err
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/%d/status", s.cmd.Process.Pid)
}

// startBare runs the bare inngestgo app (internal/tools/bareserve), the
// floor the app is measured against.
func startBare() (*server, error) {
	s := &server{engine: "none"}
	url, err := s.start("./internal/tools/bareserve", nil, []string{"INNGEST_SIGNING_KEY=" + signingKey})
	if err != nil {
		s.Close()
		return nil, err
	}
	s.target = target{url: url + "/api/inngest", fnID: inngest.QualifiedID(bareinngest.AppID, bareinngest.FunctionID), signingKey: signingKey, wantBody: `"isLastStep":true`}
	return s, nil
}

// startSpark runs the app's binary as production runs it, on a new SQLite
// file or the PostgreSQL database given, with its function-log middleware
// on.
func startSpark(database string) (*server, error) {
	dir, err := os.MkdirTemp("", "servebench-data")
	if err != nil {
		return nil, err
	}
	s := &server{dirs: []string{dir}}
	if database == "sqlite" {
		database = "sqlite:" + filepath.Join(dir, "spark.db")
	}
	key := func(b byte) string { return base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{b}, 32)) }
	vars := map[string]string{
		"APP_ENV":             "production",
		"DATABASE_URL":        database,
		"INNGEST_SIGNING_KEY": signingKey,
		"ENCRYPTION_KEY":      key(1),
		"CALLBACK_SECRET":     key(2),
		"SUPABASE_JWT_SECRET": key(3),
		"APP_URL":             "http://127.0.0.1:1",
		"LOG_LEVEL":           "warn",
	}
	// The app's configuration as the process will read it: its app id and
	// its store.
	cfg, err := config.Load(func(name string) string { return vars[name] })
	if err != nil {
		s.Close()
		return nil, err
	}
	var env []string
	for k, v := range vars {
		env = append(env, k+"="+v)
	}
	url, err := s.start(".", []string{"-dotenv=false"}, env)
	if err != nil {
		s.Close()
		return nil, err
	}
	s.engine, s.databaseURL = cfg.StoreEngine(), database
	s.target = target{url: url + "/api/inngest", fnID: inngest.QualifiedID(cfg.AppID, inngest.FunctionCountBooks), signingKey: signingKey, wantBody: `"isLastStep":true`}
	return s, nil
}

// start builds pkg, runs it with args and env on a free port of
// 127.0.0.1, and returns its URL once /api/health answers 200.
func (s *server) start(pkg string, args, env []string) (string, error) {
	dir, err := os.MkdirTemp("", "servebench-bin")
	if err != nil {
		return "", err
	}
	s.dirs = append(s.dirs, dir)
	bin := filepath.Join(dir, "server")
	if err := benchproc.Build(bin, pkg, ""); err != nil {
		return "", fmt.Errorf("build %s: %w", pkg, err)
	}
	port, err := benchproc.FreePort()
	if err != nil {
		return "", err
	}
	s.cmd = exec.Command(bin, args...)
	s.cmd.Env = append(append(os.Environ(), fmt.Sprintf("PORT=%d", port)), env...)
	s.cmd.Stderr = os.Stderr
	if err := s.cmd.Start(); err != nil {
		s.cmd = nil
		return "", err
	}
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if resp, err := http.Get(url + "/api/health"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return url, nil
			}
		}
	}
	return "", fmt.Errorf("%s: no 200 from /api/health within 30 s", pkg)
}

// countCompleted counts the bench user's completed runs through a store of
// its own, as a second instance would see them.
func countCompleted(ctx context.Context, databaseURL string) (int, error) {
	var st store.Store
	var err error
	if path, ok := strings.CutPrefix(databaseURL, "sqlite:"); ok {
		st, err = sqlite.Open(ctx, path)
	} else {
		st, err = postgres.Open(ctx, databaseURL)
	}
	if err != nil {
		return 0, err
	}
	defer st.Close()
	_, total, err := st.FunctionLogs(ctx, benchUser, store.FunctionLogQuery{Limit: 1, OrderBy: "started_at", Status: store.RunCompleted})
	if err != nil {
		return 0, fmt.Errorf("count logged runs: %w", err)
	}
	return total, nil
}
