package analyzers

import (
	"fmt"
	"math"
	"path"
	"sort"
	"strings"

	"github.com/stackaudit/stackaudit/internal/source"
	"github.com/stackaudit/stackaudit/stack"
	"github.com/stackaudit/stackaudit/syntax"
)

// djangoApp is one Django app of a unit: its folder, its models and the
// routes whose views it holds.
type djangoApp struct {
	dir        string
	models     int
	firstModel Location // the first model class, or the models module
	views      int
	firstView  Location
}

// djangoAppConcentration reports the Django app of u holding most of the
// project's models, or most of its views; the views not when module, a
// module already reported for holding most of the routes, is in that app.
func djangoAppConcentration(p *Pass, u *stack.Unit, module string) {
	if u.Ecosystem != stack.Python || !importsComponent(u, "django") {
		return
	}
	apps := djangoApps(p, u)
	if len(apps) < p.Int("min-apps") {
		return
	}
	appOf := func(f string) *djangoApp {
		var best *djangoApp
		for _, a := range apps {
			if strings.HasPrefix(f, a.dir+"/") && (best == nil || len(a.dir) > len(best.dir)) {
				best = a
			}
		}
		return best
	}
	countModels(p, u, appOf)
	for _, r := range u.Routes {
		if r.HandlerEvidence == nil || r.HandlerEvidence.Path == "" {
			continue // a view not found says nothing about where the code is
		}
		if a := appOf(r.HandlerEvidence.Path); a != nil {
			if a.views == 0 {
				a.firstView = Location{Path: r.HandlerEvidence.Path, Line: r.HandlerEvidence.Line}
			}
			a.views++
		}
	}
	maxShare := p.Float("max-app-share")
	report := func(what string, count func(*djangoApp) int, min int, at func(*djangoApp) Location) {
		total := 0
		for _, a := range apps {
			total += count(a)
		}
		if total < min || total == 0 {
			return
		}
		ranked := append([]*djangoApp(nil), apps...)
		sort.SliceStable(ranked, func(i, j int) bool {
			if count(ranked[i]) != count(ranked[j]) {
				return count(ranked[i]) > count(ranked[j])
			}
			return ranked[i].dir < ranked[j].dir
		})
		top := ranked[0]
		share := float64(count(top)) / float64(total)
		if share <= maxShare || what == "views" && strings.HasPrefix(module, top.dir+"/") {
			return
		}
		var next []string
		var related []Location
		for _, a := range ranked[1:] {
			if len(next) == 3 || count(a) == 0 {
				break
			}
			next = append(next, fmt.Sprintf("%s %d", a.dir, count(a)))
			loc := at(a)
			loc.Message = fmt.Sprintf("the app %s holds %d of the %s", a.dir, count(a), what)
			related = append(related, loc)
		}
		runnerUps := ""
		if len(next) > 0 {
			runnerUps = " (next: " + strings.Join(next, ", ") + ")"
		}
		loc := at(top)
		p.Report(Finding{
			Location: loc,
			Key:      []string{u.Path, top.dir, "app-" + what},
			Related:  related,
			Message: fmt.Sprintf("%s: the Django app %s holds %d of the %d %s (%d%%) of the %d apps in %s%s; an app that holds most of the project is a monolith inside the monolith, where every feature's change meets every other's and nothing can be reasoned about alone. Split it into apps by business area (orders, billing, accounts), each with its own models, views and URLs, and keep the dependencies between them one-way",
				loc.Path, top.dir, count(top), total, what, int(math.Round(share*100)), len(apps), unitName(u), runnerUps),
		})
	}
	report("models", func(a *djangoApp) int { return a.models }, p.Int("min-models"), func(a *djangoApp) Location { return a.firstModel })
	report("views", func(a *djangoApp) int { return a.views }, p.Int("min-routes"), func(a *djangoApp) Location { return a.firstView })
}

// djangoApps finds u's Django apps: folders with a models module and an
// apps.py, or listed in an INSTALLED_APPS setting.
func djangoApps(p *Pass, u *stack.Unit) []*djangoApp {
	own := map[string]bool{}
	for _, f := range u.SourceFiles {
		own[f] = true
	}
	installed := installedApps(p, u)
	seen := map[string]bool{}
	var out []*djangoApp
	for _, f := range u.SourceFiles {
		var dir string
		switch {
		case path.Base(f) == "models.py":
			dir = path.Dir(f)
		case strings.HasSuffix(f, "/models/__init__.py"):
			dir = path.Dir(path.Dir(f))
		default:
			continue
		}
		if seen[dir] || strings.Contains("/"+dir+"/", "/tests/") {
			continue
		}
		if !own[dir+"/apps.py"] && !listedIn(installed, dir) {
			continue
		}
		seen[dir] = true
		out = append(out, &djangoApp{dir: dir, firstModel: Location{Path: f, Line: 1}})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].dir < out[j].dir })
	return out
}

// listedIn reports whether dir is one of the dotted app names (saleor.order
// is saleor/order, or any folder ending in it).
func listedIn(installed []string, dir string) bool {
	for _, name := range installed {
		p := strings.ReplaceAll(name, ".", "/")
		if dir == p || strings.HasSuffix(dir, "/"+p) {
			return true
		}
	}
	return false
}

// installedApps reads the string entries of INSTALLED_APPS assignments in
// u's settings modules (settings.py, settings/*.py); an AppConfig path
// (blog.apps.BlogConfig) is given as its app (blog).
func installedApps(p *Pass, u *stack.Unit) []string {
	var out []string
	for _, f := range u.SourceFiles {
		if !settingsModule(f) {
			continue
		}
		apps, _ := source.Get(p.Snapshot, f).Fact(installedAppsFact).([]string)
		out = append(out, apps...)
	}
	return out
}

// settingsModule reports whether a Python file may be a Django settings
// module: settings*.py, or a file of a settings/ package.
func settingsModule(f string) bool {
	return strings.HasSuffix(f, ".py") && (strings.HasPrefix(path.Base(f), "settings") || path.Base(path.Dir(f)) == "settings")
}

// installedAppsFact holds the INSTALLED_APPS entries of each settings
// module, read from the parse's tokens.
var installedAppsFact = source.RegisterTokens(settingsModule, func(p string, b []byte, toks []syntax.Token, f *syntax.File) any {
	var out []string
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].Kind != syntax.Name || string(toks[i].Text(b)) != "INSTALLED_APPS" {
			continue
		}
		op := string(toks[i+1].Text(b))
		if op != "=" && op != "+=" {
			continue
		}
		depth := 0
		for j := i + 2; j < len(toks); j++ {
			t := toks[j]
			txt := string(t.Text(b))
			if t.Kind == syntax.Op && strings.ContainsAny(txt, "([{") {
				depth++
			} else if t.Kind == syntax.Op && strings.ContainsAny(txt, ")]}") {
				depth--
			}
			if t.Kind == syntax.String {
				name := strings.Trim(txt, `"'`)
				if k := strings.Index(name, ".apps."); k > 0 {
					name = name[:k]
				}
				out = append(out, name)
			}
			if depth <= 0 && (t.Kind == syntax.Newline || t.Kind == syntax.Op && depth < 0) {
				break
			}
		}
	}
	if out == nil {
		return nil
	}
	return out
})

// countModels counts the model classes of each app: classes one of whose
// bases ends in Model (models.Model, MPTTModel, TimeStampedModel), or is a
// class of the unit already counted as a model (class Order(ModelWithMetadata)
// where ModelWithMetadata is one), found in the app's models modules
// (models.py, models/*.py).
func countModels(p *Pass, u *stack.Unit, appOf func(string) *djangoApp) {
	type class struct {
		app   *djangoApp
		c     syntax.Class
		file  string
		model bool
	}
	var classes []*class
	for _, f := range u.SourceFiles {
		if !strings.HasSuffix(f, ".py") || strings.Contains("/"+f, "/migrations/") || strings.Contains("/"+f, "/tests/") {
			continue
		}
		if path.Base(f) != "models.py" && !strings.Contains("/"+f, "/models/") {
			continue // Django finds an app's models in its models module
		}
		a := appOf(f)
		if a == nil {
			continue
		}
		src := source.File(p.Snapshot, f)
		if src == nil {
			continue
		}
		for _, c := range src.Classes {
			if strings.Contains(c.QualName, ".") && c.QualName != c.Name {
				continue // nested (class Meta)
			}
			classes = append(classes, &class{app: a, c: c, file: f})
		}
	}
	models := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for _, k := range classes {
			if k.model {
				continue
			}
			for _, base := range k.c.Bases {
				last := base[strings.LastIndex(base, ".")+1:]
				// pydantic's BaseModel (django-ninja schemas) is not one
				// unless the unit defines a model of that name.
				if strings.HasSuffix(last, "Model") && last != "BaseModel" || models[last] {
					k.model, changed = true, true
					models[k.c.Name] = true
					break
				}
			}
		}
	}
	for _, k := range classes {
		if !k.model {
			continue
		}
		if k.app.models == 0 {
			k.app.firstModel = Location{Path: k.file, Line: k.c.Line}
		}
		k.app.models++
	}
}
