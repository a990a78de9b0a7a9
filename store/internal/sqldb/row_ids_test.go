package sqldb

import (
	"testing"

	"github.com/google/uuid"
)

// Bulk rows get version 7 uuids in increasing order, so that a page's rows
// land together at the end of the id indexes.
func TestNewRowIDsAreOrderedVersion7(t *testing.T) {
	prev := ""
	for range 1000 {
		id := newRowID()
		parsed, err := uuid.Parse(id)
		if err != nil || parsed.Version() != 7 || parsed.String() != id {
			t.Fatalf("newRowID() = %q (%v), want a lower-case version 7 uuid", id, err)
		}
		if id <= prev {
			t.Fatalf("newRowID() = %q after %q, want increasing", id, prev)
		}
		prev = id
	}
}
