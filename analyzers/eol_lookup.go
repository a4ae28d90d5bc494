package analyzers

// RuntimeEOL looks a declared runtime up in data/eol.json, the table
// SA605 end-of-life-runtime judges by: name is "node" or "python", the
// constraint as written (">=20", "3.12", "lts/iron", "^18.17"). It returns
// the release line the constraint admits that is supported longest and the
// date that line's support ends (YYYY-MM-DD). ok is false when the
// constraint cannot be read, admits no listed line, or admits a line newer
// than every listed one.
func RuntimeEOL(name, constraint string) (cycle, eol string, ok bool) {
	v, ok := judgeRuntime(name, constraint, "")
	if !ok {
		return "", "", false
	}
	return v.highest.Cycle, v.highest.EOL, true
}
