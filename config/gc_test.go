package config_test

import (
	"runtime/debug"
	"testing"

	"spark.dev/spark/config"
)

func TestApplyGCDefault(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))

	t.Setenv("GOGC", "")
	config.ApplyGCDefault()
	if got := debug.SetGCPercent(100); got != config.GCPercent {
		t.Errorf("GOGC unset: the collector's target is %d%%, want %d%%", got, config.GCPercent)
	}

	// Go applied the environment's GOGC when the process started; the
	// default must not replace it.
	t.Setenv("GOGC", "50")
	debug.SetGCPercent(50)
	config.ApplyGCDefault()
	if got := debug.SetGCPercent(100); got != 50 {
		t.Errorf("GOGC=50: the collector's target is %d%%, want 50%%", got)
	}
}
