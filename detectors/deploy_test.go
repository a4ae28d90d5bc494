package detectors

import (
	"fmt"
	"strings"
	"testing"
)

func TestDeployFamilies(t *testing.T) {
	inv, probs := runFamiliesOn(t, map[string]string{
		"Procfile": "web: gunicorn app.wsgi --log-file -\nworker: celery -A app worker\n# comment\nrelease: python manage.py migrate\n",
		"functions/serverless.yml": `service: billing
provider:
  name: aws
  runtime: python3.12
functions:
  charge:
    handler: handler.charge
  report:
    handler: report.main
    runtime: nodejs20.x
`,
		"sam/template.yaml": `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.11
Resources:
  HelloFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: hello/
      Handler: app.lambda_handler
      Role: !GetAtt Role.Arn
      Environment:
        Variables:
          TABLE: !Ref Table
  Table:
    Type: AWS::DynamoDB::Table
`,
		"web/vercel.json": `{"functions": {"api/*.ts": {"memory": 1024}}, // jsonc
}`,
		"site/netlify.toml":                 "[build]\ncommand = \"npm run build\"\n\n[functions]\n  directory = \"netlify/functions\"\n",
		"fly.toml":                          "app = \"acme-api\"\n\n[processes]\napp = \"gunicorn app.wsgi\"\nworker = \"celery -A app worker\"\n",
		"gae/app.yaml":                      "runtime: python312\nentrypoint: gunicorn -b :$PORT main:app\n",
		"config/app.yaml":                   "name: not app engine\n",
		"deploy/k8s/api.yaml":               "apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/acme/api:1.2\n          command: [\"gunicorn\"]\n          args: [\"app.wsgi\", \"-w\", \"4\"]\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - image: python:3.12\n              command: [python, -m, app.nightly]\n",
		"docs/deployment.yaml":              "title: How we deploy\nsteps:\n  - build\n  - ship\n",
		"charts/acme/Chart.yaml":            "apiVersion: v2\nname: acme\nversion: 0.1.0\n",
		"charts/acme/templates/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n",
		"k8s/broken.yaml":                   "apiVersion: v1\nkind: [\n",
		".github/workflows/deploy.yml":      "on: push\n",
	}, []string{".:python", "functions:python", "sam/hello:python", "web:node", "site:node"}, "deploy")
	var got []string
	for _, s := range inv.Services {
		line := fmt.Sprintf("%s:%d %s|%s|%s|%s|%s", s.Evidence.Path, s.Evidence.Line, s.Name, s.Kind, s.Unit, s.Image, s.Command)
		if s.Runtime != nil {
			line += "|" + s.Runtime.Name + " " + s.Runtime.Constraint
		}
		got = append(got, line)
	}
	want := []string{
		"Procfile:1 web|procfile|.||gunicorn app.wsgi --log-file -",
		"Procfile:2 worker|procfile|.||celery -A app worker",
		"charts/acme/Chart.yaml:2 acme|helm|||",
		"deploy/k8s/api.yaml:7 api|kubernetes||ghcr.io/acme/api:1.2|gunicorn app.wsgi -w 4",
		"deploy/k8s/api.yaml:20 nightly|kubernetes||python:3.12|python -m app.nightly|python 3.12",
		"fly.toml:4 acme-api/app|fly|.||gunicorn app.wsgi",
		"fly.toml:5 acme-api/worker|fly|.||celery -A app worker",
		"functions/serverless.yml:6 charge|serverless|functions||handler.charge|python 3.12",
		"functions/serverless.yml:8 report|serverless|functions||report.main|node 20",
		"gae/app.yaml:1 default|appengine|.||gunicorn -b :$PORT main:app|python 3.12",
		"sam/template.yaml:7 HelloFunction|serverless|sam/hello||app.lambda_handler|python 3.11",
		"site/netlify.toml:5 site|netlify|site||",
		"web/vercel.json:0 web|vercel|web||",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("services:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(probs) != 1 || !strings.HasPrefix(probs[0], "k8s/broken.yaml: cannot parse Kubernetes manifest") {
		t.Errorf("problems = %q", probs)
	}
}

func TestLambdaRuntime(t *testing.T) {
	for id, want := range map[string]string{
		"python3.12": "python 3.12", "nodejs20.x": "node 20", "python312": "python 3.12",
		"nodejs22": "node 22", "python39": "python 3.9", "go1.x": "", "java17": "",
	} {
		rt := lambdaRuntime(id)
		got := ""
		if rt != nil {
			got = rt.Name + " " + rt.Constraint
		}
		if got != want {
			t.Errorf("lambdaRuntime(%q) = %q, want %q", id, got, want)
		}
	}
}

func FuzzDeployFiles(f *testing.F) {
	for _, s := range []string{
		"apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers: [{image: a, command: [b]}]\n---\nkind: List\napiVersion: v1\nitems: [{kind: Job, apiVersion: batch/v1}]\n",
		"Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties: {Handler: !Ref X, Runtime: !Sub y, CodeUri: ../..}\n",
		"functions:\n  a: {handler: h, runtime: nodejs20.x}\nprovider: {runtime: python3}\n",
		"runtime: python312\nentrypoint: x\n",
		"a: &a [*a]\n",
		"name: [",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s := string(b)
		_, _ = runFamiliesOn(t, map[string]string{
			"k8s/x.yaml": s, "serverless.yml": s, "template.yaml": s, "app.yaml": s,
			"charts/c/Chart.yaml": s, "Procfile": s, "fly.toml": s, "netlify.toml": s, "vercel.json": s,
		}, []string{".:python"}, "deploy")
	})
}
