// Package memlimit keeps the command's heap small on large trees.
//
// Go's collector lets the heap grow to twice what it holds live (GOGC=100)
// before it collects. A scan holds a compact record of every source file
// to its end, so on a tree of 100,000 files the heap would peak near twice
// those records. Start sets a soft memory limit instead: the collector
// works harder as the heap nears Floor, and once the live heap of a very
// large tree needs more, the limit rises to one and a half times the live
// heap, so the collector is never made to run without pause.
//
// A GOMEMLIMIT or GOGC=off set by the user wins: Start then does nothing.
package memlimit

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// Floor is the soft limit a scan starts with.
const Floor = 112 << 20

// every is how often the live heap is read.
const every = 50 * time.Millisecond

// Start sets the soft memory limit and raises it as the live heap grows;
// stop ends the watching and restores the limit found.
func Start() (stop func()) {
	if os.Getenv("GOMEMLIMIT") != "" || os.Getenv("GOGC") == "off" {
		return func() {}
	}
	before := debug.SetMemoryLimit(Floor)
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(every)
		defer t.Stop()
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		limit := int64(Floor)
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			metrics.Read(s)
			if s[0].Value.Kind() != metrics.KindUint64 {
				continue
			}
			if next := Next(limit, s[0].Value.Uint64()); next != limit {
				limit = next
				debug.SetMemoryLimit(limit)
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		debug.SetMemoryLimit(before)
	}
}

// Next returns the limit to set when the live heap is live bytes: at least
// one and a half times the live heap, and never lower than limit.
func Next(limit int64, live uint64) int64 {
	const most = 1 << 62
	if live > most/3*2 {
		return most
	}
	if want := int64(live) * 3 / 2; want > limit {
		return want
	}
	return limit
}
