package analyzers_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/stackaudit/stackaudit/analyzers"
	"github.com/stackaudit/stackaudit/config"
	"github.com/stackaudit/stackaudit/detectors"
	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
)

// teamOutcome scans a fixture folder with the git facts set by hand (the
// fixture harness has no history) and returns code's findings and notices.
func teamOutcome(t *testing.T, dir, code string, git *stack.Git) (findings []analyzers.Finding, notes []analyzers.Notice) {
	t.Helper()
	ctx := context.Background()
	snap, err := repo.FromFS(ctx, os.DirFS(dir), repo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	inv := detectors.Detect(ctx, snap)
	inv.Git = git
	out := analyzers.RunAll(ctx, snap, inv, config.Default())
	for _, f := range out.Findings {
		if f.Code == code {
			findings = append(findings, f)
		}
	}
	for _, n := range out.Notes {
		if n.Code == code {
			notes = append(notes, n)
		}
	}
	return findings, notes
}

func team(active int) *stack.Git {
	return &stack.Git{Commits: 300, CommitsCapped: true, Authors: active + 3, ActiveDays: 180,
		ActiveAuthors: active, WindowCommits: 120, BusFactor: 1}
}

func TestTeamRules(t *testing.T) {
	sixServices := "../testdata/rules/SA401/six-services-no-history"
	twoBackends := "../testdata/rules/SA406/python-and-node-no-history"
	frontendOnly := "../testdata/rules/SA406/nextjs-frontend-only"
	shallow := team(1)
	shallow.Shallow, shallow.Commits = true, 1
	for _, tc := range []struct {
		name, dir, code string
		git             *stack.Git
		// want is a piece of the one finding's message, or "" for none;
		// note a piece of the one notice, or "" for none.
		want, note string
	}{
		{"team of one, six services", sixServices, "SA401", team(1),
			"6 services are built from this repository (cart, checkout, email, frontend, payment, shipping) and 1 person authored commits in the last 180 days", ""},
		{"team of five, six services", sixServices, "SA401", team(5), "and 5 people authored commits", ""},
		{"team of six, six services", sixServices, "SA401", team(6), "", ""},
		{"team of twenty, six services", sixServices, "SA401", team(20), "", ""},
		{"shallow clone", sixServices, "SA401", shallow, "", "the clone is shallow (1 commit present)"},
		{"no history", sixServices, "SA401", nil, "", "not a git repository"},
		{"empty window", sixServices, "SA401", team(0), "", "nobody committed in the last 180 days"},
		{"a chart, manifests and Dockerfiles of four services", "../testdata/rules/SA401/kubernetes-helm-dockerfiles-no-history", "SA401", team(1),
			"4 services are built from this repository (cart, checkout, email, frontend) and 1 person", ""},
		{"two services", "../testdata/rules/SA401/two-apps-compose-and-kubernetes", "SA401", team(1), "", ""},

		{"python and node, team of two", twoBackends, "SA406", team(2),
			"a Python backend (api: fastapi in api/) and a Node backend (gateway: express in gateway/), and 2 people", ""},
		{"python and node, team of six", twoBackends, "SA406", team(6), "", ""},
		{"python and node, no history", twoBackends, "SA406", nil, "", "not a git repository"},
		{"python and node, shallow", twoBackends, "SA406", shallow, "", "the clone is shallow"},
		{"next.js frontend is no backend", frontendOnly, "SA406", team(1), "", ""},
		{"next.js with API routes is a backend", "../testdata/rules/SA406/nextjs-api-routes-no-history", "SA406", team(1),
			"a Node backend (web: nextjs API routes in web/), and 1 person", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs, ns := teamOutcome(t, tc.dir, tc.code, tc.git)
			switch {
			case tc.want == "" && len(fs) > 0:
				t.Errorf("unexpected finding: %s", fs[0].Message)
			case tc.want != "" && (len(fs) != 1 || !strings.Contains(fs[0].Message, tc.want)):
				t.Errorf("findings %+v; want one containing %q", fs, tc.want)
			}
			switch {
			case tc.note == "" && len(ns) > 0:
				t.Errorf("unexpected notice: %s", ns[0].Message)
			case tc.note != "" && (len(ns) != 1 || !strings.Contains(ns[0].Message, tc.note)):
				t.Errorf("notices %+v; want one containing %q", ns, tc.note)
			}
			if len(fs) == 1 && tc.code == "SA401" && len(fs[0].Related) < 4 {
				t.Errorf("related %v; want each service's evidence", fs[0].Related)
			}
		})
	}
}
