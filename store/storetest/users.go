package storetest

import (
	"crypto/sha256"
	"fmt"
	"regexp"

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

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// isUUID reports whether id is a uuid in canonical lower-case form.
func isUUID(id string) bool { return uuidPattern.MatchString(id) }
