package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/inngest/inngestgo"
	"github.com/oklog/ulid/v2"
)

// target is one serve handler to load: where it is, and the function to call.
type target struct {
	url, fnID, signingKey string
	wantBody              string // in every answer: the run's final result
}

type result struct {
	requests int
	elapsed  time.Duration
	p50, p99 time.Duration
}

func (r result) rate() float64 { return float64(r.requests) / r.elapsed.Seconds() }

func (r result) String() string {
	return fmt.Sprintf("%6.0f requests/s  p50 %6.2f ms  p99 %6.2f ms  (%d requests)",
		r.rate(), ms(r.p50), ms(r.p99), r.requests)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// measure sends signed requests from clients goroutines for duration; any
// answer that is not the run's final result stops it with an error.
func measure(ctx context.Context, t target, clients int, duration time.Duration) (result, error) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	ctx, cancel := context.WithTimeout(ctx, duration)
	defer cancel()
	var (
		mu        sync.Mutex
		latencies []time.Duration
		firstErr  error
		wg        sync.WaitGroup
	)
	start := time.Now()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for ctx.Err() == nil {
				took, err := invoke(client, t)
				if err != nil {
					mu.Lock()
					firstErr = cmpErr(firstErr, err)
					mu.Unlock()
					cancel()
					return
				}
				mine = append(mine, took)
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if firstErr != nil {
		return result{}, firstErr
	}
	slices.Sort(latencies)
	if len(latencies) == 0 {
		return result{}, fmt.Errorf("no request finished in %s", duration)
	}
	at := func(q float64) time.Duration { return latencies[int(q*float64(len(latencies)-1))] }
	return result{requests: len(latencies), elapsed: elapsed, p50: at(0.50), p99: at(0.99)}, nil
}

func cmpErr(first, err error) error {
	if first != nil {
		return first
	}
	return err
}

// invoke sends one request of a new run, as Inngest would, and checks the
// answer is the run's end.
func invoke(client *http.Client, t target) (time.Duration, error) {
	body, err := requestBody(newRunID())
	if err != nil {
		return 0, err
	}
	sig, err := inngestgo.Sign(context.Background(), time.Now(), []byte(t.signingKey), body)
	if err != nil {
		return 0, err
	}
	req, err := http.NewRequest(http.MethodPost, t.url+"?fnId="+t.fnID+"&stepId=step", bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Inngest-Signature", sig)
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	answer, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	took := time.Since(start)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK || !bytes.Contains(answer, []byte(t.wantBody)) {
		return 0, fmt.Errorf("answer %d %s, want 200 with %s", resp.StatusCode, answer, t.wantBody)
	}
	return took, nil
}

// benchUser is the user every run of this process serves: new each time,
// so that its completed runs are this bench's alone.
var benchUser = newUserID()

func newUserID() string {
	b := make([]byte, 16)
	rand.Read(b)
	b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
	h := hex.EncodeToString(b)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// requestBody is the last request of a count-books run: the invoked LIST
// request and the report step both memoized, so the function returns.
func requestBody(runID string) ([]byte, error) {
	return json.Marshal(map[string]any{
		"event":  map[string]any{"name": "readwise/count-books", "data": map[string]any{"userId": benchUser}, "ts": time.Now().UnixMilli()},
		"events": []any{map[string]any{"name": "readwise/count-books", "data": map[string]any{"userId": benchUser}}},
		"steps": map[string]any{
			opID("count-books"):       map[string]any{"data": map[string]any{"page": map[string]any{}, "bookCount": 42, "answeredAt": time.Now().UTC()}},
			opID("report-book-count"): true,
		},
		"ctx": map[string]any{
			"run_id":  runID,
			"fn_id":   "9f1f3c55-3f3b-4b0e-8f55-1b6b1cbe3e2a",
			"attempt": 0,
			"stack":   map[string]any{"stack": []string{opID("count-books"), opID("report-book-count")}, "current": 2},
		},
	})
}

// opID is the SDK's hashed step id (a step's first use).
func opID(step string) string {
	sum := sha1.Sum([]byte(step))
	return hex.EncodeToString(sum[:])
}

// newRunID is a run id as the engine makes them: a ULID, whose first ten
// characters are the time, so that a run's id sorts after older runs'.
func newRunID() string {
	return ulid.Make().String()
}
