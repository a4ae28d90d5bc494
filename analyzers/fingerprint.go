package analyzers

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// fingerprint hashes what identifies a finding apart from where its lines
// happen to sit: the rule, the file, and the rule's own key. Moving
// unrelated lines leaves it as it was.
func fingerprint(f Finding) string {
	h := sha256.New()
	parts := append([]string{f.Code, f.Location.Path}, f.Key...)
	h.Write([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(h.Sum(nil))[:32]
}
