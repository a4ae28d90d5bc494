// Package par runs independent pieces of work on all cores.
package par

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Start calls fn(i) for every i in [0, n) on up to workers goroutines
// (GOMAXPROCS when workers <= 0), handing out indexes in order, and returns
// at once; the function it returns waits for the calls to finish. When
// stop, if not nil, reports true, no further index is handed out.
func Start(n, workers int, stop func() bool, fn func(i int)) (wait func()) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(min(workers, n), 0)
	var next atomic.Int64
	var wg sync.WaitGroup
	wg.Add(workers)
	for w := 0; w < workers; w++ {
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n || stop != nil && stop() {
					return
				}
				fn(i)
			}
		}()
	}
	return wg.Wait
}

// Each is Start that waits for the calls to finish.
func Each(n, workers int, stop func() bool, fn func(i int)) {
	Start(n, workers, stop, fn)()
}
