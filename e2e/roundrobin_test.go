package e2e

import (
	"fmt"
	"maps"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sync"
	"testing"
	"time"

	"spark.dev/spark/internal/fakereadwise"
	"spark.dev/spark/internal/testenv"
)

// roundRobin is a loopback proxy that sends each engine call of a function
// to the next of its backends in turn (other requests too, counted apart),
// the way a platform spreads calls over instances; turns are per function
// so that one function's calls never all land on one backend.
// It keeps the caller's Host, so an app synced through it registers the
// proxy's URL and every engine call comes back through it.
type roundRobin struct {
	proxies []*httputil.ReverseProxy

	mu    sync.Mutex
	turns map[string]int   // function id ("" for other requests) → requests so far
	calls []map[string]int // per backend: function id → engine calls
}

func newRoundRobin(backends ...string) *roundRobin {
	rr := &roundRobin{turns: map[string]int{}, calls: make([]map[string]int, len(backends))}
	for i, backend := range backends {
		target, err := url.Parse(backend)
		if err != nil {
			panic(err)
		}
		rr.calls[i] = map[string]int{}
		rr.proxies = append(rr.proxies, &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(target)
			r.Out.Host = r.In.Host
		}})
	}
	return rr
}

func (rr *roundRobin) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	fn := ""
	if r.Method == http.MethodPost && r.URL.Path == "/api/inngest" {
		fn = r.URL.Query().Get("fnId")
	}
	rr.mu.Lock()
	i := rr.turns[fn] % len(rr.proxies)
	rr.turns[fn]++
	if fn != "" {
		rr.calls[i][fn]++
	}
	rr.mu.Unlock()
	rr.proxies[i].ServeHTTP(w, r)
}

// engineCalls is how many engine calls (a run's steps, or its first call)
// each backend served, by function id.
func (rr *roundRobin) engineCalls() []map[string]int {
	rr.mu.Lock()
	defer rr.mu.Unlock()
	out := make([]map[string]int, len(rr.calls))
	for i, c := range rr.calls {
		out[i] = maps.Clone(c)
	}
	return out
}

// twoInstances is two app processes, each with its own pacers, behind a
// round-robin proxy and one dev server, synced: the shape of a deployment
// with many instances. env is appEnv's plus extra; it returns the proxy's
// URL, the dev server and the proxy.
func twoInstances(t *testing.T, rw *fakereadwise.Server, databaseURL string, extra map[string]string) (string, *testenv.DevServer, *roundRobin) {
	t.Helper()
	ports := []int{testenv.FreePort(t), testenv.FreePort(t)}
	rr := newRoundRobin(fmt.Sprintf("http://127.0.0.1:%d", ports[0]), fmt.Sprintf("http://127.0.0.1:%d", ports[1]))
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	proxy := &http.Server{Handler: rr, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = proxy.Serve(listener) }()
	t.Cleanup(func() { _ = proxy.Close() })
	appURL := "http://" + listener.Addr().String()

	dev := testenv.StartDevServer(t, appURL+"/api/inngest")
	env := appEnv(appURL, dev, rw, databaseURL)
	maps.Copy(env, extra)
	for _, port := range ports {
		startProcessApp(t, port, env)
	}
	if status, raw := request(t, http.MethodPut, appURL+"/api/inngest", "", nil); status != http.StatusOK {
		t.Fatalf("syncing the app: %d %s", status, raw)
	}
	return appURL, dev, rr
}
