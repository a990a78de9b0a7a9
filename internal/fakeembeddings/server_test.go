package fakeembeddings_test

import (
	"encoding/json"
	"math"
	"net/http"
	"strings"
	"testing"

	"spark.dev/spark/internal/fakeapi"
	"spark.dev/spark/internal/fakeembeddings"
)

const key = "sk-fake"

func post(t *testing.T, s *fakeembeddings.Server, auth string, body any) (int, []byte) {
	t.Helper()
	raw, _ := json.Marshal(body)
	req, err := http.NewRequest(http.MethodPost, s.URL()+"/embeddings", strings.NewReader(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	status, _, resp := fakeapi.Send(t, req)
	return status, resp
}

func TestFakeRefusesWhatTheRealAPIRefuses(t *testing.T) {
	s := fakeembeddings.New(key)
	defer s.Close()
	many := make([]string, fakeembeddings.MaxInputs+1)
	for i := range many {
		many[i] = "x"
	}
	tests := []struct {
		name string
		auth string
		body any
		want int
	}{
		{"no key", "", map[string]any{"input": []string{"a"}, "model": fakeembeddings.Model}, 401},
		{"a wrong key", "Bearer sk-other", map[string]any{"input": []string{"a"}, "model": fakeembeddings.Model}, 401},
		{"a wrong model", "Bearer " + key, map[string]any{"input": []string{"a"}, "model": "text-embedding-ada-002"}, 400},
		{"an empty string", "Bearer " + key, map[string]any{"input": []string{"a", ""}, "model": fakeembeddings.Model}, 400},
		{"no input", "Bearer " + key, map[string]any{"input": []string{}, "model": fakeembeddings.Model}, 400},
		{"too many inputs", "Bearer " + key, map[string]any{"input": many, "model": fakeembeddings.Model}, 400},
		{"one string", "Bearer " + key, map[string]any{"input": "a", "model": fakeembeddings.Model}, 200},
	}
	for _, tc := range tests {
		if status, body := post(t, s, tc.auth, tc.body); status != tc.want {
			t.Errorf("%s: status %d (%s), want %d", tc.name, status, body, tc.want)
		}
	}
	if sizes := s.BatchSizes(); len(sizes) != 1 || sizes[0] != 1 {
		t.Errorf("batch sizes = %v, want the one accepted request's [1]", sizes)
	}
}

func TestVectorsShareWordsWithTheirNearestText(t *testing.T) {
	texts := []string{"the quick brown fox", "a lazy dog sleeps", "brown foxes and dogs"}
	query := fakeembeddings.Vector("Quick FOX")
	best, bestScore := "", -1.0
	for _, text := range texts {
		if score := dot(query, fakeembeddings.Vector(text)); score > bestScore {
			best, bestScore = text, score
		}
	}
	if best != "the quick brown fox" {
		t.Errorf("nearest to %q is %q", "Quick FOX", best)
	}
	if n := dot(query, query); math.Abs(n-1) > 1e-5 {
		t.Errorf("|v|² = %v, want 1", n)
	}
}

func dot(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}
