package fakeembeddings

import (
	"hash/fnv"
	"math"
	"strings"
	"unicode"
)

// Dimensions is the length of the fake's vectors, as text-embedding-3-small's.
const Dimensions = 1536

// Vector is the fake's embedding of text: a bag of its lower-cased words,
// each hashed into one of Dimensions, normalized to length 1. Texts sharing
// more words are nearer, so a test knows a query's nearest text. A text
// with no words hashes as one word.
func Vector(text string) []float32 {
	v := make([]float64, Dimensions)
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
	if len(words) == 0 {
		words = []string{text}
	}
	for _, w := range words {
		h := fnv.New64a()
		h.Write([]byte(w))
		v[h.Sum64()%Dimensions]++
	}
	var norm float64
	for _, x := range v {
		norm += x * x
	}
	norm = math.Sqrt(norm)
	out := make([]float32, Dimensions)
	for i, x := range v {
		out[i] = float32(x / norm)
	}
	return out
}
