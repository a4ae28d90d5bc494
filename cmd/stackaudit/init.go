package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/stackaudit/stackaudit/config"
)

func init() {
	commands = append(commands, &command{
		name: "init", summary: "write a commented starter .stackaudit.toml with every key at its default",
		usage:   "stackaudit init [PATH] [--force]",
		example: "stackaudit init\n  stackaudit init services/api --force",
		run:     runInit,
	})
}

// starterConfig is the file `stackaudit init` writes: every key at its
// default with its documentation, generated from the rule registry.
func starterConfig() []byte {
	var buf bytes.Buffer
	writeConfig(&buf, config.Default(), true)
	return buf.Bytes()
}

func runInit(e *env, args []string) int {
	c := lookupCommand("init")
	flags := newFlagSet(e, c)
	force := flags.Bool("force", false, "overwrite an existing configuration file")
	pos, code, done := parse(e, c, flags, args, 1)
	if done {
		return code
	}
	path := filepath.Join(target(pos), config.FileName)
	if _, err := os.Stat(path); err == nil && !*force {
		return fail(e, "init", fmt.Errorf("%s exists; `stackaudit config` prints what it sets, --force overwrites it", path))
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fail(e, "init", err)
	}
	if err := os.WriteFile(path, starterConfig(), 0o644); err != nil {
		return fail(e, "init", err)
	}
	fmt.Fprintf(e.stdout, "wrote %s\n", path)
	return exitClean
}
