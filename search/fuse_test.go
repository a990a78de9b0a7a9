package search

import (
	"slices"
	"testing"
)

func ids(hits []hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.id)
	}
	return out
}

func TestFuseIsReciprocalRankFusion(t *testing.T) {
	semantic := []hit{{id: "a"}, {id: "b"}, {id: "c"}}
	keyword := []hit{{id: "c"}, {id: "d"}, {id: "a"}}
	got := fuse(10, semantic, keyword)
	// a: 1/61 + 1/63, c: 1/63 + 1/61 (tie: a named first), b: 1/62, d: 1/62.
	if want := []string{"a", "c", "b", "d"}; !slices.Equal(ids(got), want) {
		t.Errorf("fused order = %v, want %v", ids(got), want)
	}
	if want := 1.0/61 + 1.0/63; got[0].score != want {
		t.Errorf("a's score = %v, want %v", got[0].score, want)
	}
	if limited := fuse(2, semantic, keyword); len(limited) != 2 {
		t.Errorf("fuse with limit 2 gave %d", len(limited))
	}
}
