package memlimit

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestNext(t *testing.T) {
	for _, tc := range []struct {
		limit int64
		live  uint64
		want  int64
	}{
		{Floor, 10 << 20, Floor},          // well under the floor
		{Floor, Floor * 2 / 3, Floor},     // exactly two thirds: unchanged
		{Floor, 100 << 20, 150 << 20},     // the live heap needs more room
		{300 << 20, 100 << 20, 300 << 20}, // never lowered
		{Floor, math.MaxUint64, 1 << 62},  // no overflow
	} {
		if got := Next(tc.limit, tc.live); got != tc.want {
			t.Errorf("Next(%d, %d) = %d, want %d", tc.limit, tc.live, got, tc.want)
		}
	}
}

func TestStart(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	before := debug.SetMemoryLimit(-1)
	stop := Start()
	if got := debug.SetMemoryLimit(-1); got != Floor {
		t.Errorf("limit while running = %d, want %d", got, Floor)
	}
	stop()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit after stop = %d, want %d as before", got, before)
	}
}

func TestStartLeavesTheUsersSetting(t *testing.T) {
	for _, env := range [][2]string{{"GOMEMLIMIT", "1GiB"}, {"GOGC", "off"}} {
		t.Run(env[0], func(t *testing.T) {
			t.Setenv(env[0], env[1])
			before := debug.SetMemoryLimit(-1)
			stop := Start()
			if got := debug.SetMemoryLimit(-1); got != before {
				t.Errorf("%s=%s: limit set to %d", env[0], env[1], got)
			}
			stop()
		})
	}
}
