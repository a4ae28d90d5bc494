package detectors

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// azureJobs reads Azure Pipelines: stages → jobs → steps, jobs → steps, or
// a bare steps list (one implicit job); script, bash, pwsh and powershell
// steps with their workingDirectory.
func azureJobs(p string, data []byte) ([]ciJob, error) {
	root, err := yamlDoc(data)
	if err != nil || root == nil {
		return nil, err
	}
	var jobs []ciJob
	addJobs := func(list *yaml.Node, stage string) {
		for _, jn := range yseq(list) {
			name := ystr(yget(jn, "job"))
			if name == "" {
				name = ystr(yget(jn, "deployment"))
			}
			if name == "" {
				name = ystr(yget(jn, "displayName"))
			}
			if stage != "" {
				name = stage + "/" + name
			}
			job := ciJob{provider: "azure", name: name, path: p, line: jn.Line}
			steps := yget(jn, "steps")
			if steps == nil {
				// deployment jobs: strategy.runOnce.deploy.steps
				steps = yget(yget(yget(yget(jn, "strategy"), "runOnce"), "deploy"), "steps")
			}
			job.runs = azureSteps(steps)
			jobs = append(jobs, job)
		}
	}
	for _, st := range yseq(yget(root, "stages")) {
		addJobs(yget(st, "jobs"), ystr(yget(st, "stage")))
	}
	addJobs(yget(root, "jobs"), "")
	if steps := yget(root, "steps"); steps != nil {
		jobs = append(jobs, ciJob{provider: "azure", name: "Job", path: p, line: ykeyLine(root, "steps"), runs: azureSteps(steps)})
	}
	return jobs, nil
}

func azureSteps(steps *yaml.Node) []ciRun {
	var runs []ciRun
	for _, s := range yseq(steps) {
		dir := azureDir(ystr(yget(s, "workingDirectory")))
		for _, key := range []string{"script", "bash", "pwsh", "powershell"} {
			if cmd := ystr(yget(s, key)); cmd != "" {
				runs = append(runs, ciRun{cmd: cmd, dir: dir})
			}
		}
		if task := ystr(yget(s, "task")); task != "" {
			if cmd, tdir := azureTask(task, yget(s, "inputs")); cmd != "" {
				if tdir != "" {
					dir = tdir
				}
				runs = append(runs, ciRun{cmd: cmd, dir: dir})
			}
		}
	}
	return runs
}

// azureTask reads the inline command of the script-running tasks (Bash@3,
// CmdLine@2, PowerShell@2 with an inline script; Npm@1 with a command).
func azureTask(task string, inputs *yaml.Node) (cmd, dir string) {
	name, _, _ := strings.Cut(task, "@")
	dir = azureDir(ystr(yget(inputs, "workingDir")))
	if dir == "" {
		dir = azureDir(ystr(yget(inputs, "workingDirectory")))
	}
	switch strings.ToLower(name) {
	case "bash", "cmdline", "powershell":
		if t := ystr(yget(inputs, "targetType")); t != "" && !strings.EqualFold(t, "inline") {
			if fp := ystr(yget(inputs, "filePath")); fp != "" && !strings.Contains(fp, "$") {
				return "bash " + fp, dir
			}
			return "", ""
		}
		return ystr(yget(inputs, "script")), dir
	case "npm":
		switch c := ystr(yget(inputs, "command")); c {
		case "custom":
			if cc := ystr(yget(inputs, "customCommand")); cc != "" {
				return "npm " + cc, dir
			}
		case "", "install", "ci", "publish":
			return "", ""
		default:
			return "npm " + c, dir
		}
	}
	return "", ""
}

// azureDir maps $(System.DefaultWorkingDirectory)/backend to backend.
func azureDir(dir string) string {
	if strings.HasPrefix(dir, "$(") {
		if i := strings.Index(dir, ")"); i >= 0 {
			dir = strings.TrimPrefix(dir[i+1:], "/")
		}
	}
	if strings.Contains(dir, "$") {
		return ""
	}
	return dir
}
