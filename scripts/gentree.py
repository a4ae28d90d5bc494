#!/usr/bin/env python3
"""Generate a realistic monorepo for benchmarks: gentree.py DIR [FILES].

Units alternate between Express (JavaScript), TypeScript Node services,
FastAPI, Django and Flask, each with a manifest, some with lockfiles, a
Dockerfile, route files, tests and source modules of a few hundred bytes to
a few KiB, until FILES files (default 100000) are written. The same
arguments give the same tree.
"""
import os
import random
import sys

root = sys.argv[1]
target = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
rng = random.Random(1)
UNITS = max(1, target // 1000)

JS = '''const express = require("express");
const lodash = require("lodash");

// module {i} of {unit}
function handler{i}(req, res) {{
  const items = [1, 2, 3].map((x) => x * {i});
  res.json({{ items, name: `item-${{items.length}}` }});
}}

class Thing{i} {{
  constructor(name) {{ this.name = name; }}
  get() {{ return this.name; }}
}}

module.exports = {{ handler{i}, Thing{i} }};
'''
TS = '''import {{ Request, Response }} from "express";

export async function handler{i}(req: Request, res: Response): Promise<void> {{
  const items = [1, 2, 3].map((x) => x * {i});
  res.json({{ items, msg: `item ${{items.length}}` }});
}}

export class Thing{i} {{
  constructor(private readonly name: string) {{}}
  get(): string {{ return this.name; }}
}}
'''
PY = '''"""Module {i} of {unit}."""
import os

import requests


def view_{i}(request, item_id: int) -> dict:
    data = {{"id": item_id, "name": "item-{i}"}}
    for k in range(10):
        data[str(k)] = k * {i}
    return data


class Service{i}:
    def handle(self, payload):
        # requests.get is mentioned in a comment, not called
        return {{"ok": True, "payload": payload}}
'''

count = 0


def write(path, text):
    global count
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write(text)
    count += 1


compose = ["services:"]
per = target // UNITS
for u in range(UNITS):
    if count >= target:
        break
    kind = ["express", "ts", "fastapi", "django", "flask"][u % 5]
    name = f"svc{u:03d}"
    base = f"services/{name}/"
    compose.append(f"  {name}:\n    build: ./services/{name}")
    start = count
    if kind in ("express", "ts"):
        dev = '"jest": "^29.0.0"' + (', "typescript": "^5.4.0", "eslint": "^8.0.0"' if kind == "ts" else "")
        write(base + "package.json", '{"name": "%s", "scripts": {"test": "jest"}, "dependencies": {"express": "^4.18.2", "lodash": "^4.17.21"}, "devDependencies": {%s}}\n' % (name, dev))
        if u % 2 == 0:
            write(base + "package-lock.json", '{"name": "%s", "lockfileVersion": 3, "packages": {}}\n' % name)
        if kind == "ts":
            write(base + "tsconfig.json", '{"compilerOptions": {"strict": true}}\n')
        write(base + "Dockerfile", 'FROM node:20\nCOPY . .\nCMD ["node", "index.js"]\n')
        ext = ".ts" if kind == "ts" else ".js"
        write(base + "index" + ext, 'const express = require("express");\nconst app = express();\napp.use("/api", require("./src/routes"));\napp.listen(3000);\n')
        write(base + "src/routes" + ext, 'const router = require("express").Router();\nrouter.get("/login", (req, res) => res.send("ok"));\nrouter.post("/billing/checkout", (req, res) => res.json({}));\nmodule.exports = router;\n')
        body = TS if kind == "ts" else JS
        i = 0
        while count - start < per and count < target:
            write(f"{base}src/mod{i // 50}/file{i}{ext}", body.format(i=i, unit=name) * rng.randint(1, 4))
            if i % 10 == 0:
                write(f"{base}test/file{i}.test{ext}", f'const m = require("../src/mod{i // 50}/file{i}");\ntest("works", () => expect(m).toBeDefined());\n')
            i += 1
    else:
        write(base + "pyproject.toml", f'[project]\nname = "{name}"\nversion = "0.1.0"\nrequires-python = ">=3.11"\ndependencies = ["{kind}", "celery>=5.3", "requests>=2.31"]\n\n[tool.ruff]\nline-length = 100\n')
        if u % 2 == 1:
            write(base + "poetry.lock", '[[package]]\nname = "requests"\nversion = "2.31.0"\n')
        write(base + "Dockerfile", 'FROM python:3.12\nCOPY . .\nCMD ["gunicorn", "app:app"]\n')
        if kind == "fastapi":
            write(base + "app/main.py", 'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.post("/billing/charge")\nasync def charge():\n    return {"ok": True}\n')
        elif kind == "django":
            write(base + "app/urls.py", 'from django.urls import path\nfrom . import views\n\nurlpatterns = [path("signup/", views.signup)]\n')
            write(base + "app/views.py", 'from django.http import JsonResponse\n\n\ndef signup(request):\n    return JsonResponse({})\n')
        else:
            write(base + "app/__init__.py", 'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/login", methods=["POST"])\ndef login():\n    return "ok"\n')
        i = 0
        while count - start < per and count < target:
            write(f"{base}app/mod{i // 50}/file{i}.py", PY.format(i=i, unit=name) * rng.randint(1, 4))
            if i % 10 == 0:
                write(f"{base}tests/test_file{i}.py", f"from app.mod{i // 50}.file{i} import view_{i}\n\n\ndef test_view():\n    assert view_{i}(None, 1)\n")
            i += 1

write("docker-compose.yml", "\n".join(compose) + "\n  db:\n    image: postgres:16\n")
write(".github/workflows/ci.yml", "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n")
print(count, "files")
