package detectors

import (
	"fmt"
	"strings"
	"testing"
)

func TestGithubSetupRuntimes(t *testing.T) {
	wf := `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node-version: [16.x, 18.x]
        python: ["3.8", "3.10"]
        include:
          - node-version: 22
    steps:
      - uses: actions/setup-node@v4
        with:
          node-version: ${{ matrix.node-version }}
      - uses: actions/setup-python@v5
        with:
          python-version: ${{ matrix.python }}
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-python@v5
        with:
          python-version: |
            3.9
            3.12
      - uses: actions/setup-node@v4
        with:
          node-version-file: .nvmrc
      - uses: actions/setup-node@v4
        with:
          node-version: ${{ env.NODE }}
`
	jobs, err := githubJobs(".github/workflows/ci.yml", []byte(wf))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, j := range jobs {
		for _, rt := range j.runtimes {
			got = append(got, fmt.Sprintf("%s %s %s:%d %s", j.name, rt.Name, rt.Constraint, rt.Evidence.Line, rt.Evidence.Detail))
		}
	}
	want := `test node 16.x:7 matrix.node-version: 16.x
test node 18.x:7 matrix.node-version: 18.x
test node 22:10 matrix.include node-version: 22
test python 3.8:8 matrix.python: 3.8
test python 3.10:8 matrix.python: 3.10
lint python 3.9:24 python-version: 3.9
lint python 3.12:25 python-version: 3.12`
	if g := strings.Join(got, "\n"); g != want {
		t.Errorf("got\n%s\nwant\n%s", g, want)
	}
}

func TestCIImageAndTravisRuntimes(t *testing.T) {
	gitlab := `image: node:16-alpine
test:
  script: npm test
lint:
  image:
    name: python:3.8-slim
  script: ruff check .
`
	circle := `version: 2.1
jobs:
  build:
    docker:
      - image: cimg/node:14.21
      - image: cimg/postgres:14.0
    steps:
      - run: npm test
`
	travis := `language: node_js
node_js:
  - "10"
  - lts/*
jobs:
  include:
    - python: "3.6"
      script: pytest
`
	var got []string
	collect := func(jobs []ciJob, err error) {
		if err != nil {
			t.Fatal(err)
		}
		for _, j := range jobs {
			for _, rt := range j.runtimes {
				got = append(got, fmt.Sprintf("%s/%s %s %s:%d %s", j.provider, j.name, rt.Name, rt.Constraint, rt.Evidence.Line, rt.Evidence.Detail))
			}
		}
	}
	collect(gitlabJobs(".gitlab-ci.yml", []byte(gitlab), func(string) map[string][]byte { return nil }))
	collect(circleJobs(".circleci/config.yml", []byte(circle)))
	collect(travisJobs(".travis.yml", []byte(travis)))
	want := `gitlab/test node 16:1 image: node:16-alpine
gitlab/lint python 3.8:6 image: python:3.8-slim
circleci/build node 14.21:5 image: cimg/node:14.21
travis/script node 10:3 node_js: 10
travis/script node lts/*:4 node_js: lts/*
travis/jobs.include[0] python 3.6:7 python: 3.6`
	if g := strings.Join(got, "\n"); g != want {
		t.Errorf("got\n%s\nwant\n%s", g, want)
	}
}
