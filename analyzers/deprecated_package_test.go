package analyzers

import (
	"regexp"
	"strings"
	"testing"
)

// TestRetiredPackagesData checks every entry of data/deprecated.json is
// complete: a known status and level, a reason, a replacement and an https
// source, Python names PEP 503-normalised.
func TestRetiredPackagesData(t *testing.T) {
	pep503 := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	since := regexp.MustCompile(`^\d{4}-\d{2}(-\d{2})?$`)
	n := 0
	for eco, list := range RetiredPackages() {
		for name, e := range list {
			n++
			switch e.Status {
			case "deprecated", "unmaintained", "maintenance", "end-of-life":
			default:
				t.Errorf("%s %s: status %q", eco, name, e.Status)
			}
			if e.Level != Warning && e.Level != Note {
				t.Errorf("%s %s: level %q", eco, name, e.Level)
			}
			if e.Why == "" || e.Replacement == "" || !strings.HasPrefix(e.Source, "https://") {
				t.Errorf("%s %s: needs why, replacement and an https source", eco, name)
			}
			if e.Since != "" && !since.MatchString(e.Since) {
				t.Errorf("%s %s: since %q is not YYYY-MM[-DD]", eco, name, e.Since)
			}
			if eco == "python" && !pep503.MatchString(name) {
				t.Errorf("python %s: not PEP 503-normalised", name)
			}
		}
	}
	if n < 20 {
		t.Errorf("only %d entries", n)
	}
}
