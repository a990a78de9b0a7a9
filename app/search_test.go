package app_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestSearchRefusesBadInputWithA400(t *testing.T) {
	eachEngine(t, func(t *testing.T, env map[string]string) {
		a := newTestApp(t, env)
		auth := map[string]string{"Authorization": bearer(u1)}
		tests := map[string]struct {
			body    any
			message string
		}{
			"no query":          {map[string]any{"mode": "keyword"}, "Query is required and must be a string"},
			"a blank query":     {map[string]any{"query": "  ", "mode": "keyword"}, "Query is required and must be a string"},
			"a number query":    {map[string]any{"query": 5, "mode": "keyword"}, "Query is required and must be a string"},
			"501 characters":    {map[string]any{"query": strings.Repeat("é", 501), "mode": "keyword"}, "Query must be at most 500 characters"},
			"no mode":           {map[string]any{"query": "x"}, "Mode is required and must be one of: keyword, semantic, hybrid"},
			"an unknown mode":   {map[string]any{"query": "x", "mode": "fuzzy"}, "Mode is required and must be one of: keyword, semantic, hybrid"},
			"limit 0":           {map[string]any{"query": "x", "mode": "keyword", "limit": 0}, "Limit must be a number between 1 and 50"},
			"limit 51":          {map[string]any{"query": "x", "mode": "keyword", "limit": 51}, "Limit must be a number between 1 and 50"},
			"a fraction":        {map[string]any{"query": "x", "mode": "keyword", "limit": 2.5}, "Limit must be a number between 1 and 50"},
			"a string limit":    {map[string]any{"query": "x", "mode": "keyword", "limit": "10"}, "Limit must be a number between 1 and 50"},
			"not a JSON object": {[]byte(`["x"]`), "Request body must be a JSON object"},
		}
		for name, tc := range tests {
			status, answer := a.request(http.MethodPost, "/api/highlights/search", auth, tc.body)
			if status != http.StatusBadRequest || answer["error"] != tc.message {
				t.Errorf("%s: %d %v, want 400 %q", name, status, answer, tc.message)
			}
		}
	})
}

func TestSearchAnswersTheOriginalShape(t *testing.T) {
	a := newTestApp(t, nil)
	status, answer := a.request(http.MethodPost, "/api/highlights/search", map[string]string{"Authorization": bearer(u1)},
		map[string]any{"query": " nothing here ", "mode": "keyword", "limit": 50})
	results, ok := answer["results"].([]any)
	if status != http.StatusOK || !ok || len(results) != 0 || answer["count"] != 0.0 || answer["mode"] != "keyword" || answer["query"] != "nothing here" {
		t.Errorf("empty library: %d %v, want 200 with no results", status, answer)
	}
}

// Without OPENAI_API_KEY, modes that need an embedding say so, and do not
// ask to be tried again; keyword search still works.
func TestSemanticSearchWithoutAKeyIs503(t *testing.T) {
	eachEngine(t, func(t *testing.T, env map[string]string) {
		a := newTestApp(t, env)
		for _, mode := range []string{"semantic", "hybrid"} {
			status, answer := a.request(http.MethodPost, "/api/highlights/search", map[string]string{"Authorization": bearer(u1)},
				map[string]any{"query": "x", "mode": mode})
			if msg, _ := answer["error"].(string); status != http.StatusServiceUnavailable || !strings.Contains(msg, "OPENAI_API_KEY is not set") {
				t.Errorf("%s without a key: %d %v, want 503 naming OPENAI_API_KEY", mode, status, answer)
			}
		}
		// Trying again will not help until the operator sets the key.
		req, err := http.NewRequest(http.MethodPost, a.URL+"/api/highlights/search", strings.NewReader(`{"query":"x","mode":"semantic"}`))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", bearer(u1))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if after := resp.Header.Get("Retry-After"); resp.StatusCode != http.StatusServiceUnavailable || after != "" {
			t.Errorf("semantic without a key: %s with Retry-After %q, want 503 without one", resp.Status, after)
		}
	})
}

// A query is text, never syntax: FTS5's operators, LIKE's wildcards and
// backslashes, short and non-ASCII queries all search and answer 200.
func TestSearchTakesAnyQueryAsText(t *testing.T) {
	eachEngine(t, func(t *testing.T, env map[string]string) {
		a := newTestApp(t, env)
		auth := map[string]string{"Authorization": bearer(u1)}
		for _, query := range []string{`"quoted" OR NEAR(x y)`, `a"b`, `\\`, `\`, "50%", "a_b", "ü", "ab", "*", "x:y", "^start", "-minus", "(", "NOT", "😀😀😀"} {
			status, answer := a.request(http.MethodPost, "/api/highlights/search", auth, map[string]any{"query": query, "mode": "keyword"})
			if status != http.StatusOK || answer["count"] != 0.0 {
				t.Errorf("query %q: %d %v, want 200 with no results", query, status, answer)
			}
		}
	})
}
