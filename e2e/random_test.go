package e2e

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"spark.dev/spark/internal/testenv"
)

// The random test's bounds: requests per store and seconds, whichever ends
// first, and the seed. Environment variables raise them beyond CI's.
const (
	randomRequestsEnv = "SPARK_RANDOM_REQUESTS" // default 5000
	randomSecondsEnv  = "SPARK_RANDOM_SECONDS"  // default 60
	randomSeedEnv     = "SPARK_RANDOM_SEED"     // default: the clock
)

const (
	randomOwner      = "00000000-0000-4000-8000-0000000000f0"
	corsOrigin       = "https://app.example.com"
	randomSigningKey = "signkey-test-0123456789abcdef0123456789abcdef0123456789abcdef01234567"
	// The owner's stored secrets: no answer and no log line may contain them.
	ownerReadwiseKey = "rw-secret-owner-key-5f3a9c1e7b"
	ownerAirtableKey = "patSecretOwner.9d4e2b7a1c0f8e6d"
	// Where nothing listens: the test reaches no outside service.
	nowhere = "http://127.0.0.1:1"
)

// Random requests to every route, with valid and invalid tokens, methods,
// headers, query strings and bodies, on the production configuration (the
// one exposed to the internet): no 5xx but the documented 502 and 503,
// every error is {"error": "<message>"}, no panic, and the owner's stored
// secrets appear in no answer and no log line.
func TestRandomRequestsNeverBreakTheApp(t *testing.T) {
	seed := envInt(t, randomSeedEnv, time.Now().UnixNano())
	count := envInt(t, randomRequestsEnv, 5000)
	limit := time.Duration(envInt(t, randomSecondsEnv, 60)) * time.Second
	t.Logf("seed %d (rerun with %s=%d), at most %d requests or %s per store", seed, randomSeedEnv, seed, count, limit)
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			databaseURL := "sqlite:" + filepath.Join(t.TempDir(), "spark.db")
			if engine == "postgres" {
				databaseURL = testenv.PostgresDatabase(t)
			}
			runRandomRequests(t, engine, databaseURL, seed, int(count), limit)
		})
	}
}

func envInt(t *testing.T, name string, fallback int64) int64 {
	t.Helper()
	raw := os.Getenv(name)
	if raw == "" {
		return fallback
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		t.Fatalf("%s=%q: not a whole number", name, raw)
	}
	return n
}

// randomRun is one store's run of the random test.
type randomRun struct {
	t        *testing.T
	engine   string
	seed     int64
	client   *randomClient
	gen      *requestGen
	logs     *watchedLog
	secrets  []string
	tally    map[string]map[int]int // statuses per "METHOD path"
	sent     int
	problems []string
	slowest  struct {
		took    time.Duration
		request randomRequest
	}
}

func runRandomRequests(t *testing.T, engine, databaseURL string, seed int64, count int, limit time.Duration) {
	secrets := []string{ownerReadwiseKey, ownerAirtableKey}
	logs := &watchedLog{watch: append([]string{"panic in handler"}, secrets...)}
	a, url := startRandomTarget(t, databaseURL, logs)
	r := &randomRun{
		t: t, engine: engine, seed: seed, client: newRandomClient(url), logs: logs, secrets: secrets,
		gen: &requestGen{
			json:           jsonGen{rand.New(rand.NewPCG(uint64(seed), 0))},
			routes:         a.Echo.Routes(),
			owner:          randomOwner,
			jwtSecret:      testJWTSecret,
			callbackSecret: a.Config.CallbackSecret,
			signingKey:     randomSigningKey,
		},
		tally: map[string]map[int]int{},
	}
	start := time.Now()
	drawn := 0
	for ; drawn < count && time.Since(start) < limit && len(r.problems) < 10; drawn++ {
		r.ownerKeepsItsSecrets(drawn)
		r.one(drawn)
	}
	t.Logf("%d requests drawn, %d sent in %s; statuses per route:\n%s", drawn, r.sent, time.Since(start).Round(time.Millisecond), formatTally(r.tally))
	t.Logf("the slowest took %s: %s", r.slowest.took, r.slowest.request)
	for _, p := range r.problems {
		t.Errorf("seed %d, %s", seed, p)
	}
	if len(r.problems) == 0 {
		assertEveryRouteAnswered(t, a.Echo.Routes(), r.tally, drawn)
	}
}

// ownerKeepsItsSecrets stores the owner's keys again every 25 requests,
// since random requests replace them now and then.
func (r *randomRun) ownerKeepsItsSecrets(i int) {
	if i%25 == 0 {
		storeOwnerSecrets(r.t, r.client, r.gen.owner)
	}
}

// one draws request i, sends it, and records what is wrong with the answer
// and with what the app logged meanwhile.
func (r *randomRun) one(i int) {
	q := r.gen.next()
	before := r.logs.hits()
	start := time.Now()
	got, err := r.client.send(q)
	if took := time.Since(start); took > r.slowest.took {
		r.slowest.took, r.slowest.request = took, q
	}
	r.sent++
	if err != nil {
		r.problems = append(r.problems, fmt.Sprintf("request %d: %v\n%s", i, err, q))
		return
	}
	key := q.Method + " " + q.Path
	if r.tally[key] == nil {
		r.tally[key] = map[int]int{}
	}
	r.tally[key][got.Status]++
	for _, p := range checkAnswer(q, got, r.secrets) {
		r.problems = append(r.problems, fmt.Sprintf("request %d: %s\n%s\n  answer %d %.300q", i, p, q, got.Status, got.Body))
	}
	if hit := r.logs.newHits(before); hit != "" {
		r.problems = append(r.problems, fmt.Sprintf("request %d (or the one before): the log says %q\n%s", i, hit, q))
	}
}
