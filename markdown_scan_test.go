package stackaudit

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stackaudit/stackaudit/report"
)

// TestDemoGoldenMarkdown pins the Markdown audit report of fixture
// repositories (no git facts, so no team section figures): the demo, and a
// Python serverless fixture that fills the stack-fit section. Its name
// starts like TestDemoGolden's so `go test -run TestDemoGolden -update`
// rewrites both.
func TestDemoGoldenMarkdown(t *testing.T) {
	for name, dir := range map[string]string{
		"demo.md":       "testdata/demo",
		"serverless.md": "testdata/rules/SA703/serverless-http",
	} {
		res := scanFixture(t, dir)
		res.Target = filepath.Base(dir)
		var b bytes.Buffer
		if err := report.Markdown(&b, res); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", "golden", name)
		if *update {
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -run TestDemoGolden -update)", err)
		}
		if !bytes.Equal(b.Bytes(), want) {
			t.Errorf("%s differs from a fresh scan; if the change is intended, run go test -run TestDemoGolden -update and review the diff\n--- got\n%s", path, b.Bytes())
		}
	}
}
