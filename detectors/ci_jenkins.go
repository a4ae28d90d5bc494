package detectors

import "strings"

// groovyToken is a token of a Jenkinsfile: a name, a string literal's
// value, or one punctuation character.
type groovyToken struct {
	kind byte // 'n' name, 's' string, 'p' punctuation
	text string
	line int
}

// groovyTokens tokenises Groovy well enough for pipelines: single, double
// and triple-quoted strings (escapes resolved, ${} kept as written), line
// and block comments skipped.
func groovyTokens(src string) []groovyToken {
	var toks []groovyToken
	line := 1
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\n':
			line++
			i++
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case strings.HasPrefix(src[i:], "//"):
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case strings.HasPrefix(src[i:], "/*"):
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				end = len(src) - i - 2
			}
			line += strings.Count(src[i:i+2+end], "\n")
			i += end + 4
		case c == '\'' || c == '"':
			triple := strings.HasPrefix(src[i:], strings.Repeat(string(c), 3))
			k := i + 1
			if triple {
				k = i + 3
			}
			start := line
			var b strings.Builder
			for k < len(src) {
				if src[k] == '\\' && k+1 < len(src) {
					switch src[k+1] {
					case 'n':
						b.WriteByte('\n')
					case 't':
						b.WriteByte('\t')
					case '\n':
						line++
					default:
						b.WriteByte(src[k+1])
					}
					k += 2
					continue
				}
				if triple && strings.HasPrefix(src[k:], strings.Repeat(string(c), 3)) {
					k += 3
					break
				}
				if !triple && src[k] == c {
					k++
					break
				}
				if src[k] == '\n' {
					line++
				}
				b.WriteByte(src[k])
				k++
			}
			toks = append(toks, groovyToken{kind: 's', text: b.String(), line: start})
			i = k
		case c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := i
			for j < len(src) && (src[j] == '_' || src[j] == '$' || src[j] >= 'a' && src[j] <= 'z' || src[j] >= 'A' && src[j] <= 'Z' || src[j] >= '0' && src[j] <= '9') {
				j++
			}
			toks = append(toks, groovyToken{kind: 'n', text: src[i:j], line: line})
			i = j
		default:
			toks = append(toks, groovyToken{kind: 'p', text: string(c), line: line})
			i++
		}
	}
	return toks
}

// jenkinsJobs reads a Jenkinsfile (declarative or scripted): each stage
// with the sh/bat/powershell commands inside it; commands outside any stage
// form one job named after the file.
func jenkinsJobs(p string, data []byte) []ciJob {
	toks := groovyTokens(string(data))
	type frame struct {
		job   int
		depth int
		dir   string // set by dir('x') { ... }
	}
	var jobs []ciJob
	var stack []frame
	outside := -1
	depth := 0
	pendingStage := -1 // a stage('x') waiting for its opening brace
	pendingDir := ""   // a dir('x') waiting for its opening brace
	cwd := func() string {
		for k := len(stack) - 1; k >= 0; k-- {
			if stack[k].dir != "" {
				return stack[k].dir
			}
		}
		return ""
	}
	curJob := func() int {
		for k := len(stack) - 1; k >= 0; k-- {
			if stack[k].job >= 0 {
				return stack[k].job
			}
		}
		return -1
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t.kind == 'p' && t.text == "{":
			depth++
			if pendingStage >= 0 {
				stack = append(stack, frame{job: pendingStage, depth: depth})
				pendingStage = -1
			} else if pendingDir != "" {
				stack = append(stack, frame{job: -1, depth: depth, dir: pendingDir})
				pendingDir = ""
			}
		case t.kind == 'n' && t.text == "dir" && i+3 < len(toks) && toks[i+1].text == "(" && toks[i+2].kind == 's' && toks[i+3].text == ")":
			if p := joinPath(cwdOr(cwd()), toks[i+2].text); p != "" {
				pendingDir = p
			}
			i += 3
		case t.kind == 'p' && t.text == "}":
			if len(stack) > 0 && stack[len(stack)-1].depth == depth {
				stack = stack[:len(stack)-1]
			}
			depth--
		case t.kind == 'n' && t.text == "stage" && i+3 < len(toks) && toks[i+1].text == "(" && toks[i+2].kind == 's':
			jobs = append(jobs, ciJob{provider: "jenkins", name: toks[i+2].text, path: p, line: t.line})
			pendingStage = len(jobs) - 1
			i += 2
		case t.kind == 'n' && (t.text == "sh" || t.text == "bat" || t.text == "powershell" || t.text == "pwsh"):
			cmd, next := jenkinsStepArg(toks, i+1, t.line)
			if cmd == "" {
				continue
			}
			i = next - 1
			target := curJob()
			if target < 0 {
				target = outside
			}
			if target < 0 {
				jobs = append(jobs, ciJob{provider: "jenkins", name: "Jenkinsfile", path: p, line: t.line})
				outside = len(jobs) - 1
				target = outside
			}
			jobs[target].runs = append(jobs[target].runs, ciRun{cmd: dedent(cmd), dir: cwd()})
		}
	}
	// Stages that only group other stages (or run nothing) are not jobs.
	var out []ciJob
	for _, j := range jobs {
		if len(j.runs) > 0 {
			out = append(out, j)
		}
	}
	return out
}

// jenkinsStepArg reads the script of sh 'x', sh('x'), sh(script: 'x', ...)
// or sh script: 'x'; it returns the script and the index after what it read.
func jenkinsStepArg(toks []groovyToken, i, line int) (string, int) {
	paren := i < len(toks) && toks[i].text == "("
	if paren {
		i++
	}
	for k := i; k < len(toks) && k < i+16; k++ {
		t := toks[k]
		if !paren && t.line != line {
			return "", k
		}
		switch {
		case t.kind == 's' && k == i:
			return t.text, k + 1
		case t.kind == 'n' && t.text == "script" && k+2 < len(toks) && toks[k+1].text == ":" && toks[k+2].kind == 's':
			return toks[k+2].text, k + 3
		case t.kind == 'p' && t.text == ")":
			return "", k + 1
		case t.kind == 'p' && (t.text == "{" || t.text == "}"):
			return "", k
		}
	}
	return "", i
}

// dedent removes the indentation common to a multi-line script's lines.
func dedent(s string) string {
	lines := strings.Split(strings.Trim(s, "\n"), "\n")
	prefix := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if prefix < 0 || n < prefix {
			prefix = n
		}
	}
	if prefix <= 0 {
		return strings.TrimSpace(s)
	}
	for i, l := range lines {
		if len(l) >= prefix {
			lines[i] = l[prefix:]
		}
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

func cwdOr(dir string) string {
	if dir == "" {
		return "."
	}
	return dir
}
