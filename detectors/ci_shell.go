package detectors

import "strings"

// shellCommands splits a shell script into its simple commands, each a list
// of words with quotes removed. It reads the script the way a shell would
// tokenise it, not by pattern: quoted text never splits or separates,
// comments are dropped, `&&`, `||`, `;`, `|`, `&`, newlines and parentheses
// separate commands, backslash-newline continues a line, redirections and
// their targets are dropped, and heredoc bodies are skipped. Command
// substitutions ($(...), backticks) stay inside their word, unexpanded.
func shellCommands(script string) [][]string {
	var (
		cmds     [][]string
		cur      []string
		word     strings.Builder
		inWord   bool
		dropNext bool
		heredocs []string
	)
	flushWord := func() {
		if !inWord {
			return
		}
		w := word.String()
		word.Reset()
		inWord = false
		if dropNext {
			dropNext = false
			return
		}
		cur = append(cur, w)
	}
	flushCmd := func() {
		flushWord()
		dropNext = false
		if c := cleanCommand(cur); len(c) > 0 {
			cmds = append(cmds, c)
		}
		cur = nil
	}
	s := script
	n := len(s)
	for i := 0; i < n; i++ {
		c := s[i]
		switch {
		case c == '\\':
			if i+1 < n {
				if s[i+1] == '\n' {
					i++
					continue
				}
				if s[i+1] == '\r' && i+2 < n && s[i+2] == '\n' {
					i += 2
					continue
				}
				word.WriteByte(s[i+1])
				inWord = true
				i++
			}
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				j = n - i - 1
			}
			word.WriteString(s[i+1 : i+1+j])
			inWord = true
			i += j + 1
		case c == '"':
			inWord = true
			i++
			for ; i < n && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < n && strings.IndexByte("\"\\$`\n", s[i+1]) >= 0 {
					i++
					if s[i] == '\n' {
						continue
					}
				}
				word.WriteByte(s[i])
			}
		case c == '`':
			end := n
			if j := strings.IndexByte(s[i+1:], '`'); j >= 0 {
				end = i + 1 + j + 1
			}
			word.WriteString(s[i:end])
			inWord = true
			i = end - 1
		case c == '$' && i+1 < n && (s[i+1] == '(' || s[i+1] == '{'):
			open, closeCh := s[i+1], byte(')')
			if open == '{' {
				closeCh = '}'
			}
			depth, j := 0, i+1
			for ; j < n; j++ {
				if s[j] == open {
					depth++
				} else if s[j] == closeCh {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			if j >= n {
				j = n - 1
			}
			word.WriteString(s[i : j+1])
			inWord = true
			i = j
		case c == '#' && !inWord:
			for i < n && s[i] != '\n' {
				i++
			}
			i-- // let the newline separate
		case c == '\n':
			flushCmd()
			for len(heredocs) > 0 {
				// Skip the heredoc body up to its delimiter line.
				delim := heredocs[0]
				heredocs = heredocs[1:]
				for i+1 < n {
					end := strings.IndexByte(s[i+1:], '\n')
					var line string
					if end < 0 {
						line, end = s[i+1:], n-i-1
					} else {
						line = s[i+1 : i+1+end]
					}
					i += end + 1
					if strings.TrimSpace(line) == delim {
						break
					}
				}
			}
		case c == ';' || c == '(' || c == ')':
			flushCmd()
		case c == '|':
			flushCmd()
			if i+1 < n && s[i+1] == '|' {
				i++
			}
		case c == '&':
			if i+1 < n && s[i+1] == '&' {
				flushCmd()
				i++
			} else if i+1 < n && s[i+1] == '>' {
				flushWord()
				i++
				for i+1 < n && s[i+1] == '>' {
					i++
				}
				dropNext = true
			} else {
				flushCmd()
			}
		case c == '>' || c == '<':
			if isDigits(word.String()) && inWord {
				word.Reset()
				inWord = false
			}
			flushWord()
			if c == '<' && i+1 < n && s[i+1] == '<' {
				// heredoc: <<EOF, <<-EOF, <<'EOF'; a here-string <<< is a word.
				i++
				if i+1 < n && s[i+1] == '<' {
					i++
					dropNext = true
					continue
				}
				if i+1 < n && s[i+1] == '-' {
					i++
				}
				for i+1 < n && s[i+1] == ' ' {
					i++
				}
				j := i + 1
				for j < n && !strings.ContainsRune(" \t\n;&|<>()", rune(s[j])) {
					j++
				}
				if d := strings.Trim(s[i+1:j], `'"`); d != "" {
					heredocs = append(heredocs, d)
				}
				i = j - 1
				continue
			}
			for i+1 < n && (s[i+1] == '>' || s[i+1] == '&' || s[i+1] == '|') {
				i++
			}
			dropNext = true
			// `>&2`, `2>&1`: the target is attached.
		case c == ' ' || c == '\t' || c == '\r':
			flushWord()
		default:
			word.WriteByte(c)
			inWord = true
		}
	}
	flushCmd()
	return cmds
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// shellKeywords lead a command without being one.
var shellKeywords = map[string]bool{
	"if": true, "then": true, "else": true, "elif": true, "do": true, "while": true,
	"until": true, "!": true, "{": true, "}": true,
}

// cleanCommand drops leading keywords and variable assignments, and whole
// constructs that run nothing by themselves (fi, done, for headers).
func cleanCommand(words []string) []string {
	for len(words) > 0 {
		w := words[0]
		if shellKeywords[w] {
			words = words[1:]
			continue
		}
		if isAssignment(w) {
			words = words[1:]
			continue
		}
		break
	}
	if len(words) == 0 {
		return nil
	}
	switch words[0] {
	case "fi", "done", "esac", "for", "case", "function", "in", "select":
		return nil
	}
	for len(words) > 0 && words[len(words)-1] == "}" {
		words = words[:len(words)-1]
	}
	return words
}

// isAssignment reports whether w is NAME=value.
func isAssignment(w string) bool {
	eq := strings.IndexByte(w, '=')
	if eq <= 0 {
		return false
	}
	for i := 0; i < eq; i++ {
		c := w[i]
		if !(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
