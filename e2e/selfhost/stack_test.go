package selfhost

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"net"
	"net/http"
	"testing"
	"time"

	"spark.dev/spark/app"
	"spark.dev/spark/config"
	"spark.dev/spark/internal/fakereadwise"
	"spark.dev/spark/internal/testenv"
	"spark.dev/spark/internal/testtoken"
)

const (
	signingKey = "737061726b2d73656c662d686f737465642d656e67696e652d6b65792d303031" // plain hex, as `inngest start` takes it
	eventKey   = "spark-selfhost-event-key"
	jwtSecret  = "self-hosted-engine-test-secret-of-sufficient-length"
	runTimeout = 3 * time.Minute
)

// engineState is one Redis and one PostgreSQL database: what engines that
// share a queue and runs share.
type engineState struct{ redis, postgres string }

func newEngineState(t *testing.T) engineState {
	return engineState{redis: testenv.StartRedis(t), postgres: testenv.PostgresDatabase(t)}
}

// startEngine runs `inngest start` on st. Two engines and the app stay well
// inside PostgreSQL's 100 connections at 20 each.
func startEngine(t *testing.T, st engineState) *testenv.Engine {
	return testenv.StartEngine(t, testenv.EngineOptions{
		RedisURL: st.redis, PostgresURL: st.postgres, SigningKey: signingKey, EventKey: eventKey, MaxConns: 20,
	})
}

// productionEnv is the environment of a production app at appURL that runs
// its jobs on the engine, stores in databaseURL and reads Readwise from rw.
func productionEnv(appURL, engineURL, databaseURL string, rw *fakereadwise.Server) map[string]string {
	key := func(b byte) string { return base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{b}, 32)) }
	return map[string]string{
		"APP_ENV":             "production",
		"APP_URL":             appURL,
		"DATABASE_URL":        databaseURL,
		"INNGEST_BASE_URL":    engineURL,
		"INNGEST_SIGNING_KEY": signingKey,
		"INNGEST_EVENT_KEY":   eventKey,
		"ENCRYPTION_KEY":      key(1),
		"CALLBACK_SECRET":     key(2),
		"SUPABASE_JWT_SECRET": jwtSecret,
		"READWISE_API_URL":    rw.URL(),
		"LOG_LEVEL":           "debug",
	}
}

// inProcessApp is the app (app.New) served on loopback, with every call
// Inngest makes to it observed.
type inProcessApp struct {
	URL   string
	App   *app.App
	Calls *calls
	logs  *testenv.LogBuffer
}

// startApp serves the app against eng and registers its functions there.
// env adds to or overrides productionEnv.
func startApp(t *testing.T, eng *testenv.Engine, rw *fakereadwise.Server, env map[string]string, engines ...*testenv.Engine) *inProcessApp {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	appURL := "http://" + listener.Addr().String()
	vars := productionEnv(appURL, eng.URL, testenv.PostgresDatabase(t), rw)
	for k, v := range env {
		vars[k] = v
	}
	cfg, err := config.Load(func(name string) string { return vars[name] })
	if err != nil {
		t.Fatal(err)
	}
	s := &inProcessApp{URL: appURL, Calls: newCalls(append([]*testenv.Engine{eng}, engines...)), logs: &testenv.LogBuffer{}}
	if s.App, err = app.New(context.Background(), cfg, cfg.Logger(s.logs)); err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: s.Calls.observe(s.App), ReadHeaderTimeout: 10 * time.Second, ConnContext: s.Calls.attribute}
	go func() { _ = srv.Serve(listener) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		s.App.Close()
		if t.Failed() {
			t.Logf("app output (last 4 KiB):\n%s", s.logs.Tail(4096))
		}
	})
	if err := s.App.RegisterFunctions(context.Background()); err != nil {
		t.Fatalf("registering with the engine: %v", err)
	}
	return s
}

// request sends body as JSON with an optional bearer token and returns the
// status and body.
func request(t *testing.T, method, url, bearer string, body any) (int, []byte) {
	t.Helper()
	return testenv.Request(t, method, url, bearer, body)
}

func token(userID string) string {
	return testtoken.HS256(jwtSecret, userID, time.Hour)
}

// trigger POSTs to a trigger route as userID and returns the event id.
func trigger(t *testing.T, baseURL, route, userID string, body map[string]any) string {
	t.Helper()
	status, raw := request(t, http.MethodPost, baseURL+"/api/inngest/"+route, token(userID), body)
	var answer struct {
		EventID string `json:"eventId"`
		Data    struct {
			EventID string `json:"eventId"`
		} `json:"data"`
	}
	if status != http.StatusOK || json.Unmarshal(raw, &answer) != nil || answer.EventID+answer.Data.EventID == "" {
		t.Fatalf("%s: %d %s", route, status, raw)
	}
	return answer.EventID + answer.Data.EventID
}

func saveReadwiseKey(t *testing.T, baseURL, userID, key string) {
	t.Helper()
	status, raw := request(t, http.MethodPatch, baseURL+"/api/user-settings", token(userID),
		map[string]any{"integrations": map[string]any{"readwise": map[string]any{"apiKey": key}}})
	if status != http.StatusOK {
		t.Fatalf("saving %s's key: %d %s", userID, status, raw)
	}
}

// completed waits for the event's one run and fails unless it completed.
func completed(t *testing.T, eng *testenv.Engine, eventID string) testenv.Run {
	t.Helper()
	run := eng.WaitForRuns(t, eventID, 1, runTimeout)[0]
	if run.Status != "Completed" {
		t.Fatalf("run %s of event %s ended %s: %s", run.RunID, eventID, run.Status, run.Output)
	}
	return run
}
