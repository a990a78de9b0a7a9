package sqlite_test

import (
	"testing"

	"spark.dev/spark/store"
	"spark.dev/spark/store/storetest"
)

func TestScheduledTasks(t *testing.T) {
	storetest.RunScheduledTasks(t, func(t *testing.T) store.Store { return open(t, newDatabase(t)) })
}
