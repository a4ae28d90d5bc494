package detectors

import (
	"path"
	"strings"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
)

// Task runners whose tasks live in the repository: go-task (Taskfile.yml),
// taskipy ([tool.taskipy.tasks]), Poe the Poet ([tool.poe.tasks]) and the
// scripts of PDM, Hatch and Rye in pyproject.toml.

// taskfileIn returns the root mapping of the Taskfile in dir, if any.
func (r *ciResolver) taskfileIn(dir string) (*yaml.Node, string) {
	for _, name := range []string{"Taskfile.yml", "Taskfile.yaml", "taskfile.yml", "taskfile.yaml", "Taskfile.dist.yml"} {
		p := joinPath(dir, name)
		if p == "" || !r.d.Snap.Exists(p) {
			continue
		}
		data, err := r.d.Snap.ReadFile(p)
		if err != nil {
			return nil, ""
		}
		root, err := yamlDoc(data)
		if err != nil || root == nil {
			return nil, ""
		}
		return root, p
	}
	return nil, ""
}

// pyprojectTool returns the [tool] tables of the pyproject.toml in dir and
// its path, read and decoded once per detection; nil when there is none or
// it cannot be read (the Python detector reports that).
func (r *ciResolver) pyprojectTool(dir string) (map[string]map[string]any, string) {
	p := joinPath(dir, "pyproject.toml")
	if p == "" || !r.d.Snap.Exists(p) {
		return nil, ""
	}
	tables, ok := r.pyprojects[p]
	if !ok {
		if data, err := r.d.Snap.ReadFile(p); err == nil {
			var doc struct {
				Tool map[string]map[string]any `toml:"tool"`
			}
			if _, err := toml.Decode(string(data), &doc); err == nil {
				tables = doc.Tool
				if tables == nil {
					tables = map[string]map[string]any{}
				}
			}
		}
		r.pyprojects[p] = tables
	}
	if tables == nil {
		return nil, ""
	}
	return tables, p
}

// pyprojectTasks reads [tool.taskipy.tasks] or [tool.poe.tasks] of the
// pyproject.toml in dir (or the root) as task name → commands.
func (r *ciResolver) pyprojectTasks(dir, tool string) (map[string][]string, string) {
	for _, d := range []string{dir, "."} {
		tables, p := r.pyprojectTool(d)
		if tables == nil {
			continue
		}
		tasks, ok := tables[tool]["tasks"].(map[string]any)
		if !ok {
			continue
		}
		out := map[string][]string{}
		for name, v := range tasks {
			out[name] = pyTaskCommands(v)
		}
		return out, path.Dir(p)
	}
	return nil, ""
}

// pyTaskCommands reads a taskipy/poe task: "cmd", {cmd=...}, {shell=...},
// {sequence=[...]} or a list (a poe sequence). Sequence items that name
// other tasks come back as "\x00name".
func pyTaskCommands(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, item := range t {
			if s, ok := item.(string); ok {
				out = append(out, "\x00"+s)
			} else {
				out = append(out, pyTaskCommands(item)...)
			}
		}
		return out
	case map[string]any:
		for _, k := range []string{"cmd", "shell"} {
			if s, ok := t[k].(string); ok {
				return []string{s}
			}
		}
		if seq, ok := t["sequence"].([]any); ok {
			return pyTaskCommands(seq)
		}
		if ref, ok := t["ref"].(string); ok {
			return []string{ref}
		}
	}
	return nil
}

// task follows `task NAME...` (go-task, else taskipy) into the task's commands.
func (r *ciResolver) task(args []string, dir string, depth int, f *ciFacts) {
	names := nonFlags(args)
	if root, p := r.taskfileIn(dir); root != nil {
		if len(names) == 0 {
			names = []string{"default"}
		}
		for _, n := range names {
			r.goTask(root, p, n, depth+1, f)
		}
		return
	}
	r.pyTask("taskipy", names, dir, depth, f)
}

func nonFlags(args []string) []string {
	var out []string
	for _, a := range args {
		if a == "--" {
			break
		}
		if len(a) > 0 && a[0] != '-' && !isAssignment(a) {
			out = append(out, a)
		}
	}
	return out
}

func (r *ciResolver) goTask(root *yaml.Node, p, name string, depth int, f *ciFacts) {
	t := yget(yget(root, "tasks"), name)
	if t == nil {
		return
	}
	key := "task:" + p + ":" + name
	if !r.enter(key, depth) {
		return
	}
	defer r.leave(key)
	dir := path.Dir(p)
	if d := ystr(yget(t, "dir")); d != "" {
		if j := joinPath(dir, d); j != "" {
			dir = j
		}
	}
	for _, dep := range yseq(yget(t, "deps")) {
		if s := ystr(dep); s != "" {
			r.goTask(root, p, s, depth+1, f)
		} else if s := ystr(yget(dep, "task")); s != "" {
			r.goTask(root, p, s, depth+1, f)
		}
	}
	cmds := yget(t, "cmds")
	if s := ystr(cmds); s != "" {
		r.script(s, dir, true, depth, f)
	}
	for _, c := range yseq(cmds) {
		switch {
		case ystr(c) != "":
			r.script(ystr(c), dir, true, depth, f)
		case ystr(yget(c, "cmd")) != "":
			r.script(ystr(yget(c, "cmd")), dir, true, depth, f)
		case ystr(yget(c, "task")) != "":
			r.goTask(root, p, ystr(yget(c, "task")), depth+1, f)
		}
	}
}

// pyTask follows taskipy (`task X`) or poe (`poe X`) tasks.
func (r *ciResolver) pyTask(tool string, names []string, dir string, depth int, f *ciFacts) {
	tasks, tdir := r.pyprojectTasks(dir, tool)
	if tasks == nil || len(names) == 0 {
		return
	}
	name := names[0] // later words are the task's arguments
	key := tool + ":" + tdir + ":" + name
	if !r.enter(key, depth+1) {
		return
	}
	defer r.leave(key)
	for _, cmd := range tasks[name] {
		if len(cmd) > 0 && cmd[0] == 0 {
			r.pyTask(tool, []string{cmd[1:]}, dir, depth+1, f)
			continue
		}
		r.script(cmd, tdir, true, depth+1, f)
	}
}

// projectScript follows `pdm run X`, `hatch run [env:]X` and `rye run X`
// when X is a script of pyproject.toml; it reports whether it did (else the
// command is a launcher for an executable, handled by unwrapCommand).
func (r *ciResolver) projectScript(argv []string, dir string, depth int, f *ciFacts) bool {
	if len(argv) < 3 || argv[1] != "run" {
		return false
	}
	tool := commandName(argv[0])
	if tool != "pdm" && tool != "hatch" && tool != "rye" {
		return false
	}
	rest := argv[2:]
	for len(rest) > 0 && (strings.HasPrefix(rest[0], "-") || strings.HasPrefix(rest[0], "+")) {
		rest = rest[1:] // options and hatch's +py=3.12 matrix selectors
	}
	if len(rest) == 0 {
		return false
	}
	scripts, sdir := r.projectScripts(dir, tool, rest[0])
	if scripts == nil {
		return false
	}
	key := tool + ":" + sdir + ":" + rest[0]
	if !r.enter(key, depth+1) {
		return true
	}
	defer r.leave(key)
	for _, cmd := range scripts {
		if len(cmd) > 0 && cmd[0] == 0 {
			// A composite/chain step naming another script.
			r.projectScript([]string{tool, "run", cmd[1:]}, dir, depth+1, f)
			continue
		}
		r.script(cmd, sdir, true, depth+1, f)
	}
	return true
}

// projectScripts returns the commands of a PDM, Hatch or Rye script, or nil.
func (r *ciResolver) projectScripts(dir, tool, ref string) ([]string, string) {
	for _, d := range []string{dir, "."} {
		name := ref
		tables, p := r.pyprojectTool(d)
		if tables == nil {
			continue
		}
		var table map[string]any
		prefix := "" // hatch scripts name their environment: lint:style
		switch tool {
		case "pdm", "rye":
			table, _ = tables[tool]["scripts"].(map[string]any)
		case "hatch":
			env := "default"
			if e, s, ok := strings.Cut(name, ":"); ok {
				env, name = e, s
			}
			prefix = env + ":"
			envs, _ := tables["hatch"]["envs"].(map[string]any)
			envTable, _ := envs[env].(map[string]any)
			table, _ = envTable["scripts"].(map[string]any)
		}
		v, ok := table[name]
		if !ok {
			continue
		}
		var out []string
		switch t := v.(type) {
		case string:
			out = []string{t}
		case []any: // hatch: a list of commands
			for _, c := range t {
				if s, ok := c.(string); ok {
					out = append(out, s)
				}
			}
		case map[string]any: // pdm {cmd|shell|composite}, rye {cmd|chain}
			switch c := t["cmd"].(type) {
			case string:
				out = append(out, c)
			case []any:
				var words []string
				for _, w := range c {
					if s, ok := w.(string); ok {
						words = append(words, s)
					}
				}
				out = append(out, joinArgv(words))
			}
			if s, ok := t["shell"].(string); ok {
				out = append(out, s)
			}
			for _, k := range []string{"composite", "chain"} {
				steps, _ := t[k].([]any)
				for _, st := range steps {
					if s, ok := st.(string); ok {
						out = append(out, s)
					}
				}
			}
		}
		// A command naming another script of the same table runs that script.
		for i, cmd := range out {
			if w := strings.Fields(cmd); len(w) == 1 && w[0] != name {
				if _, isScript := table[w[0]]; isScript {
					out[i] = "\x00" + prefix + w[0]
				}
			}
		}
		return out, path.Dir(p)
	}
	return nil, ""
}
