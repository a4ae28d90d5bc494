package detectors

// Tables for the imports family: which imported names are not third-party
// packages, which Python modules ship in a distribution of another name,
// and which packages arrive with a declared one.

// nodeBuiltins are Node's built-in modules; "fs/promises" and the like are
// matched by their first segment.
var nodeBuiltins = setOf(
	"assert", "async_hooks", "buffer", "child_process", "cluster", "console",
	"constants", "crypto", "dgram", "diagnostics_channel", "dns", "domain",
	"events", "fs", "http", "http2", "https", "inspector", "module", "net", "os",
	"path", "perf_hooks", "process", "punycode", "querystring", "readline",
	"repl", "stream", "string_decoder", "sys", "timers", "tls", "trace_events",
	"tty", "url", "util", "v8", "vm", "wasi", "worker_threads", "zlib",
)

// pythonStdlib holds the top-level modules of Python 3.12's
// sys.stdlib_module_names that do not start with an underscore (those are
// skipped wholesale), plus the modules removed in 3.12 and common Python 2
// names, which old code still imports.
var pythonStdlib = setOf(
	"abc", "aifc", "antigravity", "argparse", "array", "ast", "asyncio", "atexit",
	"audioop", "base64", "bdb", "binascii", "bisect", "builtins", "bz2",
	"cProfile", "calendar", "cgi", "cgitb", "chunk", "cmath", "cmd", "code",
	"codecs", "codeop", "collections", "colorsys", "compileall", "concurrent",
	"configparser", "contextlib", "contextvars", "copy", "copyreg", "crypt",
	"csv", "ctypes", "curses", "dataclasses", "datetime", "dbm", "decimal",
	"difflib", "dis", "doctest", "email", "encodings", "ensurepip", "enum",
	"errno", "faulthandler", "fcntl", "filecmp", "fileinput", "fnmatch",
	"fractions", "ftplib", "functools", "gc", "genericpath", "getopt", "getpass",
	"gettext", "glob", "graphlib", "grp", "gzip", "hashlib", "heapq", "hmac",
	"html", "http", "idlelib", "imaplib", "imghdr", "importlib", "inspect", "io",
	"ipaddress", "itertools", "json", "keyword", "lib2to3", "linecache",
	"locale", "logging", "lzma", "mailbox", "mailcap", "marshal", "math",
	"mimetypes", "mmap", "modulefinder", "msilib", "msvcrt", "multiprocessing",
	"netrc", "nis", "nntplib", "nt", "ntpath", "nturl2path", "numbers", "opcode",
	"operator", "optparse", "os", "ossaudiodev", "pathlib", "pdb", "pickle",
	"pickletools", "pipes", "pkgutil", "platform", "plistlib", "poplib",
	"posix", "posixpath", "pprint", "profile", "pstats", "pty", "pwd",
	"py_compile", "pyclbr", "pydoc", "pydoc_data", "pyexpat", "queue", "quopri",
	"random", "re", "readline", "reprlib", "resource", "rlcompleter", "runpy",
	"sched", "secrets", "select", "selectors", "shelve", "shlex", "shutil",
	"signal", "site", "smtplib", "sndhdr", "socket", "socketserver", "spwd",
	"sqlite3", "sre_compile", "sre_constants", "sre_parse", "ssl", "stat",
	"statistics", "string", "stringprep", "struct", "subprocess", "sunau",
	"symtable", "sys", "sysconfig", "syslog", "tabnanny", "tarfile", "telnetlib",
	"tempfile", "termios", "textwrap", "this", "threading", "time", "timeit",
	"tkinter", "token", "tokenize", "tomllib", "trace", "traceback",
	"tracemalloc", "tty", "turtle", "turtledemo", "types", "typing",
	"unicodedata", "unittest", "urllib", "uu", "uuid", "venv", "warnings", "wave",
	"weakref", "webbrowser", "winreg", "winsound", "wsgiref", "xdrlib", "xml",
	"xmlrpc", "zipapp", "zipfile", "zipimport", "zlib", "zoneinfo",
	// Removed in 3.12, still in older code and runtimes.
	"distutils", "imp", "asynchat", "asyncore", "smtpd",
	// Python 2 names.
	"__builtin__", "ConfigParser", "Queue", "StringIO", "cPickle", "cStringIO",
	"httplib", "urllib2", "urlparse", "HTMLParser", "Cookie", "cookielib",
	"SocketServer", "Tkinter", "thread", "commands", "exceptions", "sets",
)

// pythonModuleDists maps an import name to the distributions that provide
// it, where the two differ. A dotted key ("google.protobuf") matches before
// the top-level name. Anything else is its own PEP 503-normalised name.
var pythonModuleDists = map[string][]string{
	"rest_framework":           {"djangorestframework"},
	"rest_framework_simplejwt": {"djangorestframework-simplejwt"},
	"sklearn":                  {"scikit-learn"},
	"skimage":                  {"scikit-image"},
	"yaml":                     {"pyyaml"},
	"PIL":                      {"pillow"},
	"cv2":                      {"opencv-python", "opencv-python-headless", "opencv-contrib-python", "opencv-contrib-python-headless"},
	"bs4":                      {"beautifulsoup4"},
	"dateutil":                 {"python-dateutil"},
	"jwt":                      {"pyjwt"},
	"dotenv":                   {"python-dotenv"},
	"socketio":                 {"python-socketio"},
	"engineio":                 {"python-engineio"},
	"attr":                     {"attrs"},
	"google.protobuf":          {"protobuf"},
	"google.auth":              {"google-auth"},
	"google.oauth2":            {"google-auth"},
	"googleapiclient":          {"google-api-python-client"},
	"psycopg2":                 {"psycopg2", "psycopg2-binary"},
	"psycopg":                  {"psycopg", "psycopg-binary"},
	"MySQLdb":                  {"mysqlclient"},
	"mysql":                    {"mysql-connector-python"},
	"magic":                    {"python-magic"},
	"jose":                     {"python-jose"},
	"multipart":                {"python-multipart"},
	"slugify":                  {"python-slugify"},
	"docx":                     {"python-docx"},
	"pptx":                     {"python-pptx"},
	"ldap":                     {"python-ldap"},
	"telegram":                 {"python-telegram-bot"},
	"Crypto":                   {"pycryptodome", "pycrypto"},
	"Cryptodome":               {"pycryptodomex"},
	"OpenSSL":                  {"pyopenssl"},
	"nacl":                     {"pynacl"},
	"serial":                   {"pyserial"},
	"zmq":                      {"pyzmq"},
	"git":                      {"gitpython"},
	"grpc":                     {"grpcio"},
	"dns":                      {"dnspython"},
	"kafka":                    {"kafka-python"},
	"websocket":                {"websocket-client"},
	"fitz":                     {"pymupdf"},
	"pkg_resources":            {"setuptools"},
	"_pytest":                  {"pytest"},
	"factory":                  {"factory-boy"},
	"Bio":                      {"biopython"},
	"discord":                  {"discord-py"},
	"ruamel":                   {"ruamel-yaml"},
	"win32api":                 {"pywin32"},
	"corsheaders":              {"django-cors-headers"},
	"django_filters":           {"django-filter"},
	"environ":                  {"django-environ"},
	"allauth":                  {"django-allauth"},
	"debug_toolbar":            {"django-debug-toolbar"},
	"storages":                 {"django-storages"},
	"crispy_forms":             {"django-crispy-forms"},
	"oauth2_provider":          {"django-oauth-toolkit"},
	"taggit":                   {"django-taggit"},
	"import_export":            {"django-import-export"},
	"phonenumber_field":        {"django-phonenumber-field"},
	"mptt":                     {"django-mptt"},
	"guardian":                 {"django-guardian"},
	"polymorphic":              {"django-polymorphic"},
	"model_utils":              {"django-model-utils"},
	"knox":                     {"django-rest-knox"},
	"modelcluster":             {"django-modelcluster"},
	"treebeard":                {"django-treebeard"},
	"permissionedforms":        {"django-permissionedforms"},
	"dj_database_url":          {"dj-database-url"},
	"social_core":              {"social-auth-core"},
	"social_django":            {"social-auth-app-django"},
	"strawberry":               {"strawberry-graphql"},
	"strawberry_django":        {"strawberry-graphql-django"},
	"rest_framework_nested":    {"drf-nested-routers"},
	"mpl_toolkits":             {"matplotlib"},
	"win32com":                 {"pywin32"},
	"pythoncom":                {"pywin32"},
	"usb":                      {"pyusb"},
}

// pythonNamespaces are namespace packages shared by many distributions
// (google-cloud-storage installs google.cloud.storage): an import of one is
// covered by any declared distribution of that family.
var pythonNamespaces = map[string]string{
	"google":        "google-",
	"azure":         "azure-",
	"opentelemetry": "opentelemetry-",
}

// transitive lists packages that a declared package brings with it, so
// importing them without declaring them is the norm rather than a slip.
// Keys and values are normalised package names of one ecosystem; Python
// and npm names do not collide here.
var transitive = map[string][]string{
	// Python
	"fastapi":             {"starlette", "pydantic", "pydantic-core", "anyio", "typing-extensions"},
	"fastapi-slim":        {"starlette", "pydantic", "pydantic-core", "anyio", "typing-extensions"},
	"starlette":           {"anyio"},
	"django":              {"asgiref", "sqlparse"},
	"djangorestframework": {"django", "asgiref", "sqlparse"},
	"channels":            {"django", "asgiref"},
	"celery":              {"kombu", "billiard", "vine", "click", "python-dateutil"},
	"flask":               {"werkzeug", "jinja2", "itsdangerous", "click", "blinker", "markupsafe"},
	"uvicorn":             {"click", "h11"},
	"requests":            {"urllib3", "idna", "certifi", "charset-normalizer"},
	"httpx":               {"httpcore", "anyio", "certifi", "idna", "sniffio"},
	"pandas":              {"numpy", "python-dateutil", "pytz", "tzdata"},
	"scikit-learn":        {"numpy", "scipy", "joblib", "threadpoolctl"},
	"pydantic":            {"pydantic-core", "typing-extensions", "annotated-types"},
	"wagtail": {"django", "django-modelcluster", "django-permissionedforms", "django-taggit", "django-treebeard",
		"djangorestframework", "django-filter", "draftjs-exporter", "beautifulsoup4", "willow", "requests",
		"l18n", "openpyxl", "anyascii", "telepath", "laces", "pillow"},
	"sqlmodel":               {"sqlalchemy", "pydantic", "pydantic-core", "typing-extensions"},
	"sqlalchemy":             {"greenlet", "typing-extensions"},
	"jinja2":                 {"markupsafe"},
	"pytest":                 {"pluggy", "iniconfig", "packaging"},
	"boto3":                  {"botocore", "s3transfer", "jmespath"},
	"python-socketio":        {"python-engineio", "bidict"},
	"django-prometheus":      {"prometheus-client"},
	"social-auth-app-django": {"social-auth-core"},
	// npm
	"next": {"@next/env", "styled-jsx"},
}

// pythonExtras lists what an extra installs where it is not the package of
// the same name, by "distribution[extra]".
var pythonExtras = map[string][]string{
	"fastapi[standard]": {"uvicorn", "httpx", "jinja2", "python-multipart", "email-validator", "fastapi-cli",
		"uvloop", "httptools", "websockets", "watchfiles", "python-dotenv", "pyyaml"},
	"fastapi[all]": {"uvicorn", "httpx", "jinja2", "python-multipart", "email-validator", "itsdangerous",
		"pyyaml", "ujson", "orjson", "pydantic-settings", "pydantic-extra-types",
		"uvloop", "httptools", "websockets", "watchfiles", "python-dotenv"},
	"uvicorn[standard]":   {"uvloop", "httptools", "websockets", "watchfiles", "python-dotenv", "pyyaml"},
	"pydantic[email]":     {"email-validator"},
	"django[argon2]":      {"argon2-cffi"},
	"django[bcrypt]":      {"bcrypt"},
	"sqlalchemy[asyncio]": {"greenlet"},
	"psycopg[binary]":     {"psycopg-binary"},
	"psycopg[pool]":       {"psycopg-pool"},
	"celery[sqs]":         {"boto3", "botocore", "pycurl"},
	"httpx[http2]":        {"h2"},
	"passlib[bcrypt]":     {"bcrypt"},
}

// frameworkAliases are the specifiers a framework's bundler resolves to
// the framework's own modules or the project's files, by the npm package
// that declares the framework: Docusaurus serves @theme/Layout,
// @site/src/... and @docusaurus/Link from @docusaurus/core.
var frameworkAliases = map[string][]string{
	"@docusaurus/core": {"@docusaurus/", "@theme/", "@theme-original/", "@theme-init/", "@site/", "@generated/"},
}

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}
