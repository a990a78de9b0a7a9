package sqldb

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// pgvectorType is highlights.embedding's type where pgvector is installed.
const pgvectorType = "vector(1536)"

// usesPgvector reports whether highlights.embedding is a pgvector column
// in this database; elsewhere it holds float32s as bytes (vectorBytes).
func (db *DB) usesPgvector(ctx context.Context) (bool, error) {
	if db.dialect.VectorType == "" {
		return false, nil
	}
	var kind string
	if err := db.read.QueryRowContext(ctx, db.dialect.VectorType).Scan(&kind); err != nil {
		return false, fmt.Errorf("read the embedding column's type: %w", err)
	}
	return kind == pgvectorType, nil
}

// vectorArg binds v for the embedding column: pgvector's text form, or
// little-endian float32s.
func vectorArg(v []float32, pgvector bool) any {
	if !pgvector {
		return vectorBytes(v)
	}
	var b strings.Builder
	b.WriteByte('[')
	for i, x := range v {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatFloat(float64(x), 'g', -1, 32))
	}
	b.WriteByte(']')
	return b.String()
}

// vectorBytes is v as little-endian float32s, 4 bytes each.
func vectorBytes(v []float32) []byte {
	out := make([]byte, 4*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint32(out[4*i:], math.Float32bits(x))
	}
	return out
}

// vectorDest scans the embedding column into a vector: pgvector's text
// form when pgvector is set, else float32 bytes; NULL is nil.
type vectorDest struct {
	v        *[]float32
	pgvector bool
}

func (d vectorDest) Scan(src any) error {
	switch s := src.(type) {
	case nil:
		*d.v = nil
	case []byte:
		if d.pgvector {
			return d.parseText(string(s))
		}
		if len(s)%4 != 0 {
			return fmt.Errorf("scan vector: %d bytes is no float32 vector", len(s))
		}
		v := make([]float32, len(s)/4)
		for i := range v {
			v[i] = math.Float32frombits(binary.LittleEndian.Uint32(s[4*i:]))
		}
		*d.v = v
	case string:
		return d.parseText(s)
	default:
		return fmt.Errorf("scan vector: unexpected %T", src)
	}
	return nil
}

// parseText reads pgvector's text form, [x,y,…].
func (d vectorDest) parseText(s string) error {
	s = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
	parts := strings.Split(s, ",")
	v := make([]float32, len(parts))
	for i, p := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 32)
		if err != nil {
			return fmt.Errorf("scan vector: %w", err)
		}
		v[i] = float32(x)
	}
	*d.v = v
	return nil
}

// cosineBytes is cosine(a, b) for b as float32 bytes, read in place: a
// semantic scan decodes every stored vector once and keeps none.
func cosineBytes(a []float32, b []byte) float64 {
	if len(b) != 4*len(a) {
		return 0
	}
	var dot, na, nb float64
	for i, x := range a {
		y := float64(math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:])))
		dot += float64(x) * y
		na += float64(x) * float64(x)
		nb += y * y
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}
