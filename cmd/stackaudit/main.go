package main

import (
	"os"

	"github.com/stackaudit/stackaudit/internal/memlimit"
)

func main() {
	stop := memlimit.Start()
	code := Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
