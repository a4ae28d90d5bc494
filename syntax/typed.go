package syntax

// FullyTyped reports whether every parameter and the return of fn carry a
// type, the way type checkers count "typed definitions":
//   - Python: every parameter annotated except the self/cls of a method
//     (not of a staticmethod); a return annotation, which __init__ may omit
//     when it has annotated parameters.
//   - TypeScript: every parameter typed and an explicit return type, which
//     constructors and setters cannot have; arrow functions and function
//     expressions passed as arguments are typed by context, so for them the
//     parameters alone count.
//
// A Python function without parameters and return annotation is untyped; a
// JavaScript function is never typed.
func (fn *Function) FullyTyped(lang Lang) bool {
	switch lang {
	case Python:
		params := fn.Params
		if fn.Method && len(params) > 0 && !fn.hasDecorator("staticmethod") {
			params = params[1:]
		}
		for _, p := range params {
			if p.Type == "" {
				return false
			}
		}
		if fn.Returns != "" {
			return true
		}
		return fn.Name == "__init__" && len(params) > 0
	case TypeScript:
		for _, p := range fn.Params {
			if p.Type == "" {
				return false
			}
		}
		if fn.Returns != "" || fn.ArgOf != nil {
			return true
		}
		return fn.Method && (fn.Name == "constructor" || fn.Accessor == "set")
	}
	return false
}

// UsesAny reports whether a parameter or return type of fn mentions the
// TypeScript "any" type (or Python's typing.Any).
func (fn *Function) UsesAny() bool {
	if hasWord(fn.Returns, "any") || hasWord(fn.Returns, "Any") {
		return true
	}
	for _, p := range fn.Params {
		if hasWord(p.Type, "any") || hasWord(p.Type, "Any") {
			return true
		}
	}
	return false
}

func (fn *Function) hasDecorator(name string) bool {
	for _, d := range fn.Decorators {
		if d.Name == name {
			return true
		}
	}
	return false
}

// hasWord reports whether w occurs in s as a whole identifier.
func hasWord(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		if s[i:i+len(w)] == w && (i == 0 || !identPart[s[i-1]]) && (i+len(w) == len(s) || !identPart[s[i+len(w)]]) {
			return true
		}
	}
	return false
}
