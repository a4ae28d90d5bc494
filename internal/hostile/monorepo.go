package hostile

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Monorepo writes a realistic mix of Node and Python units into dir: units
// Express, NestJS-style TypeScript, FastAPI, Django and Flask services, some
// with lockfiles, tests and tool configuration, a compose file and a CI
// workflow. Each unit holds perUnit source files. The tree is the same for
// the same arguments.
func Monorepo(dir string, units, perUnit int) error {
	var compose strings.Builder
	compose.WriteString("services:\n")
	for u := 0; u < units; u++ {
		name := fmt.Sprintf("svc%02d", u)
		base := "services/" + name + "/"
		fmt.Fprintf(&compose, "  %s:\n    build: ./services/%s\n", name, name)
		var err error
		switch u % 5 {
		case 0:
			err = nodeUnit(dir, base, name, u, perUnit, false)
		case 1:
			err = nodeUnit(dir, base, name, u, perUnit, true)
		case 2:
			err = pyUnit(dir, base, name, u, perUnit, "fastapi")
		case 3:
			err = pyUnit(dir, base, name, u, perUnit, "django")
		case 4:
			err = pyUnit(dir, base, name, u, perUnit, "flask")
		}
		if err != nil {
			return err
		}
	}
	compose.WriteString("  db:\n    image: postgres:16\n")
	return firstErr(
		WriteFile(dir, "docker-compose.yml", compose.String()),
		WriteFile(dir, ".github/workflows/ci.yml", "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-node@v4\n        with:\n          node-version: 16\n      - run: npm test\n"),
		WriteFile(dir, ".gitignore", "*.log\ncoverage/\n"),
	)
}

func nodeUnit(dir, base, name string, u, n int, ts bool) error {
	deps := `"express": "^4.18.2", "bcrypt": "*", "socket.io": "^4.7.0"`
	dev := `"jest": "^29.0.0"`
	ext := ".js"
	if ts {
		dev += `, "typescript": "^5.4.0", "eslint": "^8.0.0"`
		ext = ".ts"
	}
	files := []error{
		WriteFile(dir, base+"package.json", fmt.Sprintf(`{"name": %q, "scripts": {"test": "jest"}, "engines": {"node": ">=14"}, "dependencies": {%s}, "devDependencies": {%s}}`+"\n", name, deps, dev)),
		WriteFile(dir, base+"Dockerfile", "FROM node:16\nCOPY . .\nCMD [\"npx\", \"nodemon\", \"index.js\"]\n"),
		WriteFile(dir, base+"index"+ext, "const express = require('express')\nconst app = express()\napp.use('/api', require('./src/routes'))\napp.listen(3000)\n"),
		WriteFile(dir, base+"src/routes"+ext, "const router = require('express').Router()\nconst fs = require('fs')\nrouter.post('/billing/checkout', (req, res) => { res.json(fs.readFileSync('x')) })\nrouter.get('/login', (req, res) => res.send('ok'))\nmodule.exports = router\n"),
	}
	if ts {
		files = append(files, WriteFile(dir, base+"tsconfig.json", `{"compilerOptions": {"allowJs": true}}`+"\n"))
	}
	if u%2 == 0 {
		files = append(files, WriteFile(dir, base+"package-lock.json", fmt.Sprintf(`{"name": %q, "lockfileVersion": 3, "packages": {}}`+"\n", name)))
	}
	for i := 0; i < n; i++ {
		body := fmt.Sprintf("// module %d of %s\nconst lodash = require('lodash')\n\nfunction handler%d(req, res) {\n  const items = [1, 2, 3].map((x) => x * %d)\n  res.json({ items })\n}\n\nmodule.exports = { handler%d }\n", i, name, i, i, i)
		files = append(files, WriteFile(dir, fmt.Sprintf("%ssrc/mod%d/file%d%s", base, i/50, i, ext), body))
		if i%10 == 0 {
			files = append(files, WriteFile(dir, fmt.Sprintf("%stest/file%d.test%s", base, i, ext), fmt.Sprintf("const { handler%d } = require('../src/mod%d/file%d')\ntest('works', () => expect(handler%d).toBeDefined())\n", i, i/50, i, i)))
		}
	}
	return firstErr(files...)
}

func pyUnit(dir, base, name string, u, n int, fw string) error {
	files := []error{
		WriteFile(dir, base+"pyproject.toml", fmt.Sprintf("[project]\nname = %q\nversion = \"0.1.0\"\nrequires-python = \">=3.7\"\ndependencies = [\"%s\", \"celery>=5.3\", \"requests\", \"pandas\"]\n\n[tool.ruff]\nline-length = 100\n", name, fw)),
		WriteFile(dir, base+"requirements.txt", fw+"\nrequests\ngunicorn==21.2.0\n"),
		WriteFile(dir, base+"Dockerfile", "FROM python:3.8\nCOPY . .\nCMD [\"python\", \"manage.py\", \"runserver\", \"0.0.0.0:8000\"]\n"),
		WriteFile(dir, base+"Procfile", "web: gunicorn app:app\nworker: celery -A app worker\n"),
	}
	switch fw {
	case "fastapi":
		files = append(files, WriteFile(dir, base+"app/main.py", "import time\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.post(\"/billing/charge\")\nasync def charge():\n    time.sleep(1)\n    return {\"ok\": True}\n"))
	case "django":
		files = append(files, WriteFile(dir, base+"app/urls.py", "from django.urls import path\nfrom . import views\n\nurlpatterns = [path(\"signup/\", views.signup), path(\"checkout/\", views.checkout)]\n"),
			WriteFile(dir, base+"app/views.py", "from django.http import JsonResponse\n\n\ndef signup(request):\n    return JsonResponse({})\n\n\ndef checkout(request):\n    return JsonResponse({})\n"))
	case "flask":
		files = append(files, WriteFile(dir, base+"app/__init__.py", "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route(\"/login\", methods=[\"POST\"])\ndef login():\n    return \"ok\"\n"))
	}
	if u%2 == 1 {
		files = append(files, WriteFile(dir, base+"poetry.lock", "# generated\n[[package]]\nname = \"requests\"\nversion = \"2.31.0\"\n"))
	}
	for i := 0; i < n; i++ {
		body := fmt.Sprintf("\"\"\"Module %d of %s.\"\"\"\nimport os\nimport requests\n\n\ndef view_%d(request, item_id: int) -> dict:\n    data = {\"id\": item_id, \"n\": %d}\n    return data\n\n\nclass Service%d:\n    def handle(self, payload):\n        return {\"ok\": True, \"payload\": payload}\n", i, name, i, i, i)
		files = append(files, WriteFile(dir, fmt.Sprintf("%sapp/mod%d/file%d.py", base, i/50, i), body))
		if i%10 == 0 {
			files = append(files, WriteFile(dir, fmt.Sprintf("%stests/test_file%d.py", base, i), fmt.Sprintf("from app.mod%d.file%d import view_%d\n\n\ndef test_view():\n    assert view_%d(None, 1)\n", i/50, i, i, i)))
		}
	}
	return firstErr(files...)
}

// BenchTree returns a generated monorepo of about files files (units of
// 1,000 files: sources, a test for every ten, manifests). With
// STACKAUDIT_BENCH_DIR set it is made there once and kept between runs;
// otherwise it is made in a temporary folder of tb, removed when tb ends.
func BenchTree(tb testing.TB, files int) string {
	tb.Helper()
	base := os.Getenv("STACKAUDIT_BENCH_DIR")
	if base == "" {
		base = tb.TempDir()
	}
	dir := filepath.Join(base, fmt.Sprintf("tree%d", files))
	if _, err := os.Stat(filepath.Join(dir, "docker-compose.yml")); err != nil {
		// Each unit holds perUnit sources, one test per ten and a few
		// manifests: about 1.1 files per source.
		units := max(files/1000, 1)
		if err := Monorepo(dir, units, files/units*10/11); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}
