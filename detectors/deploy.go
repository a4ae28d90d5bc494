package detectors

import (
	"encoding/json"
	"path"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/tailscale/hujson"
	"go.yaml.in/yaml/v3"

	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
)

// The deployment family reads the platform files that each make something
// deployable: Procfile, serverless.yml, SAM templates, vercel.json,
// netlify.toml, fly.toml, App Engine app.yaml, Kubernetes workloads and Helm
// charts. YAML is read only where the path makes a deployment file likely,
// so a repository with thousands of YAML files stays fast.
var _ = register(family{
	name:  "deploy",
	order: 45,
	patterns: []string{
		"**/Procfile",
		"**/serverless.yml", "**/serverless.yaml",
		"**/template.yaml", "**/template.yml",
		"**/vercel.json", "**/netlify.toml", "**/fly.toml",
		"**/app.yaml", "**/app.yml",
		"**/Chart.yaml",
		"**/*.yaml", "**/*.yml",
	},
	run: runDeploy,
})

func runDeploy(d *Detection, files []repo.File) {
	charts := map[string]bool{}
	for _, f := range files {
		if path.Base(f.Path) == "Chart.yaml" {
			charts[path.Dir(f.Path)] = true
		}
	}
	for _, f := range files {
		if inToolingFolder(f.Path) {
			continue
		}
		base := path.Base(f.Path)
		switch base {
		case "Procfile":
			deployProcfile(d, f.Path)
		case "serverless.yml", "serverless.yaml":
			deployServerless(d, f.Path)
		case "template.yaml", "template.yml":
			deploySAM(d, f.Path)
		case "vercel.json":
			deployVercel(d, f.Path)
		case "netlify.toml":
			deployNetlify(d, f.Path)
		case "fly.toml":
			deployFly(d, f.Path)
		case "app.yaml", "app.yml":
			deployAppEngine(d, f.Path)
		case "Chart.yaml":
			deployHelm(d, f.Path)
		default:
			if k8sCandidate(f.Path, charts) {
				deployKubernetes(d, f.Path)
			}
		}
	}
}

// readDeployFile reads a file and records a problem when it cannot.
func readDeployFile(d *Detection, p string) ([]byte, bool) {
	data, err := d.Snap.ReadFile(p)
	if err != nil {
		d.Problemf(p, "cannot read: %v", err)
		return nil, false
	}
	return data, true
}

func unitPath(d *Detection, p string) string {
	if p == "" {
		return ""
	}
	if u := d.UnitFor(p, ""); u != nil {
		return u.Path
	}
	return ""
}

func addService(d *Detection, s stack.Service) {
	d.Inventory.Services = append(d.Inventory.Services, s)
}

// deployProcfile reads Heroku-style `type: command` lines.
func deployProcfile(d *Detection, p string) {
	data, ok := readDeployFile(d, p)
	if !ok {
		return
	}
	unit := unitPath(d, path.Dir(p))
	for i, line := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		name, cmd, ok := strings.Cut(t, ":")
		name = strings.TrimSpace(name)
		if !ok || name == "" || strings.ContainsAny(name, " \t") {
			d.Problemf(p, "line %d: cannot parse %q; a Procfile line is `type: command`", i+1, t)
			continue
		}
		if name == "release" {
			continue // Heroku's release phase runs once per deploy; it is not a running process
		}
		cmd = strings.TrimSpace(cmd)
		ev := stack.Evidence{Path: p, Line: i + 1}
		addService(d, stack.Service{
			Name: name, Kind: "procfile", Unit: unit, Command: cmd,
			CommandEvidence: &ev, Evidence: ev,
		})
	}
}

// lambdaRuntime reads an AWS Lambda / App Engine runtime id such as
// python3.12, nodejs20.x, python312 or nodejs22.
func lambdaRuntime(id string) *stack.Runtime {
	id = strings.ToLower(strings.TrimSpace(id))
	for pre, name := range map[string]string{"python": stack.Python, "nodejs": stack.Node} {
		rest, ok := strings.CutPrefix(id, pre)
		if !ok || rest == "" || rest[0] < '0' || rest[0] > '9' {
			continue
		}
		v := strings.TrimSuffix(leadingVersion(rest), ".")
		if name == stack.Python && !strings.Contains(v, ".") && len(v) >= 2 {
			v = v[:1] + "." + v[1:] // App Engine's python312
		}
		return &stack.Runtime{Name: name, Constraint: v}
	}
	return nil
}

func withRuntime(rt *stack.Runtime, ev stack.Evidence) *stack.Runtime {
	if rt != nil {
		rt.Evidence = ev
	}
	return rt
}

// deployServerless reads the Serverless Framework's functions.
func deployServerless(d *Detection, p string) {
	data, ok := readDeployFile(d, p)
	if !ok {
		return
	}
	root, err := yamlDoc(data)
	if err != nil {
		d.Problemf(p, "cannot parse serverless file: %v; its functions are not counted until the YAML is fixed", err)
		return
	}
	provider := yget(root, "provider")
	provRT := ystr(yget(provider, "runtime"))
	provLine := ykeyLine(provider, "runtime")
	unit := unitPath(d, path.Dir(p))
	for _, fn := range ypairs(yget(root, "functions")) {
		ev := stack.Evidence{Path: p, Line: fn.line}
		s := stack.Service{Name: fn.key, Kind: "serverless", Unit: unit, Evidence: ev}
		if h := ystr(yget(fn.value, "handler")); h != "" {
			s.Command = h
			s.CommandEvidence = &stack.Evidence{Path: p, Line: ykeyLine(fn.value, "handler"), Detail: "handler: " + h}
		} else if img := ystr(yget(fn.value, "image")); img != "" {
			s.Image = img
		}
		if rt := ystr(yget(fn.value, "runtime")); rt != "" {
			s.Runtime = withRuntime(lambdaRuntime(rt), stack.Evidence{Path: p, Line: ykeyLine(fn.value, "runtime"), Detail: "runtime: " + rt})
		} else if provRT != "" {
			s.Runtime = withRuntime(lambdaRuntime(provRT), stack.Evidence{Path: p, Line: provLine, Detail: "provider.runtime: " + provRT})
		}
		addService(d, s)
	}
}

// deploySAM reads AWS SAM / CloudFormation Lambda functions. Intrinsic
// function tags (!Ref, !Sub, !GetAtt) are kept as tagged nodes by yaml.v3.
func deploySAM(d *Detection, p string) {
	data, ok := readDeployFile(d, p)
	if !ok {
		return
	}
	root, err := yamlDoc(data)
	if err != nil {
		d.Problemf(p, "cannot parse template: %v; its functions are not counted until the YAML is fixed", err)
		return
	}
	resources := yget(root, "Resources")
	if resources == nil {
		return // some other template.yaml
	}
	globals := yget(yget(root, "Globals"), "Function")
	dir := path.Dir(p)
	for _, r := range ypairs(resources) {
		typ := ystr(yget(r.value, "Type"))
		if typ != "AWS::Serverless::Function" && typ != "AWS::Lambda::Function" {
			continue
		}
		props := yget(r.value, "Properties")
		s := stack.Service{Name: r.key, Kind: "serverless", Evidence: stack.Evidence{Path: p, Line: r.line, Detail: "Type: " + typ}}
		if h := ystr(yget(props, "Handler")); h != "" {
			s.Command = h
			s.CommandEvidence = &stack.Evidence{Path: p, Line: ykeyLine(props, "Handler"), Detail: "Handler: " + h}
		}
		rtNode, rtParent := yget(props, "Runtime"), props
		if ystr(rtNode) == "" {
			rtNode, rtParent = yget(globals, "Runtime"), globals
		}
		if rt := ystr(rtNode); rt != "" {
			s.Runtime = withRuntime(lambdaRuntime(rt), stack.Evidence{Path: p, Line: ykeyLine(rtParent, "Runtime"), Detail: "Runtime: " + rt})
		}
		code := ystr(yget(props, "CodeUri"))
		if code == "" {
			code = ystr(yget(globals, "CodeUri"))
		}
		if code != "" && !strings.HasPrefix(code, "s3://") {
			s.Unit = unitPath(d, joinPath(dir, code))
		} else {
			s.Unit = unitPath(d, dir)
		}
		addService(d, s)
	}
}

// deployVercel records one Vercel deployment per vercel.json (JSONC allowed).
func deployVercel(d *Detection, p string) {
	data, ok := readDeployFile(d, p)
	if !ok {
		return
	}
	std, err := hujson.Standardize(data)
	var cfg struct {
		Name      string                     `json:"name"`
		Functions map[string]json.RawMessage `json:"functions"`
		Builds    []json.RawMessage          `json:"builds"`
	}
	if err == nil {
		err = json.Unmarshal(std, &cfg)
	}
	if err != nil {
		d.Problemf(p, "cannot parse vercel.json: %v; the deployment is not counted until the JSON is fixed", err)
		return
	}
	s := stack.Service{Name: deployName(cfg.Name, p, "vercel"), Kind: "vercel", Unit: unitPath(d, path.Dir(p)), Evidence: stack.Evidence{Path: p}}
	if len(cfg.Functions) > 0 {
		s.Evidence.Detail = "functions: " + strings.Join(orderedKeys(cfg.Functions), ", ")
	} else if len(cfg.Builds) > 0 {
		s.Evidence.Detail = "builds"
	}
	addService(d, s)
}

// deployName is the name given in the file, else the folder's name, else
// (at the repository root) the platform's.
func deployName(name, p, platform string) string {
	if name != "" {
		return name
	}
	if dir := path.Dir(p); dir != "." {
		return path.Base(dir)
	}
	return platform
}

// deployNetlify records a Netlify site, noting its functions directory.
func deployNetlify(d *Detection, p string) {
	data, ok := readDeployFile(d, p)
	if !ok {
		return
	}
	var cfg struct {
		Build struct {
			Command   string `toml:"command"`
			Functions string `toml:"functions"`
		} `toml:"build"`
		Functions map[string]any `toml:"functions"`
	}
	if _, err := toml.Decode(string(data), &cfg); err != nil {
		d.Problemf(p, "cannot parse netlify.toml: %v; the site is not counted until the TOML is fixed", err)
		return
	}
	fnDir := cfg.Build.Functions
	if s, ok := cfg.Functions["directory"].(string); ok && s != "" {
		fnDir = s
	}
	s := stack.Service{Name: deployName("", p, "netlify"), Kind: "netlify", Unit: unitPath(d, path.Dir(p)), Evidence: stack.Evidence{Path: p}}
	if fnDir != "" {
		s.Evidence.Line = lineOfKey(data, "directory", "=")
		if s.Evidence.Line == 0 {
			s.Evidence.Line = lineOfKey(data, "functions", "=")
		}
		s.Evidence.Detail = "functions directory: " + fnDir
		if u := unitPath(d, joinPath(path.Dir(p), fnDir)); u != "" {
			s.Unit = u
		}
	}
	addService(d, s)
}

// deployFly records a Fly.io app, one service per process group.
func deployFly(d *Detection, p string) {
	data, ok := readDeployFile(d, p)
	if !ok {
		return
	}
	var cfg struct {
		App   string `toml:"app"`
		Build struct {
			Image      string `toml:"image"`
			Dockerfile string `toml:"dockerfile"`
		} `toml:"build"`
		Processes    map[string]string `toml:"processes"`
		Experimental struct {
			Cmd any `toml:"cmd"`
		} `toml:"experimental"`
	}
	if _, err := toml.Decode(string(data), &cfg); err != nil {
		d.Problemf(p, "cannot parse fly.toml: %v; the app is not counted until the TOML is fixed", err)
		return
	}
	unit := unitPath(d, path.Dir(p))
	name := deployName(cfg.App, p, "fly")
	appLine := lineOfKey(data, "app", "=")
	if len(cfg.Processes) == 0 {
		s := stack.Service{Name: name, Kind: "fly", Unit: unit, Image: cfg.Build.Image, Evidence: stack.Evidence{Path: p, Line: appLine}}
		switch c := cfg.Experimental.Cmd.(type) {
		case string:
			s.Command = c
		case []any:
			var words []string
			for _, w := range c {
				if ws, ok := w.(string); ok {
					words = append(words, ws)
				}
			}
			s.Command = joinArgv(words)
		}
		if s.Command != "" {
			s.CommandEvidence = &stack.Evidence{Path: p, Line: lineOfKey(data, "cmd", "=")}
		}
		addService(d, s)
		return
	}
	for _, proc := range orderedKeys(cfg.Processes) {
		line := lineOfKeyIn(data, "[processes]", proc, "=")
		ev := stack.Evidence{Path: p, Line: line, Detail: "app " + name}
		addService(d, stack.Service{
			Name: name + "/" + proc, Kind: "fly", Unit: unit, Image: cfg.Build.Image,
			Command: cfg.Processes[proc], CommandEvidence: &stack.Evidence{Path: p, Line: line},
			Evidence: ev,
		})
	}
}

// deployAppEngine reads an App Engine app.yaml; other app.yaml files (no
// `runtime:`, or a Kubernetes manifest) are left alone.
func deployAppEngine(d *Detection, p string) {
	data, ok := readDeployFile(d, p)
	if !ok {
		return
	}
	root, err := yamlDoc(data)
	if err != nil {
		d.Problemf(p, "cannot parse app.yaml: %v; the App Engine service is not counted until the YAML is fixed", err)
		return
	}
	rt := ystr(yget(root, "runtime"))
	if rt == "" || yget(root, "apiVersion") != nil {
		if yget(root, "apiVersion") != nil {
			deployKubernetes(d, p)
		}
		return
	}
	name := ystr(yget(root, "service"))
	if name == "" {
		name = ystr(yget(root, "module"))
	}
	if name == "" {
		name = "default"
	}
	s := stack.Service{Name: name, Kind: "appengine", Unit: unitPath(d, path.Dir(p)),
		Evidence: stack.Evidence{Path: p, Line: ykeyLine(root, "runtime"), Detail: "runtime: " + rt}}
	s.Runtime = withRuntime(lambdaRuntime(rt), stack.Evidence{Path: p, Line: ykeyLine(root, "runtime"), Detail: "runtime: " + rt})
	if ep := ystr(yget(root, "entrypoint")); ep != "" {
		s.Command = ep
		s.CommandEvidence = &stack.Evidence{Path: p, Line: ykeyLine(root, "entrypoint")}
	}
	addService(d, s)
}

// deployHelm records a Helm chart as one service named after the chart.
func deployHelm(d *Detection, p string) {
	data, ok := readDeployFile(d, p)
	if !ok {
		return
	}
	root, err := yamlDoc(data)
	if err != nil {
		d.Problemf(p, "cannot parse Chart.yaml: %v; the chart is not counted until the YAML is fixed", err)
		return
	}
	name := ystr(yget(root, "name"))
	if name == "" {
		return
	}
	if ystr(yget(root, "type")) == "library" {
		return // a library chart deploys nothing by itself
	}
	addService(d, stack.Service{Name: name, Kind: "helm",
		Evidence: stack.Evidence{Path: p, Line: ykeyLine(root, "name"), Detail: "chart " + name}})
}

// k8sFolders are folder names under which YAML files are likely manifests.
var k8sFolders = map[string]bool{
	"k8s": true, "kubernetes": true, "kube": true, "deploy": true, "deployment": true,
	"deployments": true, "manifests": true, "manifest": true, "kustomize": true,
	"overlays": true, "base": true, "helm": true, "charts": true, "infra": true,
	"ops": true, "argocd": true, "gitops": true, "workloads": true, ".k8s": true,
}

// k8sNameWords in a file name make it a likely manifest wherever it is.
var k8sNameWords = []string{"deploy", "service", "statefulset", "daemonset", "cronjob", "job", "k8s", "kube", "workload", "manifest"}

// k8sCandidate decides whether a YAML file is worth parsing as a manifest.
// Files other families own, CI files and Helm templates (Go templates, not
// YAML) are left out.
func k8sCandidate(p string, charts map[string]bool) bool {
	if !strings.HasSuffix(p, ".yaml") && !strings.HasSuffix(p, ".yml") {
		return false
	}
	base := strings.ToLower(path.Base(p))
	if matchesAny(composePatterns, p) || strings.HasPrefix(p, ".github/") || strings.Contains(p, "/.github/") ||
		base == ".gitlab-ci.yml" || base == "azure-pipelines.yml" || base == "bitbucket-pipelines.yml" ||
		base == "pnpm-workspace.yaml" || base == "pnpm-lock.yaml" || base == ".pre-commit-config.yaml" ||
		base == "values.yaml" || strings.HasPrefix(base, "values-") || strings.HasPrefix(base, "values.") {
		return false
	}
	dirs := strings.Split(path.Dir(p), "/")
	for i, seg := range dirs {
		if seg == "templates" && charts[strings.Join(dirs[:i], "/")] {
			return false
		}
	}
	for _, seg := range dirs {
		if k8sFolders[strings.ToLower(seg)] {
			return true
		}
	}
	name := strings.TrimSuffix(strings.TrimSuffix(base, ".yaml"), ".yml")
	for _, w := range k8sNameWords {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// k8sWorkloads are the kinds that run containers of their own.
var k8sWorkloads = map[string]bool{
	"Deployment": true, "StatefulSet": true, "DaemonSet": true, "CronJob": true, "Job": true,
	"Rollout": true, "DeploymentConfig": true,
}

// deployKubernetes reads every document of a YAML file and records the
// workloads among them. A file without any apiVersion+kind document is not
// a manifest and is ignored; a malformed one is reported only when it sits
// in a manifest folder.
func deployKubernetes(d *Detection, p string) {
	data, ok := readDeployFile(d, p)
	if !ok {
		return
	}
	docs, err := yamlDocs(data)
	if err != nil {
		if k8sFolderPath(p) {
			d.Problemf(p, "cannot parse Kubernetes manifest: %v; workloads after the error are not counted until the YAML is fixed", err)
		}
		// Keep the documents parsed before the error.
	}
	for _, doc := range docs {
		root := ymap(doc)
		kind := ystr(yget(root, "kind"))
		if ystr(yget(root, "apiVersion")) == "" {
			continue
		}
		if kind == "List" {
			for _, item := range yseq(yget(root, "items")) {
				k8sWorkload(d, p, item)
			}
			continue
		}
		k8sWorkload(d, p, root)
	}
}

func k8sFolderPath(p string) bool {
	for seg := range strings.SplitSeq(path.Dir(p), "/") {
		if k8sFolders[strings.ToLower(seg)] {
			return true
		}
	}
	return false
}

func k8sWorkload(d *Detection, p string, root *yaml.Node) {
	kind := ystr(yget(root, "kind"))
	if !k8sWorkloads[kind] {
		return
	}
	name := ystr(yget(yget(root, "metadata"), "name"))
	if name == "" {
		name = kind
	}
	// Pod template: spec.template.spec, or spec.jobTemplate.spec.template.spec.
	spec := yget(root, "spec")
	if jt := yget(spec, "jobTemplate"); jt != nil {
		spec = yget(jt, "spec")
	}
	pod := yget(yget(spec, "template"), "spec")
	s := stack.Service{Name: name, Kind: "kubernetes",
		Evidence: stack.Evidence{Path: p, Line: ykeyLine(root, "kind"), Detail: "kind: " + kind}}
	for _, c := range yseq(yget(pod, "containers")) {
		img := ystr(yget(c, "image"))
		if s.Image == "" {
			s.Image = img
		}
		cmd := append(ystrs(yget(c, "command")), ystrs(yget(c, "args"))...)
		if len(cmd) > 0 && s.Command == "" {
			s.Command = joinArgv(cmd)
			line := ykeyLine(c, "command")
			if line == 0 {
				line = ykeyLine(c, "args")
			}
			s.CommandEvidence = &stack.Evidence{Path: p, Line: line}
		}
		if rt := runtimeFromImage(img); rt != nil && s.Runtime == nil {
			s.Runtime = withRuntime(rt, stack.Evidence{Path: p, Line: ykeyLine(c, "image"), Detail: "image: " + img})
		}
	}
	if kind := infraKind(s.Image); kind != "" {
		// A database or broker the cluster runs from a stock image, as a
		// compose service with only image: postgres is infrastructure.
		ev := s.Evidence
		ev.Detail = "image: " + s.Image
		d.Inventory.Infrastructure = append(d.Inventory.Infrastructure, stack.Infrastructure{
			Name: name, Kind: kind, Image: s.Image, Evidence: ev,
		})
		return
	}
	addService(d, s)
}
