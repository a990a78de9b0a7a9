package sqlite_test

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"spark.dev/spark/store"
)

// Pages a commit leaves in the WAL reach the database file without another
// write: the writer's own checkpoint comes only after 10,000 WAL pages, so
// without the checkpointer these few hundred would wait in the WAL.
func TestCheckpointerCopiesTheWAL(t *testing.T) {
	path := newDatabase(t)
	st := open(t, path)
	size := func() int64 {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		return info.Size()
	}
	// Give the checkpointer time to copy what the migrations wrote.
	time.Sleep(500 * time.Millisecond)
	before := size()

	books := make([]store.Book, 400)
	for i := range books {
		books[i] = store.Book{RWID: int64(i + 1), Title: "Book " + strconv.Itoa(i) + strings.Repeat(" long title", 300)}
	}
	if _, _, err := st.UpsertBooks(t.Context(), "user-1", books); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); size() <= before; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("database file still %d bytes 10 s after a commit of about 1.3 MB: the WAL was not copied back", before)
		}
	}
}
