package sqldb

import (
	"database/sql"
	"math"
	"math/rand/v2"
	"testing"

	"spark.dev/spark/store"
)

// cosine is the plain cosine of two vectors, in float64.
func cosine(a, b []float32) float64 {
	var dot, na, nb float64
	for i := range a {
		dot += float64(a[i]) * float64(b[i])
		na += float64(a[i]) * float64(a[i])
		nb += float64(b[i]) * float64(b[i])
	}
	return dot / math.Sqrt(na*nb)
}

func randomVector(rng *rand.Rand, n int) []float32 {
	v := make([]float32, n)
	for i := range v {
		v[i] = float32(rng.NormFloat64())
	}
	return v
}

func TestCosineScore(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 3, 4, 5, 7, 1536} {
		q := randomVector(rng, n)
		b := randomVector(rng, n)
		got, want := newCosineQuery(q).score(vectorBytes(b)), cosine(q, b)
		if math.Abs(got-want) > 1e-12 {
			t.Errorf("%d dimensions: score %v, want %v", n, got, want)
		}
		if same := newCosineQuery(q).score(vectorBytes(q)); math.Abs(same-1) > 1e-12 {
			t.Errorf("%d dimensions: a vector against itself scores %v, want 1", n, same)
		}
	}
	q := randomVector(rng, 4)
	for name, b := range map[string][]byte{
		"another length": vectorBytes(randomVector(rng, 5)),
		"zero vector":    vectorBytes(make([]float32, 4)),
		"no bytes":       nil,
		"odd bytes":      []byte{1, 2, 3},
	} {
		if got := newCosineQuery(q).score(b); got != 0 {
			t.Errorf("%s: score %v, want 0", name, got)
		}
	}
	if got := newCosineQuery(make([]float32, 4)).score(vectorBytes(q)); got != 0 {
		t.Errorf("zero query: score %v, want 0", got)
	}
}

func BenchmarkCosineScore(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	q := newCosineQuery(randomVector(rng, 1536))
	stored := vectorBytes(randomVector(rng, 1536))
	for b.Loop() {
		q.score(stored)
	}
}

// A row outranks a hit by a higher score, then by a lower id, and its id
// as the driver's bytes is compared without making a string of it.
func TestOutranks(t *testing.T) {
	hit := store.SearchHit{HighlightID: "b", Score: 0.5}
	for _, c := range []struct {
		score float64
		id    string
		want  bool
	}{{0.6, "z", true}, {0.4, "a", false}, {0.5, "a", true}, {0.5, "b", false}, {0.5, "c", false}} {
		if got := outranks(c.score, []byte(c.id), hit); got != c.want {
			t.Errorf("outranks(%v, %q, %v) = %v, want %v", c.score, c.id, hit, got, c.want)
		}
		if got := worse(hit, store.SearchHit{HighlightID: c.id, Score: c.score}); got != c.want {
			t.Errorf("worse(%v, {%q %v}) = %v, want %v", hit, c.id, c.score, got, c.want)
		}
	}
	// An id as long as a UUID: a string of one byte never allocates.
	id := sql.RawBytes("4f7c9b1e-2d3a-4c5b-8e6f-7a8b9c0d1e2f")
	if allocs := testing.AllocsPerRun(100, func() { outranks(0.5, id, hit) }); allocs != 0 {
		t.Errorf("outranks on bytes allocates %v times, want 0", allocs)
	}
}
