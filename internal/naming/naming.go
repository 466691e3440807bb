// Package naming validates project names and module identifiers for each
// target ecosystem and derives the defaults archgen offers from a name.
package naming

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/mod/module"
)

// MaxNameLen bounds a project name; it becomes a directory, a binary and
// an artifact name.
const MaxNameLen = 64

var nameRe = regexp.MustCompile(`^[a-z][a-z0-9]*([-_][a-z0-9]+)*$`)

// ValidateName checks a project name: lowercase letters and digits, words
// joined by single hyphens or underscores, starting with a letter. Such a
// name is a safe directory name and a valid artifact name in every
// ecosystem archgen targets.
func ValidateName(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("project name is empty; give a name such as my-api")
	case len(name) > MaxNameLen:
		return fmt.Errorf("project name is %d characters long; use at most %d", len(name), MaxNameLen)
	case nameRe.MatchString(name):
		return nil
	}
	hint := ""
	if s := slug(name); s != "" && len(s) <= MaxNameLen {
		hint = fmt.Sprintf(" (try %q)", s)
	}
	return fmt.Errorf("project name %q is invalid: use lowercase letters, digits and single hyphens or underscores, starting with a letter%s", name, hint)
}

var nonWord = regexp.MustCompile(`[^a-z0-9]+`)

// slug turns a rejected name into a valid one to suggest, or "".
func slug(name string) string {
	s := strings.Trim(nonWord.ReplaceAllString(strings.ToLower(name), "-"), "-")
	s = strings.TrimLeft(s, "0123456789-")
	if !nameRe.MatchString(s) {
		return ""
	}
	return s
}

// DefaultModule derives the module identifier for lang from a valid name:
// the name itself for Go and npm, an identifier for Python, and
// com.example.<name> for Java (hyphens and underscores removed, as Spring
// Initializr does). A name that is a keyword of the language gets a
// trailing underscore, as both PEP 8 and the JLS naming conventions advise.
func DefaultModule(lang, name string) string {
	switch lang {
	case "python":
		return unkeyword(strings.ReplaceAll(name, "-", "_"), pythonKeywords)
	case "java":
		return "com.example." + unkeyword(strings.NewReplacer("-", "", "_", "").Replace(name), javaKeywords)
	case "go":
		if reservedGo(name) {
			return "example.com/" + name
		}
		return name
	default:
		return name
	}
}

// goReserved are the first path elements a module must not take: the
// standard library's top-level packages and the go command's own names.
var goReserved = []string{
	"all", "archive", "bufio", "builtin", "bytes", "cmd", "cmp", "compress",
	"container", "context", "crypto", "database", "debug", "embed", "encoding",
	"errors", "expvar", "flag", "fmt", "go", "hash", "html", "image", "index",
	"internal", "io", "iter", "log", "main", "maps", "math", "mime", "net",
	"os", "path", "plugin", "reflect", "regexp", "runtime", "slices", "sort",
	"std", "strconv", "strings", "structs", "sync", "syscall", "testing",
	"text", "time", "toolchain", "unicode", "unique", "unsafe", "vendor", "weak",
}

// reservedGo reports whether a module path starts with a name the standard
// library or the go command owns.
func reservedGo(mod string) bool {
	first, _, _ := strings.Cut(mod, "/")
	return slices.Contains(goReserved, first)
}

func unkeyword(id string, keywords []string) string {
	if slices.Contains(keywords, id) {
		return id + "_"
	}
	return id
}

// ValidateModule checks a module identifier for lang: a Go module path, an
// npm package name, a Python package identifier or a Java package.
func ValidateModule(lang, mod string) error {
	if mod == "" {
		return fmt.Errorf("module is empty")
	}
	if len(mod) > 214 {
		return fmt.Errorf("module is %d characters long; use at most 214", len(mod))
	}
	var err error
	switch lang {
	case "go":
		err = validateGo(mod)
	case "node":
		err = validateNPM(mod)
	case "python":
		err = validatePython(mod)
	case "java":
		err = validateJava(mod)
	default:
		err = fmt.Errorf("unknown language %q", lang)
	}
	return err
}

func validateGo(mod string) error {
	if err := module.CheckImportPath(mod); err != nil {
		return fmt.Errorf("go module path %q is invalid: %w; use a path such as github.com/acme/my-api", mod, unwrapModErr(err))
	}
	if reservedGo(mod) {
		return fmt.Errorf("go module path %q collides with the standard library or the go command; use a path such as example.com/%s", mod, mod)
	}
	return nil
}

func unwrapModErr(err error) error {
	var ie *module.InvalidPathError
	if errors.As(err, &ie) {
		return ie.Err
	}
	return err
}

var (
	npmPartRe = regexp.MustCompile(`^[a-z0-9][a-z0-9._~-]*$`)
	npmDenied = []string{"node_modules", "favicon.ico"}
)

func validateNPM(mod string) error {
	bad := func(why string) error {
		return fmt.Errorf("npm package name %q is invalid: %s; use a name such as my-api or @acme/my-api", mod, why)
	}
	name := mod
	if strings.HasPrefix(mod, "@") {
		scope, rest, ok := strings.Cut(mod[1:], "/")
		if !ok || !npmPartRe.MatchString(scope) {
			return bad("the scope must look like @scope/name")
		}
		name = rest
	}
	switch {
	case !npmPartRe.MatchString(name):
		return bad("use lowercase letters, digits, '-', '.', '_' or '~', starting with a letter or digit")
	case slices.Contains(npmDenied, name):
		return bad("the name is reserved")
	}
	return nil
}

var identRe = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)

var pythonKeywords = []string{
	"and", "as", "assert", "async", "await", "break",
	"class", "continue", "def", "del", "elif", "else", "except", "finally",
	"for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
	"not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
}

func validatePython(mod string) error {
	if !identRe.MatchString(mod) {
		return fmt.Errorf("python package %q is invalid: use lowercase letters, digits and underscores, not starting with a digit (e.g. my_api)", mod)
	}
	if slices.Contains(pythonKeywords, mod) {
		return fmt.Errorf("python package %q is a Python keyword; choose another name", mod)
	}
	return nil
}

var javaKeywords = []string{
	"abstract", "assert", "boolean", "break", "byte", "case", "catch", "char",
	"class", "const", "continue", "default", "do", "double", "else", "enum",
	"extends", "final", "finally", "float", "for", "goto", "if", "implements",
	"import", "instanceof", "int", "interface", "long", "native", "new",
	"package", "private", "protected", "public", "return", "short", "static",
	"strictfp", "super", "switch", "synchronized", "this", "throw", "throws",
	"transient", "try", "void", "volatile", "while", "true", "false", "null",
	"_",
}

func validateJava(mod string) error {
	parts := strings.Split(mod, ".")
	for _, p := range parts {
		if !identRe.MatchString(p) {
			return fmt.Errorf("java package %q is invalid: %q must be a lowercase identifier; use a package such as com.example.myapi", mod, p)
		}
		if slices.Contains(javaKeywords, p) {
			return fmt.Errorf("java package %q is invalid: %q is a Java keyword; choose another segment", mod, p)
		}
	}
	return nil
}

// JavaGroup returns the Maven groupId of a Java package: the package without
// its last segment, or the package itself when it has a single segment.
func JavaGroup(pkg string) string {
	if i := strings.LastIndex(pkg, "."); i > 0 {
		return pkg[:i]
	}
	return pkg
}
