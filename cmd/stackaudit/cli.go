package main

import (
	"fmt"
	"io"
)

// Main runs the command line and returns the exit status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "stackaudit: command line under construction")
	return 2
}
