package storetest

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"spark.dev/spark/store"
)

var logStart = time.Date(2025, 4, 1, 10, 0, 0, 0, time.UTC)

func startLog(t *testing.T, s store.Store, log store.FunctionLog) {
	t.Helper()
	log.Status = store.RunStarted
	if err := s.WriteFunctionLog(t.Context(), log); err != nil {
		t.Fatalf("WriteFunctionLog(%s, started): %v", log.RunID, err)
	}
}

func finishLog(t *testing.T, s store.Store, runID, status string, at time.Time) {
	t.Helper()
	if err := s.WriteFunctionLog(t.Context(), store.FunctionLog{RunID: runID, FunctionName: "f", Status: status, CompletedAt: at}); err != nil {
		t.Fatalf("WriteFunctionLog(%s, %s): %v", runID, status, err)
	}
}

// userLogs returns all of the user's logs, oldest first.
func userLogs(t *testing.T, s store.Store, userID string) []store.FunctionLog {
	t.Helper()
	logs, _, err := s.FunctionLogs(t.Context(), userID, store.FunctionLogQuery{Limit: 100, OrderBy: "started_at", Ascending: true})
	if err != nil {
		t.Fatalf("FunctionLogs(%s): %v", userID, err)
	}
	return logs
}

// onlyLog returns the user's single log.
func onlyLog(t *testing.T, s store.Store, userID string) store.FunctionLog {
	t.Helper()
	logs := userLogs(t, s, userID)
	if len(logs) != 1 {
		t.Fatalf("%s has %d logs, want 1", userID, len(logs))
	}
	return logs[0]
}

func runIDs(logs []store.FunctionLog) []string {
	var ids []string
	for _, l := range logs {
		ids = append(ids, l.RunID)
	}
	return ids
}

func testStartFunctionLogFirstWins(t *testing.T, s store.Store) {
	first := store.FunctionLog{
		RunID: "01RUN", FunctionID: "spark-sync-books", FunctionName: "Sync books ✨", UserID: userA,
		EventName: "readwise/books.sync", StartedAt: logStart.Add(123456 * time.Microsecond),
		Input: json.RawMessage(`{"userId":"user-a","full":true}`),
	}
	startLog(t, s, first)
	retry := first
	retry.FunctionName, retry.StartedAt, retry.Input = "Retried", logStart.Add(time.Minute), json.RawMessage(`{"other":1}`)
	startLog(t, s, retry)

	got := onlyLog(t, s, userA)
	if got.ID == "" || got.RunID != first.RunID || got.FunctionID != first.FunctionID || got.FunctionName != first.FunctionName ||
		got.UserID != userA || got.EventName != first.EventName || got.Status != store.RunStarted ||
		!got.StartedAt.Equal(first.StartedAt) || !got.CompletedAt.IsZero() || got.DurationMS != nil ||
		got.Result != nil || got.ErrorMessage != "" {
		t.Errorf("log = %+v, want the first start's, still running", got)
	}
	assertJSONEqual(t, got.Input, first.Input)

	before := time.Now().UTC().Truncate(time.Microsecond)
	startLog(t, s, store.FunctionLog{RunID: "02RUN", FunctionID: "f", FunctionName: "f", UserID: userB})
	if got := onlyLog(t, s, userB); got.StartedAt.Before(before) || got.StartedAt.After(time.Now()) || got.Input != nil {
		t.Errorf("log without a start time or input = %+v, want started now with no input", got)
	}
}

// writeLog writes one request of run-1 as a later request would: with the
// run's identity and that request's own arrival time.
func writeLog(t *testing.T, s store.Store, log store.FunctionLog) {
	t.Helper()
	log.RunID, log.FunctionID, log.FunctionName, log.UserID = "run-1", "f", "f", userA
	if log.StartedAt.IsZero() {
		log.StartedAt = logStart.Add(time.Second)
	}
	if err := s.WriteFunctionLog(t.Context(), log); err != nil {
		t.Fatalf("WriteFunctionLog(%+v): %v", log, err)
	}
}

func testFunctionLogLifecycle(t *testing.T, s store.Store) {
	startLog(t, s, store.FunctionLog{RunID: "run-1", FunctionID: "f", FunctionName: "f", UserID: userA, StartedAt: logStart})
	progress := []struct {
		result, errorMessage string
	}{
		{`{"step":"fetch-page","page":1}`, "rate limited, retrying"},
		{`{"step":"fetch-page","page":2}`, ""}, // keeps the last error
	}
	for _, p := range progress {
		writeLog(t, s, store.FunctionLog{Status: store.RunStarted, Result: json.RawMessage(p.result), ErrorMessage: p.errorMessage})
	}
	// An error to retry comes with no result: the last step's output stays.
	writeLog(t, s, store.FunctionLog{Status: store.RunStarted, ErrorMessage: "server error, retrying"})
	got := onlyLog(t, s, userA)
	assertJSONEqual(t, got.Result, json.RawMessage(progress[1].result))
	if got.Status != store.RunStarted || got.ErrorMessage != "server error, retrying" || !got.StartedAt.Equal(logStart) {
		t.Errorf("after progress log = %+v, want started at %v with the last result and error", got, logStart)
	}

	// The finishing request came a second after the start: the duration
	// still counts from the run's start.
	finishedAt := logStart.Add(1234 * time.Millisecond)
	writeLog(t, s, store.FunctionLog{Status: store.RunCompleted, Result: json.RawMessage(`{"books":3}`), CompletedAt: finishedAt})
	// Neither late progress nor a second finish changes a finished run.
	writeLog(t, s, store.FunctionLog{Status: store.RunStarted, Result: json.RawMessage(`{"late":true}`), ErrorMessage: "late error"})
	writeLog(t, s, store.FunctionLog{Status: store.RunFailed, Result: json.RawMessage(`{"second":true}`), ErrorMessage: "boom", CompletedAt: finishedAt.Add(time.Hour)})
	got = onlyLog(t, s, userA)
	if got.Status != store.RunCompleted || got.ErrorMessage != "" || !got.CompletedAt.Equal(finishedAt) ||
		got.DurationMS == nil || *got.DurationMS != 1234 {
		t.Errorf("finished log = %+v (duration %v), want completed at %v after 1234 ms with no error", got, got.DurationMS, finishedAt)
	}
	assertJSONEqual(t, got.Result, json.RawMessage(`{"books":3}`))
}

func testFinishFunctionLogEdges(t *testing.T, s store.Store) {
	ctx := t.Context()
	// A run's only request both starts and finishes it.
	single := store.FunctionLog{RunID: "single", FunctionID: "f", FunctionName: "f", UserID: userB, Status: store.RunCompleted,
		StartedAt: logStart, CompletedAt: logStart.Add(2500*time.Microsecond + 999*time.Nanosecond), Result: json.RawMessage(`{"ok":true}`)}
	if err := s.WriteFunctionLog(ctx, single); err != nil {
		t.Fatal(err)
	}
	if got := onlyLog(t, s, userB); got.Status != store.RunCompleted || !got.StartedAt.Equal(logStart) || got.DurationMS == nil || *got.DurationMS != 2 {
		t.Errorf("single-request run = %+v (duration %v), want completed after 2 ms", got, got.DurationMS)
	}
	if err := s.WriteFunctionLog(ctx, store.FunctionLog{RunID: "run-1", FunctionName: "f", Status: "done"}); err == nil {
		t.Error(`WriteFunctionLog with status "done" succeeded, want an error`)
	}
	startLog(t, s, store.FunctionLog{RunID: "run-1", FunctionID: "f", FunctionName: "f", UserID: userA, StartedAt: logStart})
	// Another instance's clock may run behind the one that started the run.
	writeLog(t, s, store.FunctionLog{Status: store.RunFailed, ErrorMessage: "token rejected", CompletedAt: logStart.Add(-time.Second)})
	got := onlyLog(t, s, userA)
	if got.Status != store.RunFailed || got.ErrorMessage != "token rejected" || got.Result != nil || got.DurationMS == nil || *got.DurationMS != 0 {
		t.Errorf("log finished before it started = %+v, want failed with duration 0", got)
	}
	if _, _, err := s.FunctionLogs(ctx, userFor("nobody"), store.FunctionLogQuery{Limit: 1, OrderBy: "started_at"}); err != nil {
		t.Errorf("FunctionLogs of a user without logs: %v", err)
	}
	if got := userLogs(t, s, userFor("nobody")); got != nil {
		t.Errorf("FunctionLogs of a user without logs = %+v, want none", got)
	}
}

func testFunctionLogGroupCommit(t *testing.T, s store.Store) {
	const runs = 64
	errs := make([]error, runs)
	// A settings write holds the writer while the log writes queue (on
	// SQLite's one writer; PostgreSQL has more), so they meet in a group.
	release, held := make(chan struct{}), make(chan struct{})
	go s.UpdateSettings(t.Context(), userB, func(json.RawMessage) (store.SettingsUpdate, error) {
		close(held)
		<-release
		return store.SettingsUpdate{}, errors.New("only holding the writer")
	})
	<-held
	var wg, queued sync.WaitGroup
	queued.Add(runs)
	for i := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			queued.Done()
			log := store.FunctionLog{RunID: fmt.Sprintf("run-%02d", i), FunctionName: "f", UserID: userA, Status: store.RunCompleted,
				StartedAt: logStart, CompletedAt: logStart.Add(time.Duration(i) * time.Millisecond), Result: json.RawMessage(fmt.Sprintf(`{"i":%d}`, i))}
			if i == 7 {
				log.Input = json.RawMessage(`{"not json`) // refused by the engine: only this write may fail
			}
			errs[i] = s.WriteFunctionLog(t.Context(), log)
		}()
	}
	// One run twice in a group: PostgreSQL refuses a statement that upserts
	// a row twice, so the group falls back to one write at a time.
	twice := make([]error, 2)
	queued.Add(len(twice))
	for i := range twice {
		wg.Add(1)
		go func() {
			defer wg.Done()
			queued.Done()
			twice[i] = s.WriteFunctionLog(t.Context(), store.FunctionLog{RunID: "run-twice", FunctionName: "f", UserID: userA,
				Status: store.RunCompleted, StartedAt: logStart, CompletedAt: logStart.Add(5 * time.Millisecond), Result: json.RawMessage(`{"twice":true}`)})
		}()
	}
	queued.Wait()
	time.Sleep(20 * time.Millisecond) // for the writes to reach the queue; no assertion depends on it
	close(release)
	wg.Wait()
	for i, err := range errs {
		if (err != nil) != (i == 7) {
			t.Errorf("write %d: %v", i, err)
		}
	}
	for i, err := range twice {
		if err != nil {
			t.Errorf("write %d of run-twice: %v", i, err)
		}
	}
	logs := userLogs(t, s, userA)
	if len(logs) != runs {
		t.Fatalf("%d logs, want %d", len(logs), runs)
	}
	for _, l := range logs {
		if l.RunID == "run-twice" {
			if l.Status != store.RunCompleted || l.DurationMS == nil || *l.DurationMS != 5 {
				t.Errorf("log %+v, want run-twice completed after 5 ms", l)
			}
			continue
		}
		var i int
		fmt.Sscanf(l.RunID, "run-%d", &i)
		if i == 7 || l.Status != store.RunCompleted || l.DurationMS == nil || *l.DurationMS != int64(i) {
			t.Errorf("log %+v, want run %d completed after %d ms", l, i, i)
		}
		assertJSONEqual(t, l.Result, json.RawMessage(fmt.Sprintf(`{"i":%d}`, i)))
	}
}

// seedQueryLogs writes user-a's runs r1…r5 in that order, so their ids
// ascend with their names; other users' runs must never show.
func seedQueryLogs(t *testing.T, s store.Store) {
	runs := []struct {
		runID, name  string
		startedAfter time.Duration
		status       string
		took         time.Duration
	}{
		{"r1", "sync-books", 0, store.RunCompleted, 300 * time.Millisecond},
		{"r2", "Sync Highlights", time.Minute, store.RunFailed, 100 * time.Millisecond},
		{"r3", "count-books", 2 * time.Minute, store.RunStarted, 0},
		{"r4", "sync-books", 3 * time.Minute, store.RunCompleted, 100 * time.Millisecond},
		{"r5", "sync-books", 4 * time.Minute, store.RunStarted, 0},
	}
	for _, r := range runs {
		startedAt := logStart.Add(r.startedAfter)
		startLog(t, s, store.FunctionLog{RunID: r.runID, FunctionID: r.name, FunctionName: r.name, UserID: userA, StartedAt: startedAt})
		if r.status != store.RunStarted {
			finishLog(t, s, r.runID, r.status, startedAt.Add(r.took))
		}
	}
	startLog(t, s, store.FunctionLog{RunID: "b1", FunctionID: "sync-books", FunctionName: "sync-books", UserID: userB, StartedAt: logStart})
	startLog(t, s, store.FunctionLog{RunID: "cron", FunctionID: "daily-sync", FunctionName: "sync-books", StartedAt: logStart})
}

func testFunctionLogsQuery(t *testing.T, s store.Store) {
	seedQueryLogs(t, s)
	tests := []struct {
		name      string
		q         store.FunctionLogQuery
		want      []string
		wantTotal int
	}{
		{"newest first", store.FunctionLogQuery{OrderBy: "started_at"}, []string{"r5", "r4", "r3", "r2", "r1"}, 5},
		{"oldest first", store.FunctionLogQuery{OrderBy: "started_at", Ascending: true}, []string{"r1", "r2", "r3", "r4", "r5"}, 5},
		// Unfinished runs (NULL) come last both ways; ties go by id.
		{"completed_at ascending", store.FunctionLogQuery{OrderBy: "completed_at", Ascending: true}, []string{"r1", "r2", "r4", "r3", "r5"}, 5},
		{"completed_at descending", store.FunctionLogQuery{OrderBy: "completed_at"}, []string{"r4", "r2", "r1", "r5", "r3"}, 5},
		{"duration ascending", store.FunctionLogQuery{OrderBy: "duration_ms", Ascending: true}, []string{"r2", "r4", "r1", "r3", "r5"}, 5},
		{"duration descending", store.FunctionLogQuery{OrderBy: "duration_ms"}, []string{"r1", "r4", "r2", "r5", "r3"}, 5},
		// Byte order on both engines: upper case before lower case.
		{"name ascending", store.FunctionLogQuery{OrderBy: "function_name", Ascending: true}, []string{"r2", "r3", "r1", "r4", "r5"}, 5},
		{"name descending", store.FunctionLogQuery{OrderBy: "function_name"}, []string{"r5", "r4", "r1", "r3", "r2"}, 5},
		// Status in byte order, then id: completed, failed, started.
		{"status ascending", store.FunctionLogQuery{OrderBy: "status", Ascending: true}, []string{"r1", "r4", "r2", "r3", "r5"}, 5},
		{"status descending", store.FunctionLogQuery{OrderBy: "status"}, []string{"r5", "r3", "r2", "r4", "r1"}, 5},
		{"one function", store.FunctionLogQuery{OrderBy: "started_at", FunctionName: "sync-books"}, []string{"r5", "r4", "r1"}, 3},
		{"function name is exact", store.FunctionLogQuery{OrderBy: "started_at", FunctionName: "Sync-Books"}, nil, 0},
		{"one status", store.FunctionLogQuery{OrderBy: "started_at", Status: store.RunStarted}, []string{"r5", "r3"}, 2},
		{"function and status", store.FunctionLogQuery{OrderBy: "started_at", Ascending: true, FunctionName: "sync-books", Status: store.RunCompleted}, []string{"r1", "r4"}, 2},
		{"a page", store.FunctionLogQuery{OrderBy: "duration_ms", Ascending: true, Limit: 2, Offset: 1}, []string{"r4", "r1"}, 5},
		{"past the end", store.FunctionLogQuery{OrderBy: "started_at", Offset: 5}, nil, 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.q.Limit == 0 {
				tc.q.Limit = 100
			}
			logs, total, err := s.FunctionLogs(t.Context(), userA, tc.q)
			if err != nil {
				t.Fatalf("FunctionLogs: %v", err)
			}
			if got := runIDs(logs); !slices.Equal(got, tc.want) || total != tc.wantTotal {
				t.Errorf("FunctionLogs(%+v) = %v, total %d; want %v, total %d", tc.q, got, total, tc.want, tc.wantTotal)
			}
		})
	}
}

func testFunctionLogsPagesWithoutGapsOrRepeats(t *testing.T, s store.Store) {
	// Equal start times and durations everywhere: only the id orders them.
	for i := range 25 {
		runID := string(rune('a'+i/10)) + string(rune('0'+i%10))
		startLog(t, s, store.FunctionLog{RunID: runID, FunctionID: "f", FunctionName: "f", UserID: userA, StartedAt: logStart})
		if i%2 == 0 {
			finishLog(t, s, runID, store.RunCompleted, logStart.Add(time.Second))
		}
	}
	for _, orderBy := range store.FunctionLogOrders {
		for _, ascending := range []bool{true, false} {
			var seen []string
			for offset := 0; offset < 30; offset += 7 {
				logs, _, err := s.FunctionLogs(t.Context(), userA, store.FunctionLogQuery{OrderBy: orderBy, Ascending: ascending, Limit: 7, Offset: offset})
				if err != nil {
					t.Fatal(err)
				}
				seen = append(seen, runIDs(logs)...)
			}
			slices.Sort(seen)
			if len(seen) != 25 || len(slices.Compact(seen)) != 25 {
				t.Errorf("paging by %s (ascending %v) saw %d distinct of 25 logs in %d rows", orderBy, ascending, len(slices.Compact(seen)), len(seen))
			}
		}
	}
}

func testFunctionLogsIsolation(t *testing.T, s store.Store) {
	seedQueryLogs(t, s)
	if got := runIDs(userLogs(t, s, userB)); !slices.Equal(got, []string{"b1"}) {
		t.Errorf("user-b's logs = %v, want only [b1]", got)
	}
}

func testFunctionLogsRejectsBadQueries(t *testing.T, s store.Store) {
	for name, q := range map[string]store.FunctionLogQuery{
		"no order":                  {Limit: 10},
		"unknown column":            {Limit: 10, OrderBy: "id"},
		"an injection":              {Limit: 10, OrderBy: "started_at; DROP TABLE function_logs"},
		"limit 0":                   {OrderBy: "started_at"},
		"a negative offset":         {Limit: 10, OrderBy: "started_at", Offset: -1},
		"upper case column":         {Limit: 10, OrderBy: "STARTED_AT"},
		"a column with a direction": {Limit: 10, OrderBy: "started_at desc"},
	} {
		if _, _, err := s.FunctionLogs(t.Context(), userA, q); err == nil {
			t.Errorf("FunctionLogs with %s succeeded, want an error", name)
		}
	}
}
