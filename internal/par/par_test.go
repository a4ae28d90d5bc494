package par

import (
	"sync/atomic"
	"testing"
)

func TestEachCallsEveryIndexOnce(t *testing.T) {
	for _, workers := range []int{0, 1, 3, 100} {
		seen := make([]atomic.Int32, 1000)
		Each(len(seen), workers, nil, func(i int) { seen[i].Add(1) })
		for i := range seen {
			if n := seen[i].Load(); n != 1 {
				t.Fatalf("workers %d: index %d called %d times", workers, i, n)
			}
		}
	}
	Each(0, 0, nil, func(int) { t.Error("called with no work") })
}

func TestStartStops(t *testing.T) {
	var calls atomic.Int32
	var stopped atomic.Bool
	wait := Start(1000, 2, stopped.Load, func(i int) {
		if calls.Add(1) == 10 {
			stopped.Store(true)
		}
	})
	wait()
	if n := calls.Load(); n < 10 || n > 12 {
		t.Errorf("%d calls after the stop at the 10th (two workers may each finish one more)", n)
	}
}
