package detectors

import (
	"strings"
	"testing"
)

func TestCompose(t *testing.T) {
	inv, probs := runFamiliesOn(t, map[string]string{
		"api/Dockerfile": "FROM python:3.12-slim\nCOPY . .\nCMD [\"gunicorn\", \"app.wsgi\"]\n",
		"docker-compose.yml": `services:
  api:
    build: ./api
  worker:
    build:
      context: ./api
      dockerfile: Dockerfile
    command: celery -A app worker
  db:
    image: postgis/postgis:16-3.4
  cache:
    image: docker.io/library/redis:7-alpine
  mq:
    image: rabbitmq:3-management
  legacy:
    image: myorg/legacy-api:latest
`,
		"docker-compose.override.yml": "services:\n  api:\n    command: [\"python\", \"manage.py\", \"runserver\"]\n",
		"broken/compose.yaml":         "services:\n  a: [\n",
	}, []string{"api:python"}, "docker", "compose")
	var got []string
	for _, s := range inv.Services {
		got = append(got, s.Name+"|"+s.Kind+"|"+s.Unit+"|"+s.Image+"|"+s.Command)
	}
	want := []string{
		"api|compose|api|python:3.12-slim|gunicorn app.wsgi",
		"legacy|compose||myorg/legacy-api:latest|",
		"worker|compose|api|python:3.12-slim|celery -A app worker",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("services:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var infra []string
	for _, i := range inv.Infrastructure {
		infra = append(infra, i.Name+"|"+i.Kind)
	}
	if strings.Join(infra, ",") != "cache|redis,db|postgres,mq|rabbitmq" {
		t.Errorf("infrastructure = %v", infra)
	}
	if len(probs) != 1 || !strings.HasPrefix(probs[0], "broken/compose.yaml: cannot parse compose file") {
		t.Errorf("problems = %q", probs)
	}
	for _, s := range inv.Services {
		if s.Name == "worker" && (s.CommandEvidence == nil || s.CommandEvidence.Path != "docker-compose.yml" || s.CommandEvidence.Line != 8) {
			t.Errorf("worker command evidence = %+v", s.CommandEvidence)
		}
	}
}

func TestInfraKind(t *testing.T) {
	for image, want := range map[string]string{
		"postgres:16":                 "postgres",
		"bitnami/postgresql:15":       "postgres",
		"mariadb:11":                  "mysql",
		"valkey/valkey:8":             "redis",
		"confluentinc/cp-kafka:7.5.0": "kafka",
		"docker.redpanda.com/redpandadata/redpanda:v23":        "kafka",
		"docker.elastic.co/elasticsearch/elasticsearch:8.11.0": "elasticsearch",
		"opensearchproject/opensearch:2":                       "elasticsearch",
		"mongo:7":                                              "mongodb",
		"minio/minio":                                          "object-storage",
		"traefik:v3":                                           "proxy",
		"axllent/mailpit":                                      "mail",
		"localstack/localstack:3":                              "localstack",
		"localhost:5000/myorg/api":                             "",
		"myorg/api:latest":                                     "",
		"ghcr.io/acme/billing@sha256:0":                        "",
	} {
		if got := infraKind(image); got != want {
			t.Errorf("infraKind(%q) = %q, want %q", image, got, want)
		}
	}
}

func FuzzCompose(f *testing.F) {
	for _, s := range []string{
		"services:\n  a:\n    build: .\n  b:\n    image: redis\n",
		"a:\n  image: postgres\n",
		"x: &a\n  image: b\ny:\n  <<: *a\n",
		"services:\n  a:\n    build: .\n    command: &c [x, *c]\n",
		"services: [\n",
		"services:\n  a:\n    build:\n      context: ../..\n    command: [1, 2]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = runFamiliesOn(t, map[string]string{"compose.yaml": string(b), "Dockerfile": "FROM node:20\n"}, []string{".:node"}, "docker", "compose")
	})
}

func TestComposeNearMisses(t *testing.T) {
	inv, _ := runFamiliesOn(t, map[string]string{
		".devcontainer/docker-compose.yml": "services:\n  dev:\n    build: ..\n  db:\n    image: postgres\n",
		".devcontainer/Dockerfile":         "FROM mcr.microsoft.com/devcontainers/python:3.12\n",
		"Dockerfile":                       "FROM python:3.12\nCMD [\"gunicorn\", \"app:app\"]\n",
		"compose.yaml":                     "services:\n  web:\n    build: .\n  shell:\n    build: .\n    command: sleep infinity\n",
		"ci/compose.test.yaml":             "services:\n  web:\n    build: ..\n    command: pytest\n",
		"tests/e2e/docker-compose.yml":     "services:\n  ldap:\n    image: acme/test-ldap\n",
		"examples/todo/Dockerfile":         "FROM node:20\n",
	}, []string{".:python"}, "docker", "compose")
	var got []string
	for _, s := range inv.Services {
		got = append(got, s.Evidence.Path+" "+s.Name+"|"+s.Kind+"|"+s.Command)
	}
	if want := "compose.yaml web|compose|gunicorn app:app"; strings.Join(got, "\n") != want {
		t.Errorf("services:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	if len(inv.Infrastructure) != 0 {
		t.Errorf("infrastructure from a devcontainer: %+v", inv.Infrastructure)
	}
}

func TestComposeExtends(t *testing.T) {
	inv, _ := runFamiliesOn(t, map[string]string{
		"Dockerfile":   "FROM python:3.12\nCMD [\"gunicorn\", \"app:app\"]\n",
		"compose.yaml": "services:\n  web:\n    build: .\n  worker:\n    extends: web\n    command: celery -A app worker\n  beat:\n    extends:\n      service: worker\n  other:\n    extends:\n      file: common.yml\n      service: x\n  self:\n    extends: self\n",
	}, []string{".:python"}, "docker", "compose")
	var got []string
	for _, s := range inv.Services {
		got = append(got, s.Name+"|"+s.Unit+"|"+s.Command)
	}
	want := "beat|.|celery -A app worker\nweb|.|gunicorn app:app\nworker|.|celery -A app worker"
	if strings.Join(got, "\n") != want {
		t.Errorf("services:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}
