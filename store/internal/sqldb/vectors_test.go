package sqldb

import (
	"math"
	"math/rand/v2"
	"testing"
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
