//go:build !unix

package syntax

func cpuTime() int64 { return 0 }
