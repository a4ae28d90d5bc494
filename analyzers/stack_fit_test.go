package analyzers

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/syntax"
)

func TestHTTPTriggers(t *testing.T) {
	snap, err := repo.FromFS(context.Background(), fstest.MapFS{
		"serverless.yml": {Data: []byte("functions:\n  a:\n    events:\n      - http: GET /\n  b:\n    events:\n      - sqs: arn\n  c:\n    events:\n      - schedule: rate(1 day)\n      - alb:\n          priority: 1\n  d:\n    events: nope\n")},
		"template.yaml":  {Data: []byte("Resources:\n  Api:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n        E:\n          Type: Api\n  Url:\n    Type: AWS::Lambda::Function\n    Properties:\n      FunctionUrlConfig:\n        AuthType: NONE\n  Sqs:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n        Q:\n          Type: SQS\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: !Ref X\n")},
		"bad.yml":        {Data: []byte("functions: [\n")},
	}, repo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := &Pass{Snapshot: snap}
	for file, want := range map[string]map[string]string{
		"serverless.yml": {"a": "http event", "c": "alb event"},
		"template.yaml":  {"Api": "Api event", "Url": "function URL"},
		"bad.yml":        {},
		"missing.yml":    {},
	} {
		got := httpTriggers(p, file)
		if len(got) != len(want) {
			t.Errorf("%s: got %v, want %v", file, got, want)
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %s = %q, want %q", file, k, got[k], v)
			}
		}
	}
}

func FuzzHTTPTriggers(f *testing.F) {
	f.Add([]byte("functions:\n  a:\n    events:\n      - httpApi: {path: /x}\n"))
	f.Add([]byte("Resources:\n  F:\n    Properties:\n      Events:\n        E: {Type: HttpApi}\n"))
	f.Add([]byte("Resources: !Ref x\nfunctions: [1, 2]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		snap, err := repo.FromFS(context.Background(), fstest.MapFS{"serverless.yml": {Data: data}}, repo.Options{})
		if err != nil {
			return
		}
		httpTriggers(&Pass{Snapshot: snap}, "serverless.yml")
	})
}

func TestImportedWorkload(t *testing.T) {
	for _, c := range []struct {
		eco    string
		im     syntax.Import
		kind   string
		server bool
		want   string
	}{
		{"node", syntax.Import{Module: "@tensorflow/tfjs-node/dist/x"}, workloadData, false, "@tensorflow/tfjs-node"},
		{"node", syntax.Import{Module: "@tensorflow/tfjs"}, workloadData, false, ""},
		{"node", syntax.Import{Module: "@tensorflow/tfjs"}, workloadData, true, "@tensorflow/tfjs"},
		{"node", syntax.Import{Module: "danfojs-node", TypeOnly: true}, workloadData, true, ""},
		{"node", syntax.Import{Module: "./ws"}, workloadRealtime, true, ""},
		{"node", syntax.Import{Module: "node:ws"}, workloadRealtime, true, ""},
		{"node", syntax.Import{Module: "ws"}, workloadRealtime, false, "ws"},
		{"python", syntax.Import{Module: "sklearn.ensemble"}, workloadData, false, "scikit-learn"},
		{"python", syntax.Import{Module: "pandas", Level: 1}, workloadData, false, ""},
		{"python", syntax.Import{Module: "fastapi", Names: []syntax.ImportName{{Name: "FastAPI"}}}, workloadRealtime, false, ""},
		{"python", syntax.Import{Module: "fastapi", Names: []syntax.ImportName{{Name: "WebSocket"}}}, workloadRealtime, false, "fastapi WebSocket"},
		{"python", syntax.Import{Module: "channels.layers"}, workloadRealtime, false, "channels"},
		{"python", syntax.Import{Module: "channels.layers"}, workloadData, false, ""},
	} {
		if got := importedWorkload(c.eco, c.im, c.kind, c.server); got != c.want {
			t.Errorf("importedWorkload(%s, %+v, %s, %v) = %q, want %q", c.eco, c.im, c.kind, c.server, got, c.want)
		}
	}
}
