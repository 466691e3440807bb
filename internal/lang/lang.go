// Package lang is the one registry of what archgen knows about each
// language it targets: its display title and design philosophy (guide
// §1.2), what its module answer is called, how the default module is
// derived and checked, the fields templates derive from the module, and
// how its servers may exit after SIGTERM.
package lang

import (
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
	},
	{
		ID: "node", Title: "Node.js", Philosophy: "event-driven, non-blocking I/O",
		ModuleLabel: "npm package name", StopStatuses: []int{0},
	},
	{
		ID: "python", Title: "Python", Philosophy: "simple and elegant, rapid development",
		ModuleLabel: "Python package", StopStatuses: []int{0},
	},
	{
		// A JVM that ran its shutdown hooks after SIGTERM exits 128+15.
		ID: "java", Title: "Java", Philosophy: "enterprise-grade, strong typing",
		ModuleLabel: "Java package", StopStatuses: []int{0, 143},
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

// Describe is the language's line in a choice: "Go: simple and efficient…".
func (l Language) Describe() string { return l.Title + ": " + l.Philosophy }
