package syntax

import (
	"fmt"
	"math/rand"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// corpus is a generated repository: realistic Python and TypeScript sources
// averaging about 4 KB, 15,000 files in all.
type corpusFile struct {
	path string
	src  []byte
}

var (
	corpusOnce sync.Once
	corpus     []corpusFile
	corpusSize int64
)

const corpusFiles = 15000

func benchCorpus() ([]corpusFile, int64) {
	corpusOnce.Do(func() {
		r := rand.New(rand.NewSource(1))
		for i := 0; i < corpusFiles; i++ {
			var f corpusFile
			switch i % 3 {
			case 0:
				f = corpusFile{fmt.Sprintf("app/mod%d.py", i), genPython(r, i)}
			case 1:
				f = corpusFile{fmt.Sprintf("src/svc%d.ts", i), genTS(r, i, false)}
			default:
				f = corpusFile{fmt.Sprintf("web/Comp%d.tsx", i), genTS(r, i, true)}
			}
			corpus = append(corpus, f)
			corpusSize += int64(len(f.src))
		}
	})
	return corpus, corpusSize
}

var words = []string{"user", "order", "item", "account", "payment", "invoice", "session", "token", "report", "cart", "price", "email"}

func word(r *rand.Rand) string { return words[r.Intn(len(words))] }

func title(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

func genPython(r *rand.Rand, n int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "\"\"\"Module %d: %s handling.\"\"\"\nfrom __future__ import annotations\n\nimport logging\nimport os.path as osp\nfrom typing import Any, Optional\nfrom ..models import %s, %s\nfrom .utils import (helper_%d,\n    other)\n\nlog = logging.getLogger(__name__)\n\n", n, word(r), title(word(r)), title(word(r)), n)
	for b.Len() < 3000+r.Intn(2000) {
		w := word(r)
		switch r.Intn(3) {
		case 0:
			fmt.Fprintf(&b, "@app.route(\"/%s/<int:id>\", methods=[\"GET\", \"POST\"])\n@login_required\nasync def get_%s(request, id: int, *, limit: int = 10) -> dict[str, Any]:\n    # fetch the %s() from the db\n    obj = await %s.objects.filter(id=id).first()\n    if obj is None and \\\n            limit > 0:\n        raise NotFound(f\"{%s!r} missing: {id:>{limit}}\")\n    data = {\"id\": obj.id, 'name': obj.name, \"tags\": [t.strip() for t in obj.tags]}\n    log.info('loaded %%s', data)\n    return data\n\n", w, w, w, title(w), w)
		case 1:
			fmt.Fprintf(&b, "class %sService(BaseService, metaclass=Registry):\n    \"\"\"Service for %s.\n\n    It talks to the database.\n    \"\"\"\n\n    def __init__(self, db: Session, cache: Optional[Cache] = None):\n        self.db = db\n        self.cache = cache or Cache()\n\n    @property\n    def name(self) -> str:\n        return self._name.strip()\n\n    def compute(self, values):\n        total = 0\n        for v in values:\n            if v > 10:\n                total += helper(v) * 2\n            else:\n                total -= other(v, key=lambda x: x[0])\n        return total\n\n", title(w), w)
		default:
			fmt.Fprintf(&b, "def parse_%s(raw: bytes, strict=False):\n    text = raw.decode('utf-8')\n    pattern = r'\\d+(\\.\\d+)?'\n    rows = [line.split(',') for line in text.splitlines() if line]\n    query = '''\n        SELECT * FROM %s WHERE id = %%s\n    '''\n    return [int(r[0]) for r in rows], query\n\n", w, w)
		}
	}
	return []byte(b.String())
}

func genTS(r *rand.Rand, n int, jsx bool) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "import { Injectable, Get, Param } from '@nestjs/common';\nimport * as fs from \"fs\";\nimport type { %s } from './types';\nimport { helper%d } from '../lib/helper';\n\n", title(word(r)), n)
	for b.Len() < 3000+r.Intn(2000) {
		w := word(r)
		switch r.Intn(4) {
		case 0:
			fmt.Fprintf(&b, "export interface %sDto {\n  id: number;\n  name?: string;\n  tags: Array<Map<string, number>>;\n}\n\n", title(w))
		case 1:
			fmt.Fprintf(&b, "@Injectable()\nexport class %sService extends Base<%s> {\n  private readonly cache = new Map<string, %s>();\n  constructor(private readonly repo: Repository<%s>) { super(); }\n\n  @Get(':id')\n  public async find(@Param('id') id: string): Promise<%s | undefined> {\n    // this.repo.remove() is never called here\n    const hit = this.cache.get(id);\n    if (hit) return hit;\n    const row = await this.repo.findOne({ where: { id } });\n    return row ?? undefined;\n  }\n}\n\n", title(w), title(w), title(w), title(w), title(w))
		case 2:
			fmt.Fprintf(&b, "export const load%s = async (id: number, opts: { retry?: number } = {}): Promise<void> => {\n  const url = `${BASE}/%s/${id}?q=${encodeURIComponent(`${opts.retry ?? 0}`)}`;\n  const res = await fetch(url, { method: 'GET' });\n  const re = /^\\/api\\/%s\\/(\\d+)$/i;\n  if (!re.test(url) || res.status / 100 !== 2) {\n    throw new Error(\"can't load \" + id);\n  }\n  return res.json().then((d: unknown) => helper%d(d));\n};\n\n", title(w), w, w, n)
		default:
			if jsx {
				fmt.Fprintf(&b, "export function %sList({ items }: { items: %sDto[] }): JSX.Element {\n  const [sel, setSel] = useState<number | null>(null);\n  return (\n    <ul className=\"list\">\n      {items.map((i) => (\n        <li key={i.id} onClick={() => setSel(i.id)}>\n          {i.name} isn't {sel === i.id ? 'selected' : \"free\"}\n        </li>\n      ))}\n    </ul>\n  );\n}\n\n", title(w), title(w))
			} else {
				fmt.Fprintf(&b, "function sum%s(values: number[]): number {\n  let total = 0;\n  for (const v of values) {\n    total += v > 10 ? v * 2 : Math.max(v, 0);\n  }\n  return total / values.length;\n}\n\n", title(w))
			}
		}
	}
	return []byte(b.String())
}

// BenchmarkParseCorpus parses all 15,000 generated files on one core; ns/op
// is the time for the whole repository.
func BenchmarkParseCorpus(b *testing.B) {
	files, size := benchCorpus()
	b.SetBytes(size)
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, f := range files {
			if _, err := Parse(f.path, f.src); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportCPU(b, cpu, size)
}

// BenchmarkParseCorpusParallel parses the 15,000 files on all cores
// (GOMAXPROCS workers), as a scan would; ns/op is the wall time for the
// whole repository.
func BenchmarkParseCorpusParallel(b *testing.B) {
	files, size := benchCorpus()
	b.SetBytes(size)
	workers := runtime.GOMAXPROCS(0)
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for k := w; k < len(files); k += workers {
					if _, err := Parse(files[k].path, files[k].src); err != nil {
						b.Error(err)
					}
				}
			}(w)
		}
		wg.Wait()
	}
	reportCPU(b, cpu, size)
}

// reportCPU adds the CPU time per op and the throughput per CPU second,
// which stay meaningful when other processes share the cores.
func reportCPU(b *testing.B, start, size int64) {
	if start == 0 {
		return
	}
	ns := float64(cpuTime()-start) / float64(b.N)
	b.ReportMetric(ns/1e6, "cpu-ms/op")
	if ns > 0 {
		b.ReportMetric(float64(size)/1e6/(ns/1e9), "cpu-MB/s")
	}
}

func benchTokenize(b *testing.B, py bool) {
	files, _ := benchCorpus()
	var size int64
	var sel [][]byte
	for _, f := range files {
		if strings.HasSuffix(f.path, ".py") == py {
			sel = append(sel, f.src)
			size += int64(len(f.src))
		}
	}
	b.SetBytes(size)
	b.ResetTimer()
	pt, jt := NewPyTokenizer(nil), NewJSTokenizer(nil, false)
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, src := range sel {
			if py {
				pt.Reset(src)
				for pt.Next().Kind != EOF {
				}
			} else {
				jt.Reset(src, true)
				for jt.Next().Kind != EOF {
				}
			}
		}
	}
	reportCPU(b, cpu, size)
}

func benchParse(b *testing.B, py bool) {
	files, _ := benchCorpus()
	var size int64
	var sel []corpusFile
	for _, f := range files {
		if strings.HasSuffix(f.path, ".py") == py {
			sel = append(sel, f)
			size += int64(len(f.src))
		}
	}
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, f := range sel {
			if py {
				ParsePython(f.src, PyOptions{Module: "app.mod"})
			} else {
				ParseJS(f.src, JSOptions{TypeScript: true, JSX: strings.HasSuffix(f.path, ".tsx")})
			}
		}
	}
	reportCPU(b, cpu, size)
}

// BenchmarkParsePython parses the corpus's Python files (5,000).
func BenchmarkParsePython(b *testing.B) { benchParse(b, true) }

// BenchmarkParseJS parses the corpus's TypeScript files (10,000).
func BenchmarkParseJS(b *testing.B) { benchParse(b, false) }

// BenchmarkTokenizeSlices gets each corpus file's tokens as a slice of its
// own (TokenizePython, TokenizeJS), as callers that keep them do.
func BenchmarkTokenizeSlices(b *testing.B) {
	files, size := benchCorpus()
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range files {
			if strings.HasSuffix(f.path, ".py") {
				TokenizePython(f.src)
			} else {
				TokenizeJS(f.src, true)
			}
		}
	}
}

// BenchmarkTokenizePython tokenizes the corpus's Python files.
func BenchmarkTokenizePython(b *testing.B) { benchTokenize(b, true) }

// BenchmarkTokenizeJS tokenizes the corpus's TypeScript files.
func BenchmarkTokenizeJS(b *testing.B) { benchTokenize(b, false) }

func TestCorpusParses(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	var files []corpusFile
	var size int64
	for i := 0; i < 300; i++ {
		f := corpusFile{"a.py", genPython(r, i)}
		if i%2 == 1 {
			f = corpusFile{"a.tsx", genTS(r, i, true)}
		}
		files = append(files, f)
		size += int64(len(f.src))
	}
	if avg := size / int64(len(files)); avg < 3500 || avg > 5000 {
		t.Errorf("average file size %d, want about 4 KB", avg)
	}
	// spot-check that the generated sources are read as intended
	for _, f := range files[:4] {
		pf, _ := Parse(f.path, f.src)
		if len(pf.Functions) == 0 || len(pf.Imports) < 3 {
			t.Errorf("%s: %d functions, %d imports", f.path, len(pf.Functions), len(pf.Imports))
		}
		for _, fn := range pf.Functions {
			for _, c := range fn.Calls {
				if strings.Contains(c.Callee, "remove") || c.Callee == "fetch the" {
					t.Errorf("%s: call %q from a comment", f.path, c.Callee)
				}
			}
		}
	}
}
