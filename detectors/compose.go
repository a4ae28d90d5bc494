package detectors

import (
	"path"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
)

var _ = register(family{
	name:     "compose",
	order:    41,
	patterns: composePatterns,
	run:      runCompose,
})

var composePatterns = []string{
	"**/docker-compose*.yml", "**/docker-compose*.yaml",
	"**/compose*.yml", "**/compose*.yaml",
}

// composeBase reports whether a compose file is a base file rather than an
// override (docker-compose.override.yml, compose.prod.yaml): base files are
// read first in their folder so their evidence wins.
func composeBase(p string) bool {
	switch path.Base(p) {
	case "docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml":
		return true
	}
	return false
}

func runCompose(d *Detection, files []repo.File) {
	sort.SliceStable(files, func(i, j int) bool {
		di, dj := path.Dir(files[i].Path), path.Dir(files[j].Path)
		if di != dj {
			return di < dj
		}
		bi, bj := composeBase(files[i].Path), composeBase(files[j].Path)
		if bi != bj {
			return bi
		}
		return files[i].Path < files[j].Path
	})
	// Services and infrastructure are keyed by folder and name, so an
	// override file adds to the service its base file declared.
	svcIndex := map[string]int{}
	infraSeen := map[string]bool{}
	consumed := map[string]bool{} // Dockerfiles folded into a compose service
	var services []stack.Service
	for _, f := range files {
		if inToolingFolder(f.Path) {
			continue
		}
		data, err := d.Snap.ReadFile(f.Path)
		if err != nil {
			d.Problemf(f.Path, "cannot read compose file: %v", err)
			continue
		}
		root, err := yamlDoc(data)
		if err != nil {
			d.Problemf(f.Path, "cannot parse compose file: %v; its services are not counted until the YAML is fixed", err)
			continue
		}
		if root == nil {
			continue
		}
		dir := path.Dir(f.Path)
		svcs := yget(root, "services")
		pairs := ypairs(svcs)
		if svcs == nil {
			// Compose file format 1: services at the top level.
			for _, p := range ypairs(root) {
				if yget(p.value, "image") != nil || yget(p.value, "build") != nil {
					pairs = append(pairs, p)
				}
			}
		}
		for _, p := range pairs {
			if ymap(p.value) == nil {
				continue
			}
			key := dir + "\x00" + p.key
			ev := stack.Evidence{Path: f.Path, Line: p.line}
			cmd, cmdLine := composeCommand(p.value)
			image := ystr(yget(p.value, "image"))
			build := yget(p.value, "build")
			// extends: {service: base} in the same file lends what is
			// missing, along a short chain.
			for cur, i := p.value, 0; i < 4; i++ {
				base := composeExtends(svcs, cur)
				if base == nil {
					break
				}
				if image == "" {
					image = ystr(yget(base, "image"))
				}
				if build == nil {
					build = yget(base, "build")
				}
				if cmd == "" {
					cmd, cmdLine = composeCommand(base)
				}
				cur = base
			}
			if i, ok := svcIndex[key]; ok {
				// An override: fill what the first file left open.
				s := &services[i]
				if s.Command == "" && cmd != "" {
					s.Command, s.CommandEvidence = cmd, &stack.Evidence{Path: f.Path, Line: cmdLine}
				}
				continue
			}
			if build == nil && image == "" {
				continue
			}
			if build == nil {
				if kind := infraKind(image); kind != "" {
					if !infraSeen[key] {
						infraSeen[key] = true
						ev.Detail = "image: " + image
						d.Inventory.Infrastructure = append(d.Inventory.Infrastructure, stack.Infrastructure{
							Name: p.key, Kind: kind, Image: image, Evidence: ev,
						})
					}
					continue
				}
				// An image the team builds elsewhere (myorg/api:latest).
				ev.Detail = "image: " + image
				s := stack.Service{Name: p.key, Kind: "compose", Image: image, Evidence: ev}
				if cmd != "" {
					s.Command, s.CommandEvidence = cmd, &stack.Evidence{Path: f.Path, Line: cmdLine}
				}
				svcIndex[key] = len(services)
				services = append(services, s)
				continue
			}
			s := stack.Service{Name: p.key, Kind: "compose", Evidence: ev}
			ctx, dockerfileRel := composeBuild(build)
			ctxDir := joinPath(dir, ctx)
			if ctxDir != "" {
				ev.Detail = "build: " + ctx
				s.Evidence = ev
				dfPath := dockerfileAt(d, ctxDir, dockerfileRel)
				if dfPath != "" {
					if df, err := dockerService(d, dfPath, ctxDir); err == nil {
						s.Image, s.Runtime, s.Unit = df.Image, df.Runtime, df.Unit
						s.Command, s.CommandEvidence = df.Command, df.CommandEvidence
					} else if !matchesAny(dockerfilePatterns, dfPath) {
						// The Dockerfile family did not see this file, so say it here.
						d.Problemf(dfPath, "%v", err)
					}
					consumed[dfPath] = true
				} else if u := d.UnitFor(ctxDir, ""); u != nil {
					s.Unit = u.Path
				}
			}
			if cmd != "" {
				s.Command, s.CommandEvidence = cmd, &stack.Evidence{Path: f.Path, Line: cmdLine}
			}
			if s.Image == "" {
				s.Image = image
			}
			if isDevContainerCommand(s.Command) {
				continue // a development container kept alive for an editor
			}
			// The same service in another compose file (a CI or test
			// variant in another folder) counts once.
			unitKey := "\x01" + p.key + "\x00" + s.Unit
			if _, dup := svcIndex[unitKey]; dup && s.Unit != "" {
				continue
			}
			svcIndex[key] = len(services)
			svcIndex[unitKey] = len(services)
			services = append(services, s)
		}
	}
	// One service described by both compose and its Dockerfile counts once.
	kept := d.Inventory.Services[:0]
	for _, s := range d.Inventory.Services {
		if s.Kind == "dockerfile" && consumed[s.Evidence.Path] {
			continue
		}
		kept = append(kept, s)
	}
	d.Inventory.Services = append(kept, services...)
}

// isDevContainerCommand recognises the idle commands of development
// containers (sleep infinity, tail -f /dev/null).
func isDevContainerCommand(cmd string) bool {
	f := strings.Fields(strings.ReplaceAll(cmd, "'", ""))
	return len(f) == 2 && f[0] == "sleep" && (f[1] == "infinity" || isDigits(f[1])) ||
		len(f) == 3 && f[0] == "tail" && f[1] == "-f" && f[2] == "/dev/null"
}

// composeExtends returns the service a service extends within the same
// file (extends: base, or extends: {service: base} without a file).
func composeExtends(services, svc *yaml.Node) *yaml.Node {
	ext := yget(svc, "extends")
	if ext == nil {
		return nil
	}
	name := ystr(ext)
	if name == "" {
		if ystr(yget(ext, "file")) != "" {
			return nil // another file: not followed
		}
		name = ystr(yget(ext, "service"))
	}
	if name == "" {
		return nil
	}
	base := yget(services, name)
	if base == svc {
		return nil
	}
	return base
}

// composeBuild reads `build: ./api` or `build: {context, dockerfile}`.
func composeBuild(n *yaml.Node) (ctx, dockerfile string) {
	if s := ystr(n); s != "" {
		return s, ""
	}
	ctx = ystr(yget(n, "context"))
	if ctx == "" {
		ctx = "."
	}
	return ctx, ystr(yget(n, "dockerfile"))
}

// dockerfileAt returns the Dockerfile a build context uses, if indexed.
func dockerfileAt(d *Detection, ctxDir, rel string) string {
	if rel == "" {
		rel = "Dockerfile"
	}
	p := joinPath(ctxDir, rel)
	if p != "" && d.Snap.Exists(p) {
		return p
	}
	if rel == "Dockerfile" {
		if p := joinPath(ctxDir, "Containerfile"); p != "" && d.Snap.Exists(p) {
			return p
		}
	}
	return ""
}

// composeCommand reads `command:` as a string or an exec-form list.
func composeCommand(svc *yaml.Node) (string, int) {
	n := yget(svc, "command")
	if n == nil {
		return "", 0
	}
	if n.Kind == yaml.SequenceNode {
		return joinArgv(ystrs(n)), n.Line
	}
	return strings.TrimSpace(ystr(n)), n.Line
}

// infraKinds classifies well-known images by repository name (the last path
// element, or the whole name for vendor images). Order matters: the first
// prefix that matches wins.
var infraKinds = []struct{ prefix, kind string }{
	{"postgis", "postgres"}, {"postgres", "postgres"}, {"timescaledb", "postgres"}, {"pgvector", "postgres"},
	{"supabase/postgres", "postgres"}, {"cockroach", "postgres"},
	{"mysql", "mysql"}, {"mariadb", "mysql"}, {"percona", "mysql"},
	{"redis", "redis"}, {"valkey", "redis"}, {"keydb", "redis"}, {"dragonfly", "redis"},
	{"rabbitmq", "rabbitmq"},
	{"cp-kafka", "kafka"}, {"kafka", "kafka"}, {"redpanda", "kafka"}, {"cp-zookeeper", "kafka"}, {"zookeeper", "kafka"},
	{"elasticsearch", "elasticsearch"}, {"opensearch", "elasticsearch"}, {"kibana", "elasticsearch"},
	{"mongo-express", "admin"}, {"mongo", "mongodb"},
	{"memcached", "memcached"},
	{"minio", "object-storage"}, {"azurite", "object-storage"}, {"fake-gcs-server", "object-storage"},
	{"nginx", "proxy"}, {"traefik", "proxy"}, {"caddy", "proxy"}, {"haproxy", "proxy"}, {"envoy", "proxy"},
	{"mailhog", "mail"}, {"mailpit", "mail"}, {"maildev", "mail"}, {"smtp4dev", "mail"}, {"smtp", "mail"}, {"postfix", "mail"},
	{"pgbouncer", "postgres"}, {"seaweedfs", "object-storage"},
	{"localstack", "localstack"}, {"dynamodb-local", "dynamodb"},
	{"nats", "nats"}, {"clickhouse", "clickhouse"}, {"cassandra", "cassandra"}, {"scylla", "cassandra"},
	{"neo4j", "neo4j"}, {"influxdb", "influxdb"},
	{"meilisearch", "search"}, {"typesense", "search"}, {"solr", "search"},
	{"qdrant", "vector-db"}, {"weaviate", "vector-db"}, {"milvus", "vector-db"}, {"chroma", "vector-db"},
	{"prometheus", "monitoring"}, {"grafana", "monitoring"}, {"jaeger", "monitoring"}, {"all-in-one", "monitoring"},
	{"otel", "monitoring"}, {"opentelemetry-collector", "monitoring"}, {"loki", "monitoring"}, {"promtail", "monitoring"},
	{"adminer", "admin"}, {"pgadmin", "admin"}, {"phpmyadmin", "admin"}, {"redis-commander", "admin"},
	{"keycloak", "auth"}, {"temporal", "workflow"}, {"flower", "monitoring"},
	{"selenium", "browser"}, {"browserless", "browser"},
	{"consul", "consul"}, {"vault", "vault"}, {"etcd", "etcd"},
	{"ollama", "llm"},
}

// infraKind classifies an image the team does not build; "" when unknown.
func infraKind(image string) string {
	ref := strings.ToLower(image)
	if i := strings.Index(ref, "@"); i >= 0 {
		ref = ref[:i]
	}
	if i := strings.LastIndex(ref, ":"); i > strings.LastIndex(ref, "/") {
		ref = ref[:i]
	}
	// Drop a registry host (contains a dot or a port).
	if i := strings.Index(ref, "/"); i > 0 && strings.ContainsAny(ref[:i], ".:") {
		ref = ref[i+1:]
	}
	base := path.Base(ref)
	for _, k := range infraKinds {
		if strings.Contains(k.prefix, "/") {
			if strings.HasPrefix(ref, k.prefix) {
				return k.kind
			}
			continue
		}
		if strings.HasPrefix(base, k.prefix) {
			return k.kind
		}
	}
	// Vendor images named after the organisation (bitnami/postgresql,
	// confluentinc/cp-kafka are covered above; docker.elastic.co/... too).
	if strings.HasPrefix(base, "postgresql") {
		return "postgres"
	}
	return ""
}

// matchesAny reports whether p matches one of the patterns.
func matchesAny(patterns []string, p string) bool {
	for _, pat := range patterns {
		if repo.MatchPath(pat, p) {
			return true
		}
	}
	return false
}
