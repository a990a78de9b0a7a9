package sqlite_test

import (
	"testing"

	"spark.dev/spark/store"
	"spark.dev/spark/store/storetest"
)

func TestAutomations(t *testing.T) {
	storetest.RunAutomations(t, func(t *testing.T) store.Store { return open(t, newDatabase(t)) })
}
