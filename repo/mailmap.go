package repo

import (
	"strings"
)

// mailmap maps the identities recorded in commits to canonical ones, as
// git's .mailmap does. Lines take one of these forms:
//
//	Proper Name <commit@e>
//	<proper@e> <commit@e>
//	Proper Name <proper@e> <commit@e>
//	Proper Name <proper@e> Commit Name <commit@e>
//
// E-mails and names are matched without regard to case. Lines that fit none
// of the forms are ignored, as git ignores them.
type mailmap struct {
	byEmail     map[string]identity // commit e-mail → proper identity
	byEmailName map[[2]string]identity
}

// identity is a name and an e-mail; either may be empty in a mailmap value,
// meaning "keep the one from the commit".
type identity struct {
	Name  string
	Email string
}

func parseMailmap(text string) *mailmap {
	m := &mailmap{byEmail: map[string]identity{}, byEmailName: map[[2]string]identity{}}
	for line := range strings.SplitSeq(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		name1, email1, rest, ok := cutNameEmail(line)
		if !ok {
			continue
		}
		name2, email2, _, ok2 := cutNameEmail(rest)
		if !ok2 {
			// "Proper Name <commit@e>": only the name is mapped.
			if name1 == "" {
				continue
			}
			m.add(email1, "", identity{Name: name1})
			continue
		}
		m.add(email2, name2, identity{Name: name1, Email: email1})
	}
	return m
}

func (m *mailmap) add(commitEmail, commitName string, proper identity) {
	key := strings.ToLower(commitEmail)
	if commitName == "" {
		old := m.byEmail[key]
		// Later lines fill in what earlier ones left out, as in git.
		if proper.Name == "" {
			proper.Name = old.Name
		}
		if proper.Email == "" {
			proper.Email = old.Email
		}
		m.byEmail[key] = proper
		return
	}
	m.byEmailName[[2]string{key, strings.ToLower(commitName)}] = proper
}

// cutNameEmail reads "Name <email>" from the start of s and returns the
// trimmed name, the e-mail and what follows the closing bracket.
func cutNameEmail(s string) (name, email, rest string, ok bool) {
	lt := strings.IndexByte(s, '<')
	if lt < 0 {
		return "", "", "", false
	}
	gt := strings.IndexByte(s[lt+1:], '>')
	if gt < 0 {
		return "", "", "", false
	}
	name = strings.TrimSpace(s[:lt])
	email = strings.TrimSpace(s[lt+1 : lt+1+gt])
	rest = s[lt+1+gt+1:]
	if strings.HasPrefix(name, "#") || strings.ContainsRune(name, '>') || strings.ContainsRune(email, '<') {
		return "", "", "", false
	}
	return name, email, rest, true
}

// lookup returns the canonical identity for a commit's name and e-mail.
func (m *mailmap) lookup(name, email string) identity {
	out := identity{Name: name, Email: email}
	if m == nil {
		return out
	}
	key := strings.ToLower(email)
	p, ok := m.byEmailName[[2]string{key, strings.ToLower(name)}]
	if !ok {
		p, ok = m.byEmail[key]
	}
	if !ok {
		return out
	}
	if p.Name != "" {
		out.Name = p.Name
	}
	if p.Email != "" {
		out.Email = p.Email
	}
	return out
}
