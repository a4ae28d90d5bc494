package report

import (
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stackaudit/stackaudit/analyzers"
	"github.com/stackaudit/stackaudit/stack"
)

// docSections maps a section heading of docs/json.md to the field names
// its table lists.
func docSections(t *testing.T) map[string][]string {
	t.Helper()
	b, err := os.ReadFile("../docs/json.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("^\\| `([A-Za-z]+)` \\|")
	out := map[string][]string{}
	section := ""
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "#") {
			section = strings.TrimSpace(strings.TrimLeft(line, "#"))
			continue
		}
		if m := row.FindStringSubmatch(line); m != nil {
			out[section] = append(out[section], m[1])
		}
	}
	return out
}

// jsonFields lists the JSON names of a struct's fields.
func jsonFields(t reflect.Type) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			out = append(out, name)
		}
	}
	return out
}

// TestJSONDocCoversEveryField fails when a field is added to the output
// (a new field in stack/stack.go, say) without a row in docs/json.md, or a
// documented field no longer exists.
func TestJSONDocCoversEveryField(t *testing.T) {
	sections := docSections(t)
	types := map[string]reflect.Type{
		"Report":       reflect.TypeOf(jsonReport{}),
		"Tool":         reflect.TypeOf(jsonTool{}),
		"Finding":      reflect.TypeOf(analyzers.Finding{}),
		"Location":     reflect.TypeOf(analyzers.Location{}),
		"Notification": reflect.TypeOf(Notification{}),
		"Metric":       reflect.TypeOf(analyzers.Metric{}),
	}
	// Every struct reachable from the inventory, under its Go name; the
	// inventory's Tool is documented as UnitTool beside the report's Tool.
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || t.PkgPath() != reflect.TypeOf(stack.Inventory{}).PkgPath() {
			return
		}
		name := t.Name()
		if name == "Tool" {
			name = "UnitTool"
		}
		if _, done := types[name]; done {
			return
		}
		types[name] = t
		for i := 0; i < t.NumField(); i++ {
			walk(t.Field(i).Type)
		}
	}
	walk(reflect.TypeOf(stack.Inventory{}))

	for name, typ := range types {
		want := jsonFields(typ)
		got := sections[name]
		sort.Strings(want)
		sort.Strings(got)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("docs/json.md section %q lists %v; the JSON has %v", name, got, want)
		}
	}
}
