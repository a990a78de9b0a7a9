package storetest

import (
	"crypto/sha256"
	"fmt"

	"spark.dev/spark/internal/testtoken"
)

// User ids are UUIDs, as the columns that hold them are on PostgreSQL.
var (
	userA = testtoken.UserID(0xa)
	userB = testtoken.UserID(0xb)
	userC = testtoken.UserID(0xc)
)

// userFor is a user of its own for each name, for subtests sharing a store.
func userFor(name string) string {
	h := fmt.Sprintf("%x", sha256.Sum256([]byte(name)))
	return h[0:8] + "-" + h[8:12] + "-4" + h[13:16] + "-8" + h[17:20] + "-" + h[20:32]
}
