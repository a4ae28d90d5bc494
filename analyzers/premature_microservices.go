package analyzers

import (
	"fmt"
	"sort"
	"strings"

	"github.com/stackaudit/stackaudit/stack"
)

// PrematureMicroservices reports repositories that deploy more services
// than the people who work on them can carry.
var PrematureMicroservices = register(&Analyzer{
	Code:     "SA401",
	Name:     "premature-microservices",
	Category: Architecture,
	Level:    Warning,
	Summary:  "More services are built from the repository than the active team can carry",
	Tags:     []string{"architecture", "microservices", "team", "maintainability"},
	Options: []Option{
		{Name: "ratio", Default: 1.0, Doc: "services allowed per active author before the rule fires"},
		{Name: "min-services", Default: 3, Doc: "fewest services for the rule to fire, whatever the team"},
	},
	Run: runPrematureMicroservices,
})

func runPrematureMicroservices(p *Pass) {
	svcs := builtServices(p.Inventory)
	if len(svcs) < p.Int("min-services") {
		return
	}
	loc := busiestFile(svcs)
	authors, ok := activeTeam(p, loc.Path, fmt.Sprintf("%d services are built from this repository", len(svcs)))
	if !ok {
		return
	}
	ratio := p.Float("ratio")
	if float64(len(svcs)) <= float64(authors)*ratio {
		return
	}
	g := p.Inventory.Git
	names := make([]string, len(svcs))
	var related []Location
	for i, s := range svcs {
		names[i] = s.name
		if len(related) < 30 {
			ev, kind := s.mainEvidence()
			msg := "service " + s.name + " (" + kind
			if n := len(s.evidence); n > 1 {
				msg += ", also in " + plural(n-1, "other file", "other files")
			}
			related = append(related, Location{Path: ev.Path, Line: ev.Line, Message: msg + ")"})
		}
	}
	team := plural(authors, "person", "people") + " authored commits"
	bus := ""
	if g.BusFactor > 0 && g.BusFactor < authors {
		bus = fmt.Sprintf(", and %s made half of them", plural(g.BusFactor, "person", "people"))
	}
	p.Report(Finding{
		Location: loc,
		Key:      []string{"services"},
		Related:  related,
		Message: fmt.Sprintf("%s: %d services are built from this repository (%s) and %s in the last %d days%s; each service is its own deployment, logs, dependencies and on-call for that team. Merge the services that change together into one deployable (a modular monolith with clear internal modules) and split again when the team grows",
			loc.Path, len(svcs), sample(names, 8), team, g.ActiveDays, bus),
	})
}

// activeTeam returns the authors active in the window, or false after
// noting why the team cannot be counted (no history, a shallow clone, an
// empty window). what says what the rule would have judged.
func activeTeam(p *Pass, path, what string) (int, bool) {
	g := p.Inventory.Git
	switch {
	case g == nil:
		p.Notef(path, "%s, but the target is not a git repository, so the team that carries them cannot be counted; scan a clone with its history", what)
		return 0, false
	case g.Shallow:
		p.Notef(path, "%s, but the clone is shallow (%s present), so the team that carries them cannot be counted; scan a full clone (`git fetch --unshallow`)", what, plural(g.Commits, "commit", "commits"))
		return 0, false
	case g.ActiveAuthors == 0:
		p.Notef(path, "%s, but nobody committed in the last %d days, so there is no active team to weigh them against; set active-days in .stackaudit.toml to a longer window", what, g.ActiveDays)
		return 0, false
	}
	return g.ActiveAuthors, true
}

// builtService is one deployable built from the repository, however many
// files describe it.
type builtService struct {
	name     string
	unit     string
	evidence []stack.Evidence
	kinds    []string
}

// mainEvidence is the description of s that best shows what is built:
// its Dockerfile or compose service before a deployment manifest.
func (s builtService) mainEvidence() (stack.Evidence, string) {
	best := 0
	rank := map[string]int{"dockerfile": 0, "compose": 1, "procfile": 2}
	score := func(i int) int {
		if r, ok := rank[s.kinds[i]]; ok {
			return r
		}
		return 3
	}
	for i := range s.evidence {
		if score(i) < score(best) {
			best = i
		}
	}
	return s.evidence[best], s.kinds[best]
}

// builtServices folds the inventory's services into deployables: services
// built from the same unit are one (a compose service, its Kubernetes
// workload and its Procfile processes), and services without a unit are
// one per name. Infrastructure images are not services at all.
func builtServices(inv *stack.Inventory) []builtService {
	byKey := map[string]*builtService{}
	var keys []string
	// A service without a unit (a Kubernetes workload running the image a
	// compose service builds) joins the unit's service of the same name.
	unitOf := map[string]string{}
	for _, s := range inv.Services {
		if s.Unit != "" {
			if _, ok := unitOf[strings.ToLower(s.Name)]; !ok {
				unitOf[strings.ToLower(s.Name)] = s.Unit
			}
		}
	}
	names := map[string]bool{}
	charts := 0
	for _, s := range inv.Services {
		if s.Kind != "dockerfile" || s.Unit != "" {
			names[strings.ToLower(s.Name)] = true
		}
		if s.Kind == "helm" {
			charts++
		}
	}
	for _, s := range inv.Services {
		if s.Kind == "helm" && charts < len(inv.Services) {
			// A chart packages workloads the repository describes
			// anyway (its templates, the manifests it was made from).
			continue
		}
		name := strings.ToLower(s.Name)
		if s.Unit == "" && s.Kind == "dockerfile" {
			// A Dockerfile deeper in a service's folder
			// (src/cartservice/src/Dockerfile) builds that service.
			name = serviceFolderName(s.Evidence.Path, name, names)
		}
		key := "name:" + name
		if u, ok := unitOf[name]; ok && s.Unit == "" {
			key = "unit:" + u
		}
		if s.Unit != "" {
			key = "unit:" + s.Unit
		}
		b := byKey[key]
		if b == nil {
			b = &builtService{name: s.Name, unit: s.Unit}
			byKey[key] = b
			keys = append(keys, key)
		}
		b.evidence = append(b.evidence, s.Evidence)
		b.kinds = append(b.kinds, s.Kind)
	}
	// A unit's service takes the shortest name among its descriptions
	// (api rather than api-worker).
	for _, s := range inv.Services {
		if b := byKey["unit:"+s.Unit]; s.Unit != "" && b != nil && len(s.Name) < len(b.name) {
			b.name = s.Name
		}
	}
	out := make([]builtService, 0, len(keys))
	for _, k := range keys {
		out = append(out, *byKey[k])
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// serviceFolderName returns name when another description of a service
// (compose, Kubernetes, a unit's service) has it, else the nearest folder
// of the Dockerfile's path that one has, else name.
func serviceFolderName(p, name string, names map[string]bool) string {
	if names[name] {
		return name
	}
	dirs := strings.Split(p, "/")
	for i := len(dirs) - 2; i >= 0; i-- {
		if d := strings.ToLower(dirs[i]); names[d] {
			return d
		}
	}
	return name
}

// busiestFile is the place that describes the most services, first of
// ties by path: a compose file rather than one of many Dockerfiles.
func busiestFile(svcs []builtService) Location {
	count := map[string]int{}
	line := map[string]int{}
	for _, s := range svcs {
		seen := map[string]bool{}
		for _, ev := range s.evidence {
			if !seen[ev.Path] {
				seen[ev.Path] = true
				count[ev.Path]++
			}
			if l, ok := line[ev.Path]; !ok || ev.Line > 0 && (l == 0 || ev.Line < l) {
				line[ev.Path] = ev.Line
			}
		}
	}
	best := ""
	for p, n := range count {
		if best == "" || n > count[best] || n == count[best] && p < best {
			best = p
		}
	}
	return Location{Path: best, Line: line[best]}
}

// sample joins up to n names, then says how many more.
func sample(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:n], ", ") + fmt.Sprintf(" and %d more", len(names)-n)
}
