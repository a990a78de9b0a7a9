package automationsfn

import (
	"testing"

	"spark.dev/spark/store"
)

// Every attempt of a run's step proposes under one id, a UUID the store
// takes; another run's differs; a run without an id leaves the choice to
// the store.
func TestRunAutomationID(t *testing.T) {
	first, again, other := runAutomationID("01JRUNAAAAAAAAAAAAAAAAAAAA"), runAutomationID("01JRUNAAAAAAAAAAAAAAAAAAAA"), runAutomationID("01JRUNBBBBBBBBBBBBBBBBBBBB")
	if first != again || first == other {
		t.Errorf("ids %q, %q (same run) and %q (another), want the first two equal and the third different", first, again, other)
	}
	if !store.IsRowID(first) {
		t.Errorf("id %q is not a row id", first)
	}
	if got := runAutomationID(""); got != "" {
		t.Errorf("a run without an id: %q, want \"\"", got)
	}
}
