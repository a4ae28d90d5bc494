package detectors

import (
	"path"
	"strings"

	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
)

// The CI family reads pipeline definitions of six providers, records each
// job with the commands it runs, and classifies those commands into the
// checks they enforce (test, lint, typecheck, format), following npm
// scripts, Makefile targets, tox environments, nox sessions and pre-commit
// hooks into the repository. It runs after the unit families so package.json
// scripts are known.
var _ = register(family{
	name:  "ci",
	order: 50,
	patterns: []string{
		".github/workflows/*.yml", ".github/workflows/*.yaml",
		".gitlab-ci.yml", ".gitlab-ci.yaml",
		".circleci/config.yml", ".circleci/config.yaml",
		"azure-pipelines.yml", "azure-pipelines.yaml", "**/azure-pipelines*.yml",
		"bitbucket-pipelines.yml",
		".travis.yml", ".travis.yaml",
		"**/Jenkinsfile", "**/Jenkinsfile.*", "**/*.jenkinsfile",
	},
	run: runCI,
})

// ciRun is one command block of a job and the folder it runs in.
type ciRun struct {
	cmd string
	dir string // "" when the job does not say
	// notShell marks code for another interpreter (GitHub's shell: python),
	// recorded as written but not read as commands.
	notShell bool
}

// ciUse is a reusable step (a GitHub action, a CircleCI orb command).
type ciUse struct {
	ref  string
	with map[string]string
}

// ciJob is a job as a provider reader found it, before classification.
type ciJob struct {
	provider string
	name     string
	path     string
	line     int
	runs     []ciRun
	uses     []ciUse
	// runtimes are the Node and Python versions the job sets up.
	runtimes []stack.Runtime
}

func runCI(d *Detection, files []repo.File) {
	r := newCIResolver(d)
	for _, f := range files {
		data, err := d.Snap.ReadFile(f.Path)
		if err != nil {
			d.Problemf(f.Path, "cannot read CI file: %v", err)
			continue
		}
		var jobs []ciJob
		switch {
		case strings.HasPrefix(f.Path, ".github/workflows/"):
			jobs, err = githubJobs(f.Path, data)
		case strings.HasPrefix(f.Path, ".gitlab-ci."):
			jobs, err = gitlabJobs(f.Path, data, func(pattern string) map[string][]byte {
				return readMatching(d, pattern)
			})
		case strings.HasPrefix(f.Path, ".circleci/"):
			jobs, err = circleJobs(f.Path, data)
		case strings.Contains(f.Path, "azure-pipelines"):
			jobs, err = azureJobs(f.Path, data)
		case f.Path == "bitbucket-pipelines.yml":
			jobs, err = bitbucketJobs(f.Path, data)
		case f.Path == ".travis.yml" || f.Path == ".travis.yaml":
			jobs, err = travisJobs(f.Path, data)
		default:
			jobs = jenkinsJobs(f.Path, data)
		}
		if err != nil {
			d.Problemf(f.Path, "cannot parse CI file: %v", err)
			continue
		}
		for _, j := range jobs {
			d.Inventory.CI = append(d.Inventory.CI, r.classify(j))
		}
	}
	// The Git hooks as a job of their own, for rules that count what
	// developers run before committing.
	d.Inventory.PreCommit = r.gitHooks()
}

// classify turns a provider's job into a stack.CIJob with its checks.
func (r *ciResolver) classify(j ciJob) stack.CIJob {
	out := stack.CIJob{Provider: j.provider, Name: j.name, Evidence: stack.Evidence{Path: j.path, Line: j.line}}
	f := newCIFacts()
	for _, run := range j.runs {
		cmd := strings.TrimSpace(run.cmd)
		if cmd == "" {
			continue
		}
		out.Runs = append(out.Runs, cmd)
		dir, explicit := ".", false
		if run.dir != "" {
			if p := joinPath(".", run.dir); p != "" {
				dir, explicit = p, true
			}
		}
		if !run.notShell {
			r.script(cmd, dir, explicit, 0, f)
		}
	}
	for _, u := range j.uses {
		f.at = []string{"."}
		if p := joinPath(".", githubDir(u.with["working-directory"])); p != "" {
			f.at = []string{p}
		}
		r.action(u, f)
	}
	f.fill(&out)
	out.Runtimes = j.runtimes
	return out
}

// fill records the tools, checks and tool folders found in a job.
func (f *ciFacts) fill(out *stack.CIJob) {
	if len(f.tools) > 0 {
		out.Tools = sortedKeys(f.tools)
		out.Dirs = map[string][]string{}
		for t, dirs := range f.dirs {
			out.Dirs[t] = sortedKeys(dirs)
		}
	}
	if len(f.checks) > 0 {
		out.Checks = sortedKeys(f.checks)
	}
}

// action classifies a reusable step by its reference (owner/name@ref).
func (r *ciResolver) action(u ciUse, f *ciFacts) {
	r.actionDepth(u, 0, f)
}

func (r *ciResolver) actionDepth(u ciUse, depth int, f *ciFacts) {
	if strings.HasPrefix(u.ref, "./") {
		r.localAction(u.ref, depth, f)
		return
	}
	ref, _, _ := strings.Cut(strings.ToLower(u.ref), "@")
	switch {
	case ref == "circleci-orb:circleci/node/test":
		// The node orb's test job runs `<pkg-manager> run <run-command>`.
		pm, cmd := u.with["pkg-manager"], u.with["run-command"]
		if pm == "" {
			pm = "npm"
		}
		if cmd == "" {
			cmd = "test"
		}
		dir, explicit := ".", false
		if p := joinPath(".", circleDir(u.with["app-dir"])); p != "" && u.with["app-dir"] != "" {
			dir, explicit = p, true
		}
		r.script(pm+" run "+cmd, dir, explicit, depth+1, f)
	case ref == "circleci-orb:circleci/python/test":
		switch u.with["test-tool"] {
		case "unittest":
			f.add("unittest", checkTest)
		default:
			f.add("pytest", checkTest)
		}
	case ref == "astral-sh/ruff-action" || ref == "chartboost/ruff-action":
		args := u.with["args"]
		if strings.HasPrefix(strings.TrimSpace(args), "format") {
			if strings.Contains(args, "--check") || strings.Contains(args, "--diff") {
				f.add("ruff-format", checkFormat)
			}
			return
		}
		f.add("ruff", checkLint)
	case ref == "pre-commit/action" || ref == "pre-commit-ci/lite-action":
		r.preCommit(strings.Fields(u.with["extra_args"]), 0, f)
	case strings.HasPrefix(ref, "golangci/golangci-lint-action"):
		f.add("golangci-lint", checkLint)
	case ref == "psf/black":
		f.add("black", checkFormat)
	case ref == "lgeiger/black-action" || ref == "rickstaa/action-black":
		if args := u.with["args"] + " " + u.with["black_args"]; strings.Contains(args, "--check") || strings.Contains(args, "--diff") {
			f.add("black", checkFormat)
		}
	case ref == "jakebailey/pyright-action":
		f.add("pyright", checkTypecheck)
	case ref == "reviewdog/action-eslint" || ref == "sibiraj-s/action-eslint":
		f.add("eslint", checkLint)
	case ref == "cypress-io/github-action":
		f.add("cypress", checkTest)
	case ref == "biomejs/setup-biome":
		// sets biome up; the run step that follows says what it checks
	case ref == "py-actions/flake8":
		f.add("flake8", checkLint)
	}
}

// localAction follows a composite action kept in the repository
// (uses: ./.github/actions/setup) into its run steps and the actions it uses.
func (r *ciResolver) localAction(ref string, depth int, f *ciFacts) {
	dir := joinPath(".", ref)
	if dir == "" {
		return
	}
	for _, name := range []string{"action.yml", "action.yaml"} {
		p := joinPath(dir, name)
		if !r.d.Snap.Exists(p) {
			continue
		}
		key := "action:" + p
		if !r.enter(key, depth+1) {
			return
		}
		defer r.leave(key)
		data, err := r.d.Snap.ReadFile(p)
		if err != nil {
			return
		}
		root, err := yamlDoc(data)
		if err != nil {
			r.d.Problemf(p, "cannot parse action: %v; its steps are not counted until the YAML is fixed", err)
			return
		}
		for _, step := range yseq(yget(yget(root, "runs"), "steps")) {
			if run := ystr(yget(step, "run")); run != "" {
				wd, explicit := ".", false
				if w := githubDir(ystr(yget(step, "working-directory"))); w != "" {
					if j := joinPath(".", w); j != "" {
						wd, explicit = j, true
					}
				}
				r.script(run, wd, explicit, depth+1, f)
			}
			if uses := ystr(yget(step, "uses")); uses != "" {
				r.actionDepth(ciUse{ref: uses, with: yamlStringMap(yget(step, "with"))}, depth+1, f)
			}
		}
		return
	}
}

// readMatching reads the indexed files matching a path or glob (at most 50),
// silently skipping those that cannot be read as text.
func readMatching(d *Detection, pattern string) map[string][]byte {
	out := map[string][]byte{}
	if !strings.ContainsAny(pattern, "*?[") {
		if data, err := d.Snap.ReadFile(pattern); err == nil {
			out[pattern] = data
		}
		return out
	}
	for _, f := range d.Snap.Files() {
		if len(out) >= 50 {
			break
		}
		if ok, _ := path.Match(pattern, f.Path); ok || strings.Contains(pattern, "**") && repo.MatchPath(pattern, f.Path) {
			if data, err := d.Snap.ReadFile(f.Path); err == nil {
				out[f.Path] = data
			}
		}
	}
	return out
}
