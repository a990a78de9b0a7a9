package sqldb

import (
	"slices"
	"testing"
	"testing/fstest"
)

func TestReadMigrations(t *testing.T) {
	file := &fstest.MapFile{Data: []byte("SELECT 1;")}
	tests := []struct {
		name    string
		files   []string
		want    []string // names in the order they apply
		wantErr bool
	}{
		{"numeric order, not name order", []string{"10_late.sql", "9_early.sql", "0001_init.sql"},
			[]string{"0001_init.sql", "9_early.sql", "10_late.sql"}, false},
		{"a name without a version", []string{"init.sql"}, nil, true},
		{"two files with one version", []string{"0002_a.sql", "2_b.sql"}, nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for _, name := range tc.files {
				fsys["migrations/"+name] = file
			}
			migrations, err := readMigrations(fsys)
			if (err != nil) != tc.wantErr {
				t.Fatalf("readMigrations error = %v, want error: %v", err, tc.wantErr)
			}
			var got []string
			for _, m := range migrations {
				got = append(got, m.name)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("order = %v, want %v", got, tc.want)
			}
		})
	}
}
