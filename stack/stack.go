// Package stack holds the inventory model: what a repository is built on,
// as plain data. Detectors fill it, rules read it, reports print it; the JSON
// output is this struct, so what users see is what rules see.
package stack

import "sort"

// Ecosystems of a unit.
const (
	Node   = "node"
	Python = "python"
)

// Component categories.
const (
	Web      = "web"
	Queue    = "queue"
	Data     = "data"
	Realtime = "realtime"
	// Integration is a third-party service the code talks to through its
	// SDK: payments (stripe, paddle, braintree), messaging (twilio),
	// e-mail (sendgrid, mailgun, postmark).
	Integration = "integration"
	// Automation is a scheduler or a scraper: work that runs on a clock or
	// drives other sites (node-cron, APScheduler, Scrapy, Puppeteer).
	Automation = "automation"
)

// Tool kinds.
const (
	Linter      = "linter"
	Formatter   = "formatter"
	TypeChecker = "typechecker"
	TestRunner  = "testrunner"
)

// Inventory is everything stackaudit knows about a repository's stack.
type Inventory struct {
	// Units are the folders with a manifest of their own, sorted by path.
	Units []*Unit `json:"units"`
	// Services are the things deployed on their own, sorted by path and name.
	Services []Service `json:"services"`
	// Infrastructure lists the images a deployment uses but does not build
	// (postgres, redis, rabbitmq, ...), sorted by path and name.
	Infrastructure []Infrastructure `json:"infrastructure"`
	// CI lists the continuous-integration jobs found.
	CI []CIJob `json:"ci"`
	// PreCommit holds the Git hooks kept in the repository (the root
	// .pre-commit-config.yaml, Husky's pre-commit and pre-push scripts with
	// lint-staged), classified like a CI job (provider "pre-commit"); nil
	// when there are none. The hooks run on developers' machines, and in CI
	// only when a job runs `pre-commit run` or pre-commit.ci is enabled.
	PreCommit *CIJob `json:"preCommit,omitempty"`
	// Git holds facts from history; nil when the target is not a git repository.
	Git *Git `json:"git,omitempty"`
}

// Evidence says where a fact was found.
type Evidence struct {
	// Path is slash-separated and relative to the repository root.
	Path string `json:"path"`
	// Line is 1-based; 0 means the whole file.
	Line int `json:"line,omitempty"`
	// Detail is what was seen there, such as `"eslint": "^9.0.0"`.
	Detail string `json:"detail,omitempty"`
}

// Unit is a folder with its own manifest.
type Unit struct {
	// Path is the folder, "." for the repository root.
	Path string `json:"path"`
	// Ecosystem is "node" or "python".
	Ecosystem string `json:"ecosystem"`
	// Manifests are the manifest files that define the unit.
	Manifests []string `json:"manifests"`
	// PackageManager is npm, yarn, pnpm, bun, pip, poetry, uv, pdm, pipenv or hatch.
	PackageManager string `json:"packageManager,omitempty"`
	// Lockfiles found in the unit's folder (or serving it from a workspace root).
	Lockfiles []Lockfile `json:"lockfiles"`
	// Workspace is the path of the workspace root unit this unit belongs to, if any.
	Workspace string `json:"workspace,omitempty"`
	// Application is true when the unit is deployed rather than published as a library.
	Application bool `json:"application"`
	// ToolingOnly marks a unit whose manifest holds only development tooling.
	ToolingOnly bool `json:"toolingOnly,omitempty"`
	// Runtime is the declared runtime, if any.
	Runtime *Runtime `json:"runtime,omitempty"`
	// Language is the unit's main language: typescript, javascript or python.
	Language string `json:"language,omitempty"`
	// Source counts the unit's own source files by kind.
	Source SourceStats `json:"source"`
	// Routes are the HTTP routes the unit's source declares, sorted by path,
	// method and location.
	Routes []Route `json:"routes,omitempty"`
	// SourceFiles are the paths of the files Source counts by language (no
	// tests, generated or tool configuration files), sorted. Rules read
	// them; the JSON leaves them out, as it would grow with the repository.
	SourceFiles []string `json:"-"`
	// TestFiles are the paths of the files Source counts as tests, sorted.
	TestFiles []string `json:"-"`
	// TSConfig is the effective tsconfig.json of a Node unit, if any.
	TSConfig *TSConfig `json:"tsconfig,omitempty"`
	// Scripts are package.json scripts (Node) or project scripts (Python).
	Scripts map[string]string `json:"scripts,omitempty"`
	// Components are the frameworks and libraries of note, sorted by id.
	Components []Component `json:"components"`
	// Tools are linters, formatters, type checkers and test runners, sorted by kind and id.
	Tools []Tool `json:"tools"`
	// Dependencies are every declared dependency, sorted by name.
	Dependencies []Dependency `json:"dependencies"`
	// Authors are the people whose commits in the active window changed
	// files under the unit's folder, most commits first (see Git.DiffedCommits).
	Authors []Author `json:"authors,omitempty"`
	// Undeclared lists the third-party packages the unit's source imports
	// that neither its manifests (nor its workspace root's) declare nor a
	// declared package is known to bring along, sorted.
	Undeclared []string `json:"undeclared,omitempty"`
}

// Route is one HTTP endpoint (or GraphQL operation) declared in source.
type Route struct {
	// Method is GET, POST, ..., ANY for a route that takes every method,
	// or QUERY/MUTATION for a GraphQL operation.
	Method string `json:"method"`
	// Path is the full path with every prefix applied (/api/billing/checkout/);
	// parameters as the framework writes them (/users/{id}, /users/:id).
	Path string `json:"path"`
	// Framework is the component id that declares it: django, fastapi, express, ...
	Framework string `json:"framework"`
	// Handler is the handler's qualified name (views.checkout, BillingController.create).
	Handler string `json:"handler,omitempty"`
	// HandlerEvidence is where the handler is defined, when found.
	HandlerEvidence *Evidence `json:"handlerEvidence,omitempty"`
	// Evidence is where the route is declared.
	Evidence Evidence `json:"evidence"`
}

// Lockfile is a package manager's lockfile.
type Lockfile struct {
	Path    string `json:"path"`
	Manager string `json:"manager"`
}

// Runtime is a language runtime version as declared.
type Runtime struct {
	Name       string   `json:"name"`
	Constraint string   `json:"constraint"`
	Evidence   Evidence `json:"evidence"`
}

// Dependency is one declared dependency of a unit.
type Dependency struct {
	// Name is the package name, normalised (PEP 503 for Python).
	Name string `json:"name"`
	// Constraint is the version constraint as written.
	Constraint string `json:"constraint,omitempty"`
	// Scope is prod, dev, peer, optional or a group/extra name.
	Scope    string   `json:"scope"`
	Evidence Evidence `json:"evidence"`
}

// SourceStats counts a unit's source files. Tests and generated files are
// counted apart and not in the language counts.
type SourceStats struct {
	TypeScript int `json:"typescript"`
	JavaScript int `json:"javascript"`
	Python     int `json:"python"`
	Tests      int `json:"tests"`
	Generated  int `json:"generated"`
	// CheckedJS counts JavaScript files that opt into type checking with // @ts-check.
	CheckedJS int `json:"checkedJs,omitempty"`
}

// TypeScriptShare is the share of TypeScript among the unit's own JS/TS
// source files, from 0 to 1; 0 when there are none.
func (s SourceStats) TypeScriptShare() float64 {
	n := s.TypeScript + s.JavaScript
	if n == 0 {
		return 0
	}
	return float64(s.TypeScript) / float64(n)
}

// TSConfig is the effective TypeScript configuration after following extends.
type TSConfig struct {
	Path string `json:"path"`
	// Extends lists the files followed, nearest first.
	Extends []string `json:"extends,omitempty"`
	// CompilerOptions holds the effective boolean compiler options that matter
	// to the rules (strict, noImplicitAny, strictNullChecks, allowJs, checkJs, ...).
	CompilerOptions map[string]bool `json:"compilerOptions,omitempty"`
}

// Component is a framework or library with a canonical id.
type Component struct {
	ID       string `json:"id"`
	Category string `json:"category"`
	// Package is the dependency that brought the component in (next, @nestjs/core).
	Package    string `json:"package"`
	Constraint string `json:"constraint,omitempty"`
	// Version is the resolved version from the lockfile, when there is one.
	Version string `json:"version,omitempty"`
	// Declared is true when a manifest declares it; Imported when the unit's
	// source imports it.
	Declared bool     `json:"declared"`
	Imported bool     `json:"imported"`
	Evidence Evidence `json:"evidence"`
	// ImportedAt is the first import of an Imported component in the
	// unit's source, when an import (not a file convention) shows it; for a
	// component found by import alone it is Evidence. Rules read it; the
	// JSON leaves it out.
	ImportedAt *Evidence `json:"-"`
}

// Infrastructure is an image a deployment runs but does not build.
type Infrastructure struct {
	Name string `json:"name"`
	// Kind is postgres, mysql, redis, rabbitmq, kafka, elasticsearch, mongodb, ...
	Kind     string   `json:"kind"`
	Image    string   `json:"image"`
	Evidence Evidence `json:"evidence"`
}

// Tool is a configured development tool.
type Tool struct {
	// ID is the tool's name: eslint, ruff, mypy, prettier.
	ID string `json:"id"`
	// Kind is linter, formatter, typechecker or testrunner.
	Kind     string   `json:"kind"`
	Evidence Evidence `json:"evidence"`
}

// Service is something deployed on its own.
type Service struct {
	Name string `json:"name"`
	// Kind is compose, dockerfile, procfile, serverless, kubernetes, ...
	Kind string `json:"kind"`
	// Unit is the path of the unit the service is built from, if known.
	Unit string `json:"unit,omitempty"`
	// Image is the base image (Dockerfile) or the image built.
	Image string `json:"image,omitempty"`
	// Command is the command the service starts with, as written.
	Command string `json:"command,omitempty"`
	// CommandEvidence points at the instruction that sets Command.
	CommandEvidence *Evidence `json:"commandEvidence,omitempty"`
	// Runtime is the language runtime the service runs on, when its base
	// image or deployment file says (python:3.12-slim, runtime: nodejs20.x).
	Runtime *Runtime `json:"runtime,omitempty"`
	// Authors are the people whose commits in the active window changed
	// files under the service's unit (or its Dockerfile's folder), most
	// commits first.
	Authors  []Author `json:"authors,omitempty"`
	Evidence Evidence `json:"evidence"`
}

// CIJob is one job of a CI pipeline.
type CIJob struct {
	// Provider is github, gitlab, circleci, azure, bitbucket, jenkins or
	// travis; "pre-commit" for Inventory.PreCommit.
	Provider string `json:"provider"`
	Name     string `json:"name"`
	// Runs are the commands the job runs, as written.
	Runs []string `json:"runs,omitempty"`
	// Checks are what the commands do, resolved through npm run, make, tox
	// and nox where the target is in the repository: test, lint, typecheck, format.
	Checks []string `json:"checks,omitempty"`
	// Tools are the tool ids the commands end up running (pytest, eslint, mypy).
	Tools []string `json:"tools,omitempty"`
	// Dirs maps each tool id to the folders it runs in ("." for the
	// repository root), from working-directory settings, cd, --prefix and
	// the paths given to the tool; sorted.
	Dirs map[string][]string `json:"dirs,omitempty"`
	// Runtimes are the Node and Python versions the job sets up
	// (actions/setup-node and setup-python versions, expanded through
	// strategy.matrix), each with the line it is written on.
	Runtimes []Runtime `json:"runtimes,omitempty"`
	Evidence Evidence  `json:"evidence"`
}

// Git holds facts read from history.
type Git struct {
	Head          string `json:"head,omitempty"`
	Shallow       bool   `json:"shallow"`
	Commits       int    `json:"commits"`
	CommitsCapped bool   `json:"commitsCapped,omitempty"`
	FirstCommit   string `json:"firstCommit,omitempty"`
	LastCommit    string `json:"lastCommit,omitempty"`
	Authors       int    `json:"authors"`
	ActiveDays    int    `json:"activeDays"`
	ActiveAuthors int    `json:"activeAuthors"`
	// WindowCommits counts the human commits authored in the window.
	WindowCommits int `json:"windowCommits"`
	// Team lists the humans who authored them, with their commits and
	// share of WindowCommits, most commits first.
	Team []Author `json:"team,omitempty"`
	// BusFactor is how few authors made at least half of WindowCommits;
	// 0 when the window holds no human commit.
	BusFactor int `json:"busFactor"`
	// Monthly counts human commits by month of authoring over the last
	// twelve calendar months, oldest first.
	Monthly []MonthCommits `json:"monthly,omitempty"`
	// DiffedCommits counts the window's commits compared with their parent
	// to find who touched each unit and service (Unit.Authors,
	// Service.Authors); DiffCapped is true when the window held more than
	// the cap (2,000) and only the newest were compared.
	DiffedCommits int  `json:"diffedCommits"`
	DiffCapped    bool `json:"diffCapped,omitempty"`
	// BusiestFiles are the files the most of those compared commits
	// changed (lockfiles left out), most first, at most ten.
	BusiestFiles []FileCommits `json:"busiestFiles,omitempty"`
}

// FileCommits is a file and how many of the window's commits changed it.
type FileCommits struct {
	Path    string `json:"path"`
	Commits int    `json:"commits"`
}

// Author is a person (after .mailmap; bots left out) and their commits.
type Author struct {
	Name string `json:"name"`
	// Email identifies the author, lower-cased; empty when commits carry none.
	Email   string `json:"email,omitempty"`
	Commits int    `json:"commits"`
	// Share is Commits over the window's human commits, rounded to three
	// places; set in Git.Team only.
	Share float64 `json:"share,omitempty"`
}

// MonthCommits is the commit count of one calendar month.
type MonthCommits struct {
	// Month is "2026-03".
	Month   string `json:"month"`
	Commits int    `json:"commits"`
}

// HasTool reports whether the unit has a tool of the given kind.
func (u *Unit) HasTool(kind string) bool {
	for _, t := range u.Tools {
		if t.Kind == kind {
			return true
		}
	}
	return false
}

// ToolsOf returns the unit's tools of the given kind.
func (u *Unit) ToolsOf(kind string) []Tool {
	var out []Tool
	for _, t := range u.Tools {
		if t.Kind == kind {
			out = append(out, t)
		}
	}
	return out
}

// Unit returns the first unit at path, or nil.
func (inv *Inventory) Unit(path string) *Unit {
	for _, u := range inv.Units {
		if u.Path == path {
			return u
		}
	}
	return nil
}

// Sort puts every list in its canonical order so output is deterministic.
func (inv *Inventory) Sort() {
	sort.SliceStable(inv.Units, func(i, j int) bool {
		a, b := inv.Units[i], inv.Units[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Ecosystem < b.Ecosystem
	})
	for _, u := range inv.Units {
		sort.Strings(u.Manifests)
		sort.Strings(u.SourceFiles)
		sort.SliceStable(u.Routes, func(i, j int) bool {
			a, b := u.Routes[i], u.Routes[j]
			if a.Path != b.Path {
				return a.Path < b.Path
			}
			if a.Method != b.Method {
				return a.Method < b.Method
			}
			if a.Evidence.Path != b.Evidence.Path {
				return a.Evidence.Path < b.Evidence.Path
			}
			return a.Evidence.Line < b.Evidence.Line
		})
		sort.Strings(u.TestFiles)
		sort.SliceStable(u.Lockfiles, func(i, j int) bool { return u.Lockfiles[i].Path < u.Lockfiles[j].Path })
		sort.SliceStable(u.Components, func(i, j int) bool { return u.Components[i].ID < u.Components[j].ID })
		sort.SliceStable(u.Tools, func(i, j int) bool {
			a, b := u.Tools[i], u.Tools[j]
			if a.Kind != b.Kind {
				return a.Kind < b.Kind
			}
			if a.ID != b.ID {
				return a.ID < b.ID
			}
			return a.Evidence.Path < b.Evidence.Path
		})
		sort.SliceStable(u.Dependencies, func(i, j int) bool {
			a, b := u.Dependencies[i], u.Dependencies[j]
			if a.Name != b.Name {
				return a.Name < b.Name
			}
			return a.Scope < b.Scope
		})
	}
	sort.SliceStable(inv.Services, func(i, j int) bool {
		a, b := inv.Services[i], inv.Services[j]
		if a.Evidence.Path != b.Evidence.Path {
			return a.Evidence.Path < b.Evidence.Path
		}
		return a.Name < b.Name
	})
	sort.SliceStable(inv.Infrastructure, func(i, j int) bool {
		a, b := inv.Infrastructure[i], inv.Infrastructure[j]
		if a.Evidence.Path != b.Evidence.Path {
			return a.Evidence.Path < b.Evidence.Path
		}
		return a.Name < b.Name
	})
	sort.SliceStable(inv.CI, func(i, j int) bool {
		a, b := inv.CI[i], inv.CI[j]
		if a.Evidence.Path != b.Evidence.Path {
			return a.Evidence.Path < b.Evidence.Path
		}
		return a.Name < b.Name
	})
}
