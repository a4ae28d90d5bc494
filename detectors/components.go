package detectors

import "github.com/stackaudit/stackaudit/stack"

// componentKind is the canonical id and category of a package of note.
type componentKind struct {
	id       string
	category string
}

// nodeComponents maps npm package names to canonical components. Meta
// packages of a framework (@nestjs/core, next) map to the framework.
var nodeComponents = map[string]componentKind{
	"express":                   {"express", stack.Web},
	"@nestjs/core":              {"nestjs", stack.Web},
	"fastify":                   {"fastify", stack.Web},
	"next":                      {"nextjs", stack.Web},
	"koa":                       {"koa", stack.Web},
	"@hapi/hapi":                {"hapi", stack.Web},
	"hapi":                      {"hapi", stack.Web},
	"@sveltejs/kit":             {"sveltekit", stack.Web},
	"nuxt":                      {"nuxt", stack.Web},
	"@remix-run/node":           {"remix", stack.Web},
	"@remix-run/server-runtime": {"remix", stack.Web},
	"hono":                      {"hono", stack.Web},
	"elysia":                    {"elysia", stack.Web},
	"@adonisjs/core":            {"adonisjs", stack.Web},
	"bullmq":                    {"bullmq", stack.Queue},
	"bull":                      {"bull", stack.Queue},
	"agenda":                    {"agenda", stack.Queue},
	"bee-queue":                 {"bee-queue", stack.Queue},
	"pg-boss":                   {"pg-boss", stack.Queue},
	"graphile-worker":           {"graphile-worker", stack.Queue},
	"@tensorflow/tfjs":          {"tensorflowjs", stack.Data},
	"@tensorflow/tfjs-node":     {"tensorflowjs", stack.Data},
	"danfojs":                   {"danfojs", stack.Data},
	"danfojs-node":              {"danfojs", stack.Data},
	"socket.io":                 {"socket.io", stack.Realtime},
	"ws":                        {"ws", stack.Realtime},
	"yjs":                       {"yjs", stack.Realtime},
	// Third-party services reached through their SDKs: what a migration
	// has to carry along (the Markdown report's rewrite-readiness figures).
	"stripe":                      {"stripe", stack.Integration},
	"@paddle/paddle-node-sdk":     {"paddle", stack.Integration},
	"braintree":                   {"braintree", stack.Integration},
	"@paypal/checkout-server-sdk": {"paypal", stack.Integration},
	"@paypal/paypal-server-sdk":   {"paypal", stack.Integration},
	"@adyen/api-library":          {"adyen", stack.Integration},
	"plaid":                       {"plaid", stack.Integration},
	"twilio":                      {"twilio", stack.Integration},
	"@vonage/server-sdk":          {"vonage", stack.Integration},
	"@sendgrid/mail":              {"sendgrid", stack.Integration},
	"mailgun.js":                  {"mailgun", stack.Integration},
	"postmark":                    {"postmark", stack.Integration},
	"resend":                      {"resend", stack.Integration},
	// Schedulers and scrapers: the automation a product runs besides
	// serving requests.
	"node-cron":      {"node-cron", stack.Automation},
	"cron":           {"cron", stack.Automation},
	"node-schedule":  {"node-schedule", stack.Automation},
	"croner":         {"croner", stack.Automation},
	"toad-scheduler": {"toad-scheduler", stack.Automation},
	"puppeteer":      {"puppeteer", stack.Automation},
	"cheerio":        {"cheerio", stack.Automation},
	"crawlee":        {"crawlee", stack.Automation},
}

// pythonComponents maps PEP 503-normalised distribution names to components.
var pythonComponents = map[string]componentKind{
	"django":              {"django", stack.Web},
	"djangorestframework": {"djangorestframework", stack.Web},
	"fastapi":             {"fastapi", stack.Web},
	"fastapi-slim":        {"fastapi", stack.Web},
	"flask":               {"flask", stack.Web},
	"starlette":           {"starlette", stack.Web},
	"quart":               {"quart", stack.Web},
	"celery":              {"celery", stack.Queue},
	"rq":                  {"rq", stack.Queue},
	"dramatiq":            {"dramatiq", stack.Queue},
	"arq":                 {"arq", stack.Queue},
	"huey":                {"huey", stack.Queue},
	"pandas":              {"pandas", stack.Data},
	"numpy":               {"numpy", stack.Data},
	"polars":              {"polars", stack.Data},
	"duckdb":              {"duckdb", stack.Data},
	"torch":               {"torch", stack.Data},
	"tensorflow":          {"tensorflow", stack.Data},
	"scikit-learn":        {"scikit-learn", stack.Data},
	"channels":            {"channels", stack.Realtime},
	"python-socketio":     {"python-socketio", stack.Realtime},
	// More Python frameworks and libraries of the same kinds. aiohttp and
	// tornado are left out: most projects use them as HTTP clients or get
	// them through another tool, not as their web framework.
	"litestar":           {"litestar", stack.Web},
	"sanic":              {"sanic", stack.Web},
	"falcon":             {"falcon", stack.Web},
	"pyramid":            {"pyramid", stack.Web},
	"bottle":             {"bottle", stack.Web},
	"taskiq":             {"taskiq", stack.Queue},
	"procrastinate":      {"procrastinate", stack.Queue},
	"dask":               {"dask", stack.Data},
	"pyspark":            {"pyspark", stack.Data},
	"xgboost":            {"xgboost", stack.Data},
	"lightgbm":           {"lightgbm", stack.Data},
	"jax":                {"jax", stack.Data},
	"transformers":       {"transformers", stack.Data},
	"tensorflow-cpu":     {"tensorflow", stack.Data},
	"tensorflow-macos":   {"tensorflow", stack.Data},
	"websockets":         {"websockets", stack.Realtime},
	"stripe":             {"stripe", stack.Integration},
	"paddle-python-sdk":  {"paddle", stack.Integration},
	"braintree":          {"braintree", stack.Integration},
	"paypal-server-sdk":  {"paypal", stack.Integration},
	"paypalrestsdk":      {"paypal", stack.Integration},
	"adyen":              {"adyen", stack.Integration},
	"plaid-python":       {"plaid", stack.Integration},
	"twilio":             {"twilio", stack.Integration},
	"vonage":             {"vonage", stack.Integration},
	"sendgrid":           {"sendgrid", stack.Integration},
	"postmarker":         {"postmark", stack.Integration},
	"resend":             {"resend", stack.Integration},
	"apscheduler":        {"apscheduler", stack.Automation},
	"schedule":           {"schedule", stack.Automation},
	"rocketry":           {"rocketry", stack.Automation},
	"django-celery-beat": {"django-celery-beat", stack.Automation},
	"django-crontab":     {"django-crontab", stack.Automation},
	"rq-scheduler":       {"rq-scheduler", stack.Automation},
	"scrapy":             {"scrapy", stack.Automation},
	"beautifulsoup4":     {"beautifulsoup4", stack.Automation},
}

// componentFor returns the component a dependency brings in, if any.
func componentFor(ecosystem, name string) (componentKind, bool) {
	var k componentKind
	var ok bool
	switch ecosystem {
	case stack.Node:
		k, ok = nodeComponents[name]
	case stack.Python:
		k, ok = pythonComponents[name]
	}
	return k, ok
}
