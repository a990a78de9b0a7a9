package sqlite

import (
	"path/filepath"
	"testing"

	"spark.dev/spark/store"
	"spark.dev/spark/store/internal/sqldb"
	"spark.dev/spark/store/storetest"
)

func TestConvertsTheFirstSchema(t *testing.T) {
	storetest.RunV1Conversion(t, func(t *testing.T) string { return filepath.Join(t.TempDir(), "spark.db") },
		func(t *testing.T, path string) store.Store {
			// Only through this backend's first schema (0001, 0002).
			db, err := sqldb.Open(t.Context(), "sqlite", sqldb.DSNs{Write: path + "?" + writePragmas, Read: path + "?" + readPragmas}, dialect.Through(2))
			if err != nil {
				t.Fatalf("open the first schema: %v", err)
			}
			return db
		}, Open)
}
