package report

import (
	"strings"
	"testing"
)

// A rule that could not judge a file is not a file that could not be read.
func TestTextRuleNotice(t *testing.T) {
	res := fakeResult()
	res.Notifications = []Notification{{Path: "docker-compose.yml", Level: "note",
		Message: "SA401 premature-microservices: 6 services are built from this repository, but the target is not a git repository"}}
	got := textOf(t, res, false)
	for _, want := range []string{
		"could not judge: docker-compose.yml: SA401 premature-microservices: 6 services",
		" · 1 rule could not judge\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("text output lacks %q\n%s", want, got)
		}
	}
	if strings.Contains(got, "could not be read") {
		t.Errorf("a rule's notice counted as an unreadable file:\n%s", got)
	}
}
