package stackaudit

import (
	"os"
	"regexp"
	"sort"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestActionInputs checks that action.yml uses only the inputs it declares
// and that the example workflow passes only inputs the action has.
func TestActionInputs(t *testing.T) {
	b, err := os.ReadFile("action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var action struct {
		Inputs map[string]struct {
			Description string `yaml:"description"`
		} `yaml:"inputs"`
		Runs struct {
			Using string `yaml:"using"`
			Steps []struct {
				Shell string `yaml:"shell"`
				Run   string `yaml:"run"`
				Uses  string `yaml:"uses"`
			} `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal(b, &action); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if action.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", action.Runs.Using)
	}
	for name, in := range action.Inputs {
		if in.Description == "" {
			t.Errorf("input %s has no description", name)
		}
	}
	for _, m := range regexp.MustCompile(`inputs\.([A-Za-z0-9_-]+)`).FindAllStringSubmatch(string(b), -1) {
		if _, ok := action.Inputs[m[1]]; !ok {
			t.Errorf("action.yml uses inputs.%s, which it does not declare", m[1])
		}
	}
	for _, s := range action.Runs.Steps {
		if s.Run != "" && s.Shell == "" {
			t.Errorf("a run step without shell (composite actions need one): %.40q", s.Run)
		}
	}

	b, err = os.ReadFile("examples/github-workflow.yml")
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				Uses string            `yaml:"uses"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(b, &wf); err != nil {
		t.Fatalf("examples/github-workflow.yml: %v", err)
	}
	var used int
	for _, j := range wf.Jobs {
		for _, s := range j.Steps {
			if !regexp.MustCompile(`^stackaudit/stackaudit@`).MatchString(s.Uses) {
				continue
			}
			used++
			var keys []string
			for k := range s.With {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				if _, ok := action.Inputs[k]; !ok {
					t.Errorf("the example passes %s, which action.yml does not take", k)
				}
			}
		}
	}
	if used == 0 {
		t.Error("the example workflow does not use the action")
	}

	doc, err := os.ReadFile("docs/github-action.md")
	if err != nil {
		t.Fatal(err)
	}
	for name := range action.Inputs {
		if !regexp.MustCompile("(?m)^\\| `" + regexp.QuoteMeta(name) + "` \\|").Match(doc) {
			t.Errorf("docs/github-action.md does not document the input %s", name)
		}
	}
}

// TestPreCommitHook checks the hook file pre-commit reads.
func TestPreCommitHook(t *testing.T) {
	b, err := os.ReadFile(".pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID       string `yaml:"id"`
		Entry    string `yaml:"entry"`
		Language string `yaml:"language"`
	}
	if err := yaml.Unmarshal(b, &hooks); err != nil {
		t.Fatal(err)
	}
	if len(hooks) != 1 || hooks[0].ID != "stackaudit" || hooks[0].Language != "golang" || hooks[0].Entry != "stackaudit scan --fail-on warning" {
		t.Errorf("hooks = %+v", hooks)
	}
}
