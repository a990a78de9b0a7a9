package embeddings_test

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"spark.dev/spark/embeddings"
	"spark.dev/spark/internal/fakeembeddings"
)

const key = "sk-test-key-0123456789"

func newClient(t *testing.T, k string) (*embeddings.Client, *fakeembeddings.Server) {
	fake := fakeembeddings.New(key)
	t.Cleanup(fake.Close)
	return embeddings.New(embeddings.Options{APIKey: k, BaseURL: fake.URL()}), fake
}

// The fake answers in reverse order: vectors must follow the index.
func TestEmbedPlacesVectorsByIndex(t *testing.T) {
	c, fake := newClient(t, key)
	texts := []string{"first text", "second one", "third and last"}
	got, err := c.Embed(t.Context(), texts)
	if err != nil {
		t.Fatal(err)
	}
	for i, text := range texts {
		if !slices.Equal(got[i], fakeembeddings.Vector(text)) {
			t.Errorf("vector %d is not the vector of %q", i, text)
		}
	}
	if sizes := fake.BatchSizes(); !slices.Equal(sizes, []int{3}) {
		t.Errorf("batch sizes = %v, want [3]", sizes)
	}
}

func TestEmbedErrors(t *testing.T) {
	tests := []struct {
		name  string
		key   string
		fault *fakeembeddings.Fault
		check func(t *testing.T, err error)
	}{
		{"no key", "", nil, func(t *testing.T, err error) {
			if !errors.Is(err, embeddings.ErrNotConfigured) {
				t.Errorf("err = %v, want ErrNotConfigured", err)
			}
		}},
		{"a wrong key", "sk-wrong", nil, func(t *testing.T, err error) {
			if e, ok := errors.AsType[*embeddings.UnauthorizedError](err); !ok || e.Status != 401 {
				t.Errorf("err = %v, want an UnauthorizedError 401", err)
			}
			if strings.Contains(err.Error(), "sk-wrong") {
				t.Errorf("the error shows the key: %v", err)
			}
		}},
		{"429 with Retry-After", key, &fakeembeddings.Fault{Status: 429, RetryAfter: 7 * time.Second}, func(t *testing.T, err error) {
			e, ok := errors.AsType[*embeddings.RateLimitError](err)
			if wait := time.Until(e.RetryAt); !ok || wait < 5*time.Second || wait > 8*time.Second {
				t.Errorf("err = %v, want a RateLimitError about 7 s away", err)
			}
		}},
		{"500", key, &fakeembeddings.Fault{Status: 500}, func(t *testing.T, err error) {
			if e, ok := errors.AsType[*embeddings.ServerError](err); !ok || e.Status != 500 {
				t.Errorf("err = %v, want a ServerError 500", err)
			}
		}},
		{"503 from a proxy", key, &fakeembeddings.Fault{Status: 503}, func(t *testing.T, err error) {
			if e, ok := errors.AsType[*embeddings.ServerError](err); !ok || e.Status != 503 {
				t.Errorf("err = %v, want a ServerError 503", err)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, fake := newClient(t, tc.key)
			if tc.fault != nil {
				fake.FailNext(1, *tc.fault)
			}
			_, err := c.Embed(t.Context(), []string{"some text"})
			tc.check(t, err)
		})
	}
}

func TestEmbedRefusesBatchesOutOfBoundsWithoutSending(t *testing.T) {
	c, fake := newClient(t, key)
	for _, n := range []int{0, embeddings.MaxInputs + 1} {
		if _, err := c.Embed(t.Context(), make([]string, n)); err == nil {
			t.Errorf("Embed of %d texts succeeded", n)
		}
	}
	if reqs := fake.Requests(); len(reqs) != 0 {
		t.Errorf("%d requests sent, want none", len(reqs))
	}
}

func TestEmbedRequestErrorCarriesTheAPIMessage(t *testing.T) {
	c, _ := newClient(t, key)
	_, err := c.Embed(t.Context(), []string{"fine", ""})
	if e, ok := errors.AsType[*embeddings.RequestError](err); !ok || e.Status != http.StatusBadRequest || !strings.Contains(e.Detail, "empty") {
		t.Errorf("err = %v, want a RequestError 400 about the empty input", err)
	}
}
