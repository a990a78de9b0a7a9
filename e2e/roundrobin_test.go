package e2e

import (
	"maps"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sync"
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
