//go:build !unix

package hostile

func unixCases() []Case { return nil }
