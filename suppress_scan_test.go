package stackaudit

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/stackaudit/stackaudit/repo"
)

// TestScanSuppresses runs the whole wiring: an inline comment above a
// dev-server CMD marks SA503's finding, and --report-unused-ignores names
// the comment with the wrong code, which matched nothing.
func TestScanSuppresses(t *testing.T) {
	fsys := fstest.MapFS{
		"requirements.txt": {Data: []byte("flask==3.0.3\n")},
		"app.py":           {Data: []byte("from flask import Flask\napp = Flask(__name__)\n")},
		"Dockerfile": {Data: []byte("FROM python:3.12-slim\n" +
			"# stackaudit:ignore SA503 this image is only for local development\n" +
			"CMD flask run --debug\n")},
		"dev/Dockerfile": {Data: []byte("FROM python:3.12-slim\n" +
			"CMD flask run --debug  # stackaudit:ignore SA501 wrong rule\n")},
	}
	snap, err := repo.FromFS(context.Background(), fsys, repo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := ScanSnapshot(context.Background(), snap, nil, Options{ReportUnusedIgnores: true})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, f := range res.Findings {
		state := "reported"
		if f.Suppression != nil {
			state = f.Suppression.Kind + ": " + f.Suppression.Justification
		}
		seen[f.Code+" "+f.Location.Path] = state
	}
	want := map[string]string{
		"SA503 Dockerfile":     "inSource: this image is only for local development",
		"SA001 dev/Dockerfile": "reported",
	}
	for k, v := range want {
		if seen[k] != v {
			t.Errorf("%s: %q, want %q (all: %v)", k, seen[k], v, seen)
		}
	}
}
