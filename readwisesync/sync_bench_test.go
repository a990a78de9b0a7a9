package readwisesync_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"spark.dev/spark/config"
	"spark.dev/spark/internal/testenv"
	"spark.dev/spark/internal/testtoken"
	"spark.dev/spark/readwise"
	"spark.dev/spark/readwisesync"
	"spark.dev/spark/store"
	"spark.dev/spark/store/postgres"
	"spark.dev/spark/store/sqlite"
)

// A first sync of SPARK_BENCH_HIGHLIGHTS highlights (100,000 by default)
// over one book per 50, pacing off, page by page exactly as the Inngest
// functions do it (without the engine between pages). The fake runs in a
// process of its own, so the peak RSS reported is this process's: the sync
// and the store alone. A third run fetches the same pages and stores
// nothing: the floor of the other two. Run with scripts/bench-sync.sh.
func BenchmarkFirstSync(b *testing.B) {
	const token = "rw-bench-token"
	config.ApplyGCDefault() // the collector's target of the app's process
	highlights := 100_000
	if n, err := strconv.Atoi(os.Getenv("SPARK_BENCH_HIGHLIGHTS")); err == nil && n > 0 {
		highlights = n
	}
	fake := startFake(b, token, max(highlights/50, 1), highlights)
	client := readwise.New(readwise.Options{BaseURL: fake.url, DisablePacing: true})

	engines := map[string]func(b *testing.B) store.Store{
		"sqlite": func(b *testing.B) store.Store {
			return open(b, func(ctx context.Context) (store.Store, error) {
				return sqlite.Open(ctx, filepath.Join(b.TempDir(), "spark.db"))
			})
		},
		"postgres": func(b *testing.B) store.Store {
			url := testenv.PostgresDatabase(b)
			return open(b, func(ctx context.Context) (store.Store, error) { return postgres.Open(ctx, url) })
		},
	}
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				st := engines[engine](b)
				user := testtoken.UserID(0xbe0000 + i)
				runtime.GC()
				resetPeakRSS(b)
				b.StartTimer()

				start := time.Now()
				rows := syncAll(b, &readwisesync.Syncer{Store: st, Readwise: client}, user, token)
				elapsed := time.Since(start)

				b.StopTimer()
				b.ReportMetric(float64(rows)/elapsed.Seconds(), "rows/s")
				b.ReportMetric(float64(peakRSS(b))/1e6, "peak-RSS-MB")
				if n, _ := st.CountHighlights(context.Background(), user); n != highlights {
					b.Fatalf("%d highlights stored, want %d", n, highlights)
				}
				b.StartTimer()
			}
		})
	}
	// The floor of the two above: the same pages fetched and decoded, and
	// nothing stored.
	b.Run("fetch-only", func(b *testing.B) {
		for range b.N {
			start := time.Now()
			rows := fetchAll(b, client, token)
			b.ReportMetric(float64(rows)/time.Since(start).Seconds(), "rows/s")
		}
	})
	b.Logf("Readwise requests, all runs: %v", fake.requests(b))
}

// syncAll runs a first book sync then a first highlight sync, page by page,
// and returns the rows written.
func syncAll(b *testing.B, s *readwisesync.Syncer, user, token string) int {
	ctx := context.Background()
	rows := 0
	for next, first := "", true; first || next != ""; first = false {
		p, err := s.BooksPage(ctx, user, token, readwise.BookQuery{PageURL: next})
		if err != nil {
			b.Fatal(err)
		}
		rows, next = rows+p.Books, p.Next
	}
	for cursor, first := "", true; first || cursor != ""; first = false {
		p, err := s.HighlightsPage(ctx, user, token, readwise.ExportQuery{Cursor: cursor})
		if err != nil {
			b.Fatal(err)
		}
		rows, cursor = rows+p.Highlights, p.NextCursor
	}
	return rows
}

// fetchAll reads every page of books and of the export, as syncAll does,
// and returns the rows read.
func fetchAll(b *testing.B, client *readwise.Client, token string) int {
	ctx := context.Background()
	rows := 0
	for next, first := "", true; first || next != ""; first = false {
		p, err := client.ListBooks(ctx, token, readwise.BookQuery{PageURL: next})
		if err != nil {
			b.Fatal(err)
		}
		rows, next = rows+len(p.Books), p.Next
	}
	for cursor, first := "", true; first || cursor != ""; first = false {
		p, err := client.Export(ctx, token, readwise.ExportQuery{Cursor: cursor})
		if err != nil {
			b.Fatal(err)
		}
		for _, book := range p.Books {
			rows += len(book.Highlights)
		}
		cursor = p.NextCursor
	}
	return rows
}

func open(b *testing.B, openStore func(context.Context) (store.Store, error)) store.Store {
	st, err := openStore(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

// fakeProcess is the Readwise fake running as internal/tools/fakereadwise.
type fakeProcess struct {
	url   string
	stdin io.WriteCloser
	out   *bufio.Reader
	cmd   *exec.Cmd
}

func startFake(b *testing.B, token string, books, highlights int) *fakeProcess {
	bin := filepath.Join(b.TempDir(), "fakereadwise")
	build := exec.Command("go", "build", "-o", bin, "spark.dev/spark/internal/tools/fakereadwise")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("building the fake: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "-token", token, "-books", strconv.Itoa(books), "-highlights", strconv.Itoa(highlights))
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	f := &fakeProcess{stdin: stdin, out: bufio.NewReader(stdout), cmd: cmd}
	b.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := f.out.ReadString('\n')
	if err != nil {
		b.Fatalf("the fake did not start: %v", err)
	}
	f.url = strings.TrimSpace(line)
	return f
}

// requests stops the fake and returns the requests it answered by endpoint.
func (f *fakeProcess) requests(b *testing.B) map[string]int {
	f.stdin.Close()
	var counts map[string]int
	if err := json.NewDecoder(f.out).Decode(&counts); err != nil {
		b.Fatalf("reading the fake's request counts: %v", err)
	}
	return counts
}

// resetPeakRSS starts a new peak for peakRSS (Linux: clear_refs 5).
func resetPeakRSS(b *testing.B) {
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		b.Fatalf("resetting the peak RSS: %v", err)
	}
}

// peakRSS is this process's peak resident set since resetPeakRSS, in bytes.
func peakRSS(b *testing.B) int64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err != nil {
				b.Fatalf("VmHWM %q: %v", rest, err)
			}
			return kb * 1024
		}
	}
	b.Fatal("no VmHWM in /proc/self/status")
	return 0
}
