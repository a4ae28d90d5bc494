package syntax

// common holds strings that recur in most repositories (names, parameters,
// modules, callees, types): str returns these instead of copies.
var common strSet

// maxCommon is the length of the longest string in common.
var maxCommon int

func init() {
	for _, s := range commonStrings {
		common.add([]byte(s), strHash(s))
		maxCommon = max(maxCommon, len(s))
	}
}

var commonStrings = [...]string{
	// Python
	"self", "cls", "*args", "**kwargs", "args", "kwargs", "request", "response", "req", "res", "next",
	"str", "int", "float", "bool", "bytes", "dict", "list", "set", "tuple", "object", "type", "None",
	"True", "False", "Any", "Optional", "Union", "List", "Dict", "Tuple", "Callable", "Iterable",
	"Iterator", "Sequence", "Mapping", "str | None", "int | None", "Optional[str]", "Optional[int]",
	"dict[str, Any]", "list[str]", "Dict[str, Any]", "List[str]",
	"os", "os.path", "sys", "re", "json", "time", "logging", "typing", "datetime", "collections",
	"functools", "itertools", "pathlib", "subprocess", "asyncio", "uuid", "decimal", "enum", "abc",
	"dataclasses", "__future__", "annotations", "requests", "httpx", "django", "django.db", "flask",
	"fastapi", "pydantic", "sqlalchemy", "pytest", "unittest", "unittest.mock", "mock", "models",
	"django.conf", "settings", "django.urls", "django.db.models", "django.test", "django.http",
	"django.shortcuts", "django.contrib", "django.utils", "django.core.exceptions", "celery",
	"len", "print", "isinstance", "range", "super", "getattr", "setattr", "hasattr", "sorted", "open",
	"enumerate", "zip", "map", "filter", "min", "max", "sum", "any", "all", "repr", "iter", "id",
	"super().__init__", "__init__", "__str__", "__repr__", "setUp", "tearDown", "main", "run",
	"staticmethod", "classmethod", "property", "cached_property", "abstractmethod", "dataclass",
	"pytest.fixture", "pytest.mark.parametrize", "pytest.raises", "patch", "mock.patch",
	"Exception", "ValueError", "TypeError", "KeyError", "RuntimeError", "NotImplementedError",
	"os.path.join", "os.path.exists", "os.environ.get", "os.getenv", "json.dumps", "json.loads",
	"logging.getLogger", "log.info", "log.debug", "log.warning", "log.error", "logger.info",
	"logger.debug", "logger.warning", "logger.error", "logger.exception",
	"self.assertEqual", "self.assertTrue", "self.assertFalse", "self.assertIn", "self.assertIsNone",
	"self.assertIsNotNone", "self.assertRaises", "self.client.get", "self.client.post",
	"requests.get", "requests.post", "time.sleep", "datetime.now", "timezone.now", "__name__",
	"append", "get", "post", "put", "delete", "patch", "update", "save", "create", "filter",
	"objects", "data", "value", "name", "key", "path", "url", "user", "item", "items", "obj",
	"instance", "context", "info", "event", "config", "options", "opts", "params", "props",
	"e", "err", "error", "x", "y", "i", "j", "k", "n", "s", "t", "v", "a", "b", "c", "_", "*",
	"default", "Meta", "TestCase", "Migration", "migrations", "migrations.Migration",
	"models.Model", "models.CharField", "models.ForeignKey", "models.IntegerField",
	"models.BooleanField", "models.DateTimeField", "models.TextField", "BaseModel",
	"app", "app.route", "app.get", "app.post", "router", "router.get", "router.post",
	// JavaScript and TypeScript
	"constructor", "require", "import", "express", "react", "React", "react-dom", "lodash", "axios",
	"fs", "path", "http", "https", "url", "util", "crypto", "events", "child_process", "zod",
	"vue", "next", "@angular/core", "@nestjs/common", "useState", "useEffect", "useCallback",
	"useMemo", "useRef", "useContext", "string", "number", "boolean", "unknown", "void", "never",
	"undefined", "null", "Promise<void>", "Promise<any>", "string[]", "number[]", "any[]",
	"Request", "Response", "NextFunction", "Error", "Date", "Promise", "Array", "Object", "Map",
	"console.log", "console.error", "console.warn", "console.info", "JSON.stringify", "JSON.parse",
	"Object.keys", "Object.values", "Object.entries", "Object.assign", "Array.isArray",
	"Promise.all", "Promise.resolve", "Math.max", "Math.min", "Math.floor", "Math.round",
	"Math.random", "parseInt", "setTimeout", "fetch", "res.json", "res.status", "res.send",
	"res.status().json", "res.status().send", "app.use", "app.listen", "router.use", "router.put",
	"router.delete", "module.exports", "exports", "expect", "describe", "it", "test", "beforeEach",
	"afterEach", "jest.fn", "expect().toBe", "expect().toEqual", "expect().toBeDefined",
	"expect().toHaveBeenCalled", "expect().toHaveBeenCalledWith", "then", "catch", "push",
	"set", "props", "state", "children", "className", "document.getElementById",
	"document.querySelector", "Component", "Injectable", "Controller", "Get", "Post", "Put",
	"Delete", "Body", "Param", "Query", "Module", "ctx", "done", "cb", "callback", "resolve",
	"reject", "id: string", "id: number", "async", "static", "get", "set",
}
