package sqldb

import "github.com/google/uuid"

// newRowID is the id of a row written in bulk: a version 7 uuid, which
// starts with the time, so that a page's rows go to the end of the id
// indexes together instead of to random places in them (the tables'
// default, a version 4 uuid, costs a sync a page split and a cache miss
// per row). The id of a row that exists already is kept.
func newRowID() string {
	return uuid.Must(uuid.NewV7()).String()
}
