package analyzers

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/stackaudit/stackaudit/stack"
)

// TestsNotInCI reports units whose tests no CI job runs.
var TestsNotInCI = register(&Analyzer{
	Code:     "SA303",
	Name:     "tests-not-in-ci",
	Category: Testing,
	Level:    Warning,
	Summary:  "A unit has tests but no CI job runs them",
	Tags:     []string{"testing", "ci", "reliability"},
	Run:      runTestsNotInCI,
})

func runTestsNotInCI(p *Pass) {
	inv := p.Inventory
	for _, u := range inv.Units {
		if u.Source.Tests == 0 || len(u.TestFiles) == 0 || templatedUnit(u) {
			continue
		}
		var elsewhere []Location
		covered := false
		for _, job := range inv.CI {
			for _, tool := range sortedToolIDs(job.Dirs) {
				if !testTools[tool] {
					continue
				}
				if jobRunsOn(inv, job, tool, u) {
					covered = true
					break
				}
				if eco, ok := toolEcosystems[tool]; len(elsewhere) < 3 && (!ok || eco == u.Ecosystem) {
					elsewhere = append(elsewhere, Location{Path: job.Evidence.Path, Line: job.Evidence.Line,
						Message: fmt.Sprintf("job %s runs %s in %s", job.Name, tool, joinAnd(job.Dirs[tool]))})
				}
			}
			if covered {
				break
			}
		}
		if covered {
			continue
		}
		first := firstTestFile(u)
		loc := Location{Path: first, Line: 1}
		what := fmt.Sprintf("%s (first in %s/)", plural(u.Source.Tests, "test file", "test files"), path.Dir(first))
		if path.Dir(first) == "." {
			what = fmt.Sprintf("%s (%s, ...)", plural(u.Source.Tests, "test file", "test files"), first)
			if u.Source.Tests == 1 {
				what = "1 test file (" + first + ")"
			}
		}
		if runners := u.ToolsOf(stack.TestRunner); len(runners) > 0 {
			t := runners[0].Evidence
			loc = Location{Path: t.Path, Line: t.Line}
			what += " for " + runners[0].ID
		}
		var why string
		switch {
		case len(inv.CI) == 0:
			why = "no CI configuration found, so the tests run only when someone remembers to"
		case len(elsewhere) > 0:
			why = "no CI job runs the tests (CI runs tests only elsewhere: " + elsewhere[0].Message + ", " + elsewhere[0].Path + ")"
		default:
			why = "no CI job runs the tests"
		}
		p.Report(Finding{
			Location: loc,
			Key:      []string{u.Path},
			Related:  elsewhere,
			Message:  fmt.Sprintf("%s: %s but %s; %s", loc.Path, what, why, testCIAdvice(u)),
		})
	}
}

// firstTestFile is the first of u's test files named as a test
// (test_x.py, x_test.py, x.test.ts, x.spec.js), else its first test file,
// which may be a fixture or helper in a test folder.
func firstTestFile(u *stack.Unit) string {
	for _, f := range u.TestFiles {
		base := strings.ToLower(path.Base(f))
		if strings.HasPrefix(base, "test_") || strings.HasSuffix(base, "_test.py") ||
			strings.Contains(base, ".test.") || strings.Contains(base, ".spec.") {
			return f
		}
	}
	return u.TestFiles[0]
}

// testCIAdvice says how to run a unit's tests in CI.
func testCIAdvice(u *stack.Unit) string {
	cmd := "npm test"
	switch u.PackageManager {
	case "pnpm", "yarn":
		cmd = u.PackageManager + " test"
	case "bun":
		cmd = "bun run test" // `bun test` runs Bun's own runner, not the script
	}
	if u.Ecosystem == stack.Python {
		cmd = "pytest"
		switch u.PackageManager {
		case "uv", "poetry", "pdm", "pipenv", "hatch":
			cmd = u.PackageManager + " run pytest"
		}
		for _, t := range u.ToolsOf(stack.TestRunner) {
			if t.ID == "unittest" {
				cmd = "python -m unittest"
				if t.Evidence.Detail == "from django.test import" {
					cmd = "python manage.py test"
				}
			}
		}
	}
	if u.Path == "." {
		return fmt.Sprintf("add a CI job that runs `%s` on every pull request", cmd)
	}
	return fmt.Sprintf("add a CI job that runs `%s` in %s (`working-directory: %s` in GitHub Actions) on every pull request", cmd, u.Path, u.Path)
}

func sortedToolIDs(m map[string][]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
