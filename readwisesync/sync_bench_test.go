package readwisesync_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"spark.dev/spark/internal/fakereadwise"
	"spark.dev/spark/internal/testenv"
	"spark.dev/spark/internal/testtoken"
	"spark.dev/spark/readwise"
	"spark.dev/spark/readwisesync"
	"spark.dev/spark/store"
	"spark.dev/spark/store/postgres"
	"spark.dev/spark/store/sqlite"
)

// A first sync of 100,000 highlights over 2,000 books from the fake, pacing
// off, page by page exactly as the Inngest functions do it (without the
// engine between pages). Run with scripts/bench-sync.sh.
func BenchmarkFirstSync(b *testing.B) {
	const token = "rw-bench-token"
	lib := fakereadwise.GenerateLibrary(1, 2000, 100_000)
	fake := fakereadwise.New()
	defer fake.Close()
	fake.SetLimits(fakereadwise.Limits{List: 1 << 30, Other: 1 << 30})
	fake.AddUser(token, lib)
	client := readwise.New(readwise.Options{BaseURL: fake.URL(), DisablePacing: true})

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
				before := requests(fake.Requests(token))
				peak := watchHeap()
				b.StartTimer()

				start := time.Now()
				rows := syncAll(b, &readwisesync.Syncer{Store: st, Readwise: client}, user, token)
				elapsed := time.Since(start)

				b.StopTimer()
				b.ReportMetric(float64(rows)/elapsed.Seconds(), "rows/s")
				b.ReportMetric(float64(requests(fake.Requests(token))-before), "requests")
				b.ReportMetric(float64(peak())/1e6, "peak-heap-growth-MB")
				if n, _ := st.CountHighlights(context.Background(), user); n != len(lib.Highlights()) {
					b.Fatalf("%d highlights stored, want %d", n, len(lib.Highlights()))
				}
				b.StartTimer()
			}
		})
	}
	b.Logf("process peak RSS (VmHWM, fake library included): %s", vmHWM())
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

func open(b *testing.B, openStore func(context.Context) (store.Store, error)) store.Store {
	st, err := openStore(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

func requests(byEndpoint map[string]int) int {
	n := 0
	for _, c := range byEndpoint {
		n += c
	}
	return n
}

// watchHeap samples the live heap every millisecond and returns a function
// that stops sampling and reports the largest growth over the start.
func watchHeap() func() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base, peak := read(), uint64(0)
	done, stopped := make(chan struct{}), make(chan struct{})
	var mu sync.Mutex
	go func() {
		defer close(stopped)
		for {
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
				if v := read(); v > base {
					mu.Lock()
					peak = max(peak, v-base)
					mu.Unlock()
				}
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-stopped
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}

func vmHWM() string {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmHWM:"))
		}
	}
	return "unknown"
}
