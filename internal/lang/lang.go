// Package lang is the one registry of what archgen knows about each
// language it targets: its display title and design philosophy (guide
// §1.2), what its module answer is called, how the default module is
// derived and checked, the fields templates derive from the module, and
// how its servers may exit after SIGTERM.
package lang

import (
	"slices"
	"strings"

	"github.com/archgen/archgen/internal/naming"
)

// Language is everything archgen knows about one language.
type Language struct {
	// ID is the value of --lang.
	ID string
	// Title is the language's display name.
	Title string
	// Philosophy is the guide's one-line design philosophy (§1.2).
	Philosophy string
	// ModuleLabel names the module answer: "Go module path".
	ModuleLabel string
	// StopStatuses are the exit statuses a server of this language may
	// end with after SIGTERM once it has shut down gracefully.
	StopStatuses []int
	// Keywords are the words a generated identifier may not be: the
	// language's reserved words and the predeclared names that code
	// derived from a resource name would shadow.
	Keywords []string
	// derive fills the fields templates derive from the module.
	derive func(module string) Derived
}

// Derived are the fields a template sees besides the module itself.
type Derived struct {
	// PackagePath is the module as a directory path (Java).
	PackagePath string
	// Group is the Maven groupId (Java).
	Group string
}

var registry = []Language{
	{
		ID: "go", Title: "Go", Philosophy: "simple and efficient, native concurrency",
		ModuleLabel: "Go module path", StopStatuses: []int{0},
		Keywords: strings.Fields(`break case chan const continue default defer else fallthrough for func go goto if
			import interface map package range return select struct switch type var
			any append bool byte cap clear close complex copy delete error false float32 float64 imag int int8 int16
			int32 int64 iota len make max min new nil panic print println real recover rune string true uint uint8
			uint16 uint32 uint64 uintptr`),
	},
	{
		ID: "node", Title: "Node.js", Philosophy: "event-driven, non-blocking I/O",
		ModuleLabel: "npm package name", StopStatuses: []int{0},
		Keywords: strings.Fields(`await break case catch class const continue debugger default delete do else enum
			export extends false finally for function if implements import in instanceof interface let new null
			package private protected public return static super switch this throw true try typeof var void while
			with yield arguments eval undefined`),
	},
	{
		ID: "python", Title: "Python", Philosophy: "simple and elegant, rapid development",
		ModuleLabel: "Python package", StopStatuses: []int{0},
		Keywords: strings.Fields(`and as assert async await break class continue def del elif else
			except finally for from global if import in is lambda nonlocal not or pass raise return try while with
			yield match case type`),
	},
	{
		// A JVM that ran its shutdown hooks after SIGTERM exits 128+15.
		ID: "java", Title: "Java", Philosophy: "enterprise-grade, strong typing",
		ModuleLabel: "Java package", StopStatuses: []int{0, 143},
		Keywords: strings.Fields(`abstract assert boolean break byte case catch char class const continue default do
			double else enum extends final finally float for goto if implements import instanceof int interface long
			native new package private protected public return short static strictfp super switch synchronized this
			throw throws transient try void volatile while true false null var record yield sealed permits`),
		derive: func(module string) Derived {
			return Derived{PackagePath: strings.ReplaceAll(module, ".", "/"), Group: naming.JavaGroup(module)}
		},
	},
}

// IDs lists the languages in catalog order.
func IDs() []string {
	out := make([]string, len(registry))
	for i, l := range registry {
		out[i] = l.ID
	}
	return out
}

// Get returns the language with the given id.
func Get(id string) (Language, bool) {
	for _, l := range registry {
		if l.ID == id {
			return l, true
		}
	}
	return Language{}, false
}

// DefaultModule derives the module from a valid project name.
func (l Language) DefaultModule(name string) string { return naming.DefaultModule(l.ID, name) }

// ValidateModule checks a module answer.
func (l Language) ValidateModule(module string) error { return naming.ValidateModule(l.ID, module) }

// Derive returns the fields templates derive from the module.
func (l Language) Derive(module string) Derived {
	if l.derive == nil || module == "" {
		return Derived{}
	}
	return l.derive(module)
}

// Keyword returns a spelling of a resource name that is one of the
// language's keywords, and whether there is one.
func (l Language) Keyword(f naming.Forms) (string, bool) {
	for _, form := range []string{f.Camel, f.Plural.Camel, f.Lower, f.Plural.Lower, f.Snake, f.Plural.Snake} {
		if slices.Contains(l.Keywords, form) {
			return form, true
		}
	}
	return "", false
}

// Describe is the language's line in a choice: "Go: simple and efficient…".
func (l Language) Describe() string { return l.Title + ": " + l.Philosophy }
