package airtable_test

import (
	"testing"

	"spark.dev/spark/airtable"
)

func TestValidIDs(t *testing.T) {
	for _, tc := range []struct {
		id          string
		base, table bool
	}{
		{"appSparkBase00001", true, false},
		{"appabcdefghijklmn", true, false},
		{"tblSparks00000001", false, true},
		{"appSparkBase0000", false, false},   // 13 characters
		{"appSparkBase000012", false, false}, // 15
		{"appSparkBase0000-", false, false},
		{"appSparkBase000é", false, false}, // 17 bytes, one of them not ASCII
		{"APPSparkBase00001", false, false},
		{"viwSparks00000001", false, false},
		{"", false, false},
		{"app", false, false},
	} {
		if got := airtable.ValidBaseID(tc.id); got != tc.base {
			t.Errorf("ValidBaseID(%q) = %v", tc.id, got)
		}
		if got := airtable.ValidTableID(tc.id); got != tc.table {
			t.Errorf("ValidTableID(%q) = %v", tc.id, got)
		}
	}
}
