package detectors

import (
	"strings"
	"testing"
)

func TestParseDockerfile(t *testing.T) {
	tests := []struct {
		name, src       string
		image, command  string
		line, cmdLine   int
		runtime, rtVers string
	}{
		{
			name:  "multi-stage with ARG in FROM",
			src:   "ARG PY=3.12\nFROM python:${PY}-slim AS build\nRUN pip wheel .\n\nFROM python:${PY}-slim\nCOPY --from=build /w /w\nCMD [\"gunicorn\", \"app:app\", \"--bind\", \"0.0.0.0:8000\"]\n",
			image: "python:3.12-slim", command: "gunicorn app:app --bind 0.0.0.0:8000", line: 5, cmdLine: 7,
			runtime: "python", rtVers: "3.12",
		},
		{
			name:  "shell form and stage chain",
			src:   "FROM node:20-alpine AS base\nCMD node server.js\nFROM base AS prod\nENV X=1\n",
			image: "node:20-alpine", command: "node server.js", line: 3, cmdLine: 2, runtime: "node", rtVers: "20",
		},
		{
			name:  "entrypoint plus cmd",
			src:   "FROM python:3.11\nENTRYPOINT [\"./entrypoint.sh\"]\nCMD [\"sh\", \"-c\", \"uvicorn main:app --reload\"]\n",
			image: "python:3.11", command: "./entrypoint.sh sh -c 'uvicorn main:app --reload'", line: 1, cmdLine: 3,
			runtime: "python", rtVers: "3.11",
		},
		{
			name:  "entrypoint in later stage drops inherited cmd",
			src:   "FROM node:lts AS a\nCMD [\"npm\",\"start\"]\nFROM a\nENTRYPOINT [\"node\",\"x.js\"]\n",
			image: "node:lts", command: "node x.js", line: 3, cmdLine: 4,
		},
		{
			name:  "arg default syntax and unknown image",
			src:   "ARG BASE\nFROM ${BASE:-ubuntu:22.04}\nRUN true\n",
			image: "ubuntu:22.04", line: 2,
		},
		{
			name:  "vendor image with python tag",
			src:   "FROM tiangolo/uvicorn-gunicorn-fastapi:python3.11\n",
			image: "tiangolo/uvicorn-gunicorn-fastapi:python3.11", line: 1, runtime: "python", rtVers: "3.11",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			df, err := parseDockerfile([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if df.image != tt.image || df.command != tt.command || df.fromLine != tt.line || df.commandLine != tt.cmdLine {
				t.Errorf("got image %q command %q line %d cmdLine %d", df.image, df.command, df.fromLine, df.commandLine)
			}
			rt := runtimeFromImage(df.image)
			switch {
			case tt.runtime == "" && rt != nil:
				t.Errorf("runtime %+v, want none", rt)
			case tt.runtime != "" && (rt == nil || rt.Name != tt.runtime || rt.Constraint != tt.rtVers):
				t.Errorf("runtime %+v, want %s %s", rt, tt.runtime, tt.rtVers)
			}
		})
	}
}

func TestDockerfileService(t *testing.T) {
	inv, probs := runFamiliesOn(t, map[string]string{
		"docker/api/Dockerfile": "FROM python:3.12-slim\nWORKDIR /app\nCOPY backend/ .\nCMD python -m app\n",
		"web/Dockerfile":        "FROM node:22\nCOPY . .\nCMD [\"node\",\"dist/main.js\"]\n",
		"web/worker.Dockerfile": "FROM node:22\n",
		"web/Dockerfile.dev":    "FROM node:22\nCMD npm run dev\n",
		"tools/Dockerfile.ci":   "FROM node:22\n",
		"bad/Dockerfile":        "RUN echo no from\n",
		"notes/Dockerfile.md":   "# not a Dockerfile\n",
	}, []string{"backend:python", "web:node", ".:node"}, "docker")
	var got []string
	for _, s := range inv.Services {
		got = append(got, s.Name+"|"+s.Kind+"|"+s.Unit+"|"+s.Image+"|"+s.Command)
	}
	want := []string{
		"api|dockerfile|.|python:3.12-slim|python -m app", // context docker/api: COPY backend/ is outside it
		"ci|dockerfile|.|node:22|",                        // no main Dockerfile beside it: kept
		"web|dockerfile|web|node:22|node dist/main.js",
		"worker|dockerfile|web|node:22|",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("services:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(probs) != 1 || !strings.HasPrefix(probs[0], "bad/Dockerfile: cannot parse Dockerfile") {
		t.Errorf("problems = %q", probs)
	}
}

func FuzzParseDockerfile(f *testing.F) {
	for _, s := range []string{
		"FROM python:3.12\nCMD [\"a\"]\n",
		"ARG X=1\nFROM a:${X} AS b\nFROM b\nENTRYPOINT x\nCOPY --from=b a b\n",
		"FROM\n",
		"# syntax=docker/dockerfile:1\nFROM x\nRUN <<EOF\necho\nEOF\n",
		"FROM ${A:-${B}}\nCMD [\"unterminated\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		df, err := parseDockerfile(b)
		if err == nil {
			_ = runtimeFromImage(df.image)
		}
	})
}
