package analyzers

import (
	"fmt"
	"sort"
	"strings"

	"github.com/stackaudit/stackaudit/stack"
	"github.com/stackaudit/stackaudit/syntax"
)

// HeavyWorkWithoutQueue reports e-mail sending, PDF and image generation,
// spreadsheet exports and fan-out to outside HTTP APIs done inside request
// handlers of a unit that has no background job queue.
var HeavyWorkWithoutQueue = register(&Analyzer{
	Code:     "SA504",
	Name:     "heavy-work-without-queue",
	Category: Runtime,
	Level:    Note,
	Summary:  "E-mail, PDF, image or export work is done inside request handlers of a unit with no background queue",
	Tags:     []string{"runtime", "reliability", "performance", "queue"},
	Options: []Option{
		{Name: "min-http-calls", Default: 3, Doc: "report a handler that makes at least this many outgoing HTTP calls (fan-out)"},
	},
	Run: runHeavyWorkWithoutQueue,
})

// heavyKind is a kind of slow work and what it costs in a request.
type heavyKind struct {
	id   string
	what string
	cost string
}

var (
	heavyEmail  = heavyKind{"email", "sends e-mail", "the user waits on the mail provider, and when it is slow or down the request fails and the message is lost with no retry"}
	heavyPDF    = heavyKind{"pdf", "generates a PDF", "rendering takes seconds of CPU and memory per request, so a handful of concurrent requests saturate the workers"}
	heavyImage  = heavyKind{"image", "processes an image", "decoding and resizing take CPU and memory per request, so a burst of uploads saturates the workers"}
	heavyExport = heavyKind{"export", "builds a spreadsheet export", "building a large workbook in the request holds a worker (and often a database connection) for as long as it takes, and long exports hit the proxy's timeout"}
	heavyFanOut = heavyKind{"fan-out", "makes outgoing HTTP calls", "the response waits for all of them, and any slow or failing API slows or fails the request"}
)

// pythonQueues are the packages that give a Python unit a background queue.
var pythonQueues = map[string]bool{
	"celery": true, "rq": true, "dramatiq": true, "huey": true, "arq": true, "django-q": true, "django-q2": true,
	"django-rq": true, "flask-rq2": true, "taskiq": true, "procrastinate": true, "django-background-tasks": true,
	"django-celery-email": true, "django-mailer": true, "django-post-office": true, "saq": true,
	"pika": true, "aio-pika": true, "kombu": true,
}

// nodeQueues are the packages that give a Node unit a background queue.
var nodeQueues = map[string]bool{
	"bullmq": true, "bull": true, "bee-queue": true, "agenda": true, "kue": true, "pg-boss": true,
	"graphile-worker": true, "@nestjs/bull": true, "@nestjs/bullmq": true, "inngest": true, "@trigger.dev/sdk": true,
	"@temporalio/client": true, "@quirrel/next": true, "@upstash/qstash": true,
	"amqplib": true, "amqp-connection-manager": true,
}

// pyHeavy maps fully qualified Python callees to the work they do.
var pyHeavy = map[string]heavyKind{
	"django.core.mail.send_mail": heavyEmail, "django.core.mail.send_mass_mail": heavyEmail,
	"django.core.mail.EmailMessage": heavyEmail, "django.core.mail.EmailMultiAlternatives": heavyEmail,
	"smtplib.SMTP": heavyEmail, "smtplib.SMTP_SSL": heavyEmail, "yagmail.SMTP": heavyEmail,
	"sendgrid.SendGridAPIClient": heavyEmail, "resend.Emails.send": heavyEmail,
	"weasyprint.HTML": heavyPDF, "pdfkit.from_string": heavyPDF, "pdfkit.from_url": heavyPDF, "pdfkit.from_file": heavyPDF,
	"xhtml2pdf.pisa.CreatePDF": heavyPDF, "reportlab.pdfgen.canvas.Canvas": heavyPDF,
	"reportlab.platypus.SimpleDocTemplate": heavyPDF, "fpdf.FPDF": heavyPDF,
	"PIL.Image.open": heavyImage, "PIL.Image.new": heavyImage,
	"openpyxl.Workbook": heavyExport, "xlsxwriter.Workbook": heavyExport,
}

// pyHTTP are the Python callees that make an outgoing HTTP request.
var pyHTTP = map[string]bool{
	"requests.get": true, "requests.post": true, "requests.put": true, "requests.patch": true,
	"requests.delete": true, "requests.request": true, "httpx.get": true, "httpx.post": true,
	"httpx.put": true, "httpx.patch": true, "httpx.delete": true, "httpx.request": true,
	"urllib.request.urlopen": true,
}

func runHeavyWorkWithoutQueue(p *Pass) {
	minHTTP := p.Int("min-http-calls")
	seen := map[string]bool{}
	for _, u := range p.Inventory.Units {
		if hasQueue(u) || !hasWebComponent(u) {
			continue
		}
		switch u.Ecosystem {
		case stack.Python:
			for _, h := range pythonHandlers(p, u) {
				hits := pyHeavyCalls(h)
				name := h.fn.QualName
				reportHeavy(p, u, h.file, "`"+name+"`"+h.route, name, hits, minHTTP, seen)
			}
		case stack.Node:
			for _, h := range nodeHandlers(p, u) {
				hits := nodeHeavyCalls(h)
				route := ""
				if h.route != "" {
					route = " for " + h.route
				}
				reportHeavy(p, u, h.file, route, h.route+" "+h.fn.QualName, hits, minHTTP, seen)
			}
		}
	}
}

// hasQueue reports a unit with a background job queue.
func hasQueue(u *stack.Unit) bool {
	for _, c := range u.Components {
		if c.Category == stack.Queue {
			return true
		}
	}
	for _, d := range u.Dependencies {
		if pythonQueues[d.Name] && u.Ecosystem == stack.Python || nodeQueues[d.Name] && u.Ecosystem == stack.Node {
			return true
		}
	}
	return false
}

func hasWebComponent(u *stack.Unit) bool {
	for _, c := range u.Components {
		if c.Category == stack.Web {
			return true
		}
	}
	return false
}

// heavyHit is one heavy call reached from a handler.
type heavyHit struct {
	kind heavyKind
	rc   reachedCall
}

// reportHeavy reports a handler's heavy calls, one finding a call, and one
// finding for fan-out when it makes min or more outgoing HTTP calls.
func reportHeavy(p *Pass, u *stack.Unit, file, handler, key string, hits []heavyHit, min int, seen map[string]bool) {
	var http []heavyHit
	for _, hit := range hits {
		if hit.kind.id == heavyFanOut.id {
			http = append(http, hit)
			continue
		}
		c := hit.rc.call
		k := fmt.Sprintf("%s:%d:%s", file, c.Line, c.Callee)
		if seen[k] {
			continue
		}
		seen[k] = true
		where := "the request handler " + handler
		if handler == "" || handler[0] == ' ' {
			where = "the request handler" + handler
		}
		var related []Location
		if hit.rc.via != nil {
			where = fmt.Sprintf("`%s`, which %s calls on line %d", hit.rc.in.Name, where, hit.rc.via.Line)
			related = append(related, Location{Path: file, Line: hit.rc.via.Line, Message: "the handler calls " + hit.rc.in.Name + " here"})
		}
		callee := c.Callee
		if c.New {
			callee = "new " + callee
		}
		p.Report(Finding{
			Location: Location{Path: file, Line: c.Line},
			Key:      []string{key, hit.kind.id, c.Callee},
			Related:  related,
			Message: fmt.Sprintf("%s:%d: `%s(…)` %s inside %s, and no background queue is declared in %s; %s; %s",
				file, c.Line, callee, hit.kind.what, where, primaryManifest(u), hit.kind.cost, queueAdvice(u)),
		})
	}
	if min <= 0 || len(http) < min {
		return
	}
	sort.SliceStable(http, func(i, j int) bool { return http[i].rc.call.Line < http[j].rc.call.Line })
	first := http[0].rc.call
	k := fmt.Sprintf("%s:%d:fan-out", file, first.Line)
	if seen[k] {
		return
	}
	seen[k] = true
	var lines []string
	var related []Location
	for _, h := range http {
		lines = append(lines, fmt.Sprint(h.rc.call.Line))
		if len(related) < 10 {
			related = append(related, Location{Path: file, Line: h.rc.call.Line, Message: "outgoing HTTP call " + h.rc.call.Callee})
		}
	}
	where := "the request handler " + handler
	if handler == "" || handler[0] == ' ' {
		where = "the request handler" + handler
	}
	p.Report(Finding{
		Location: Location{Path: file, Line: first.Line},
		Key:      []string{key, heavyFanOut.id},
		Related:  related,
		Message: fmt.Sprintf("%s:%d: %s makes %d outgoing HTTP calls (lines %s), and no background queue is declared in %s; %s; %s",
			file, first.Line, where, len(http), strings.Join(lines, ", "), primaryManifest(u), heavyFanOut.cost, queueAdvice(u)),
	})
}

// queueAdvice names the queues that fit the unit.
func queueAdvice(u *stack.Unit) string {
	if u.Ecosystem == stack.Node {
		return "put the work on a queue (BullMQ with Redis, or pg-boss with Postgres), answer with 202 and a job id, and let a worker do it with retries"
	}
	advice := "put the work on a queue (Celery, RQ, Dramatiq or Huey; arq for asyncio), answer at once, and let a worker do it with retries"
	if hasComponent(u, "fastapi") || hasComponent(u, "starlette") {
		advice += " (FastAPI's BackgroundTasks moves light work after the response, without retries)"
	}
	return advice
}

// pyHeavyCalls lists the heavy calls a Python handler reaches.
func pyHeavyCalls(h pyHandler) []heavyHit {
	var out []heavyHit
	for _, rc := range h.reachedCalls() {
		if k, ok := pyHeavyCall(rc.call, h.names); ok {
			out = append(out, heavyHit{k, rc})
		}
	}
	return dedupeByLine(out)
}

// pyHeavyCall tells what heavy work a Python call does, if any; names are
// the file's import bindings (pyBindings).
func pyHeavyCall(c syntax.Call, names map[string]string) (heavyKind, bool) {
	imported := func(m string) bool {
		for _, v := range names {
			if v == m || len(v) > len(m) && v[len(m)] == '.' && strings.HasPrefix(v, m) {
				return true
			}
		}
		return false
	}
	first, rest, dotted := strings.Cut(c.Callee, ".")
	full := ""
	if m, ok := names[first]; ok {
		full = m
		if dotted {
			full += "." + rest
		}
	}
	last := c.Callee[strings.LastIndex(c.Callee, ".")+1:]
	base, _, _ := strings.Cut(full, "()") // django.core.mail.EmailMessage().send → the class
	switch {
	case full != "" && pyHTTP[full]:
		return heavyFanOut, true
	case full != "" && pyHeavy[full] != (heavyKind{}):
		return pyHeavy[full], true
	case full != "" && strings.Contains(full, "()") && pyHeavy[base] != (heavyKind{}):
		// Constructed and used in one expression: counted at the class.
		return heavyKind{}, false
	case last == "write_pdf" && imported("weasyprint"):
		return heavyPDF, true
	case last == "to_excel" && imported("pandas"):
		return heavyExport, true
	case (last == "send_email" || last == "send_raw_email") && imported("boto3"):
		return heavyEmail, true
	case last == "send_message" && imported("fastapi_mail"):
		return heavyEmail, true
	case last == "send" && first == "mail" && (imported("flask_mail") || imported("flask_mailman")):
		return heavyEmail, true
	}
	return heavyKind{}, false
}

// nodeHeavyCalls lists the heavy calls a Node handler reaches.
func nodeHeavyCalls(h nodeHandler) []heavyHit {
	im := jsImportSet(h.f)
	var out []heavyHit
	for _, rc := range h.reachedCalls() {
		if k, ok := nodeHeavyCall(rc.call, im); ok {
			out = append(out, heavyHit{k, rc})
		}
	}
	return dedupeByLine(out)
}

// nodeHeavyCall tells what heavy work a JavaScript call does, if any; im
// is the file's imports (jsImportSet).
func nodeHeavyCall(c syntax.Call, im jsImports) (heavyKind, bool) {
	first, _, dotted := strings.Cut(c.Callee, ".")
	last := c.Callee[strings.LastIndex(c.Callee, ".")+1:]
	mod := im.locals[first]
	switch {
	case !dotted && !c.New && (c.Callee == "fetch" || mod == "axios" || mod == "got" || mod == "node-fetch" || mod == "undici" && c.Callee == "request"):
		return heavyFanOut, true
	case dotted && !c.New && (mod == "axios" || first == "axios" && im.modules["axios"] || mod == "got" || first == "got" && im.modules["got"]) &&
		map[string]bool{"get": true, "post": true, "put": true, "patch": true, "delete": true, "request": true}[last]:
		return heavyFanOut, true
	case last == "sendMail" && im.modules["nodemailer"]:
		return heavyEmail, true
	case (last == "send" || last == "sendMultiple") && (mod == "@sendgrid/mail" || first == "sgMail" && im.modules["@sendgrid/mail"]):
		return heavyEmail, true
	case strings.HasSuffix(c.Callee, "emails.send") && im.modules["resend"]:
		return heavyEmail, true
	case (last == "sendEmail" || last == "sendEmailWithTemplate") && im.modules["postmark"]:
		return heavyEmail, true
	case strings.HasSuffix(c.Callee, "messages.create") && (im.modules["mailgun.js"] || im.modules["mailgun-js"]):
		return heavyEmail, true
	case c.New && (last == "SendEmailCommand" || last == "SendRawEmailCommand") && (im.modules["@aws-sdk/client-ses"] || im.modules["@aws-sdk/client-sesv2"]):
		return heavyEmail, true
	case (last == "renderToBuffer" || last == "renderToStream" || last == "renderToFile") && im.modules["@react-pdf/renderer"]:
		return heavyPDF, true
	case last == "createPdfKitDocument" || last == "create" && mod == "html-pdf":
		return heavyPDF, true
	case c.New && last == "Workbook" && im.modules["exceljs"]:
		return heavyExport, true
	case (last == "write" || last == "writeFile" || last == "writeBuffer") && (mod == "xlsx" || first == "XLSX" && im.modules["xlsx"]):
		return heavyExport, true
	}
	if w, ok := cpuCall(c, im); ok {
		switch w.modules[0] {
		case "pdfkit", "puppeteer":
			return heavyPDF, true
		case "sharp", "jimp", "canvas":
			return heavyImage, true
		}
	}
	return heavyKind{}, false
}

// dedupeByLine keeps one hit of a kind a line (a chain such as
// Image.open(f).resize(...) is one piece of work).
func dedupeByLine(hits []heavyHit) []heavyHit {
	type key struct {
		line int
		kind string
		in   *syntax.Function
	}
	seen := map[key]bool{}
	out := hits[:0]
	for _, h := range hits {
		k := key{h.rc.call.Line, h.kind.id, h.rc.in}
		if h.kind.id != heavyFanOut.id && seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, h)
	}
	return out
}
