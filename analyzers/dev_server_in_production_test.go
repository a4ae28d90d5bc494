package analyzers

import (
	"context"
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
)

func TestShellSegments(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want [][]string
	}{
		{`python manage.py runserver 0.0.0.0:8000`, [][]string{{"python", "manage.py", "runserver", "0.0.0.0:8000"}}},
		{`sh -c "a && b 'c d'"`, [][]string{{"sh", "-c", "a && b 'c d'"}}},
		{`a && b; c || d | e & f`, [][]string{{"a"}, {"b"}, {"c"}, {"d"}, {"e"}, {"f"}}},
		{"a \\\n  b # comment\nc", [][]string{{"a", "b"}, {"c"}}},
		{`x='it'\''s'`, [][]string{{"x=it's"}}},
		{`"unterminated`, [][]string{{"unterminated"}}},
		{``, nil},
	} {
		if got := shellSegments(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("shellSegments(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDevCommand(t *testing.T) {
	unit := &stack.Unit{Path: ".", Ecosystem: stack.Node, Scripts: map[string]string{
		"dev": "nodemon src/index.ts", "start": "node dist/index.js", "loop": "npm run loop",
		"web": "vite --host", "preview": "vite preview", "ts": "node -r ts-node/register src/index.ts",
	}}
	snap, err := repo.FromFS(context.Background(), fstest.MapFS{
		"app.py":    {Data: []byte("from flask import Flask\napp = Flask(__name__)\nif __name__ == '__main__':\n    app.run(debug=True)\n")},
		"worker.py": {Data: []byte("import asyncio\nfrom flask import Flask\napp = Flask(__name__)\nasyncio.run(main())\n")},
	}, repo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		cmd  string
		want string // server id, "" for none
	}{
		{"python app.py", "flask-app-run"},
		{"python /srv/app.py", "flask-app-run"},
		{"python worker.py", ""},
		{"python missing.py", ""},
		{"python manage.py runserver", "django-runserver"},
		{"python3 -u manage.py runserver_plus", "django-runserver"},
		{"python manage.py migrate && gunicorn mysite.wsgi", ""},
		{"python -m flask run --host 0.0.0.0", "flask-run"},
		{"poetry run flask run", "flask-run"},
		{"flask db upgrade", ""},
		{"flask --app hello --debug run --host=0.0.0.0", "flask-run"},
		{"flask --app hello routes", ""},
		{"uvicorn app:app --reload", "server-reload"},
		{"uvicorn app:app --workers 4", ""},
		{"gunicorn --reload=true app:app", "server-reload"},
		{"/bin/sh -c 'exec uvicorn app:app --reload'", "server-reload"},
		{"fastapi run --workers 4", ""},
		{"npm run dev", "nodemon"},
		{"npm start", ""},
		{"yarn dev", "nodemon"},
		{"pnpm run web", "bundler-dev-server"},
		{"npm run preview", ""},
		{"npm run loop", ""},
		{"npm run ts", "ts-node"},
		{"npx next", "next-dev"},
		{"next start", ""},
		{"NODE_ENV=production node dist/index.js", ""},
		{"env PORT=80 ts-node-dev src/index.ts", "ts-node"},
		{"yarn install", ""},
		{"echo nodemon", ""},
		{"sh /entrypoint.sh npm run dev", "nodemon"},
		{"/docker-entrypoint.sh yarn dev", "nodemon"},
		{"/docker-entrypoint.sh", ""},
		{"bash -e ./start.sh", ""},
	} {
		r := devCommand{p: &Pass{Snapshot: snap}, unit: unit, evidence: "Dockerfile"}
		m, ok := r.find(tc.cmd, 0)
		got := ""
		if ok {
			got = m.server.id
		}
		if got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.cmd, got, tc.want)
		}
	}
}

func FuzzShellSegments(f *testing.F) {
	for _, s := range []string{`sh -c "a && b"`, `a\`, `'`, `"\`, "# x\n y", `npm run dev -- --port 3`} {
		f.Add(s)
	}
	snap, err := repo.FromFS(context.Background(), fstest.MapFS{
		"app.py": {Data: []byte("from flask import Flask\napp = Flask(__name__)\napp.run()\n")},
	}, repo.Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		unit := &stack.Unit{Path: ".", Scripts: map[string]string{"dev": "npm run dev", "start": "sh -c '" + s + "'"}}
		r := devCommand{p: &Pass{Snapshot: snap}, unit: unit, evidence: "Dockerfile"}
		r.find(s, 0)
		r.find("npm start", 0)
		for _, seg := range shellSegments(s) {
			if len(seg) == 0 {
				t.Fatalf("empty segment from %q", s)
			}
		}
	})
}
