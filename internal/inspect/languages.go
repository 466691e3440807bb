package inspect

import (
	"cmp"
	"maps"
	"slices"
)

// serviceLanguage maps a Linguist language to the service language it
// belongs to (§6.2 "multi-language tech stack"): what a service is written
// in and runs on. JavaScript and TypeScript are one, Node.js, as the guide
// names it: they share a runtime, a package.json and a build. Java, Kotlin,
// Scala and Groovy are one, Java, running on the JVM. Languages that are
// not a service's language — shell scripts, SQL, Makefiles, YAML, HTML, CSS,
// Terraform — are absent: they count as code files (shell) or not at all,
// but never as a second service language.
var serviceLanguage = map[string]string{
	"Go":         "Go",
	"JavaScript": "Node.js", "TypeScript": "Node.js", "TSX": "Node.js",
	"Python": "Python",
	"Java":   "Java", "Kotlin": "Java", "Scala": "Java", "Groovy": "Java",
	"C#": ".NET", "F#": ".NET", "Visual Basic .NET": ".NET",
	"Ruby": "Ruby", "PHP": "PHP", "Rust": "Rust",
	"Elixir": "Elixir", "Erlang": "Erlang",
	"C": "C/C++", "C++": "C/C++",
	"Swift": "Swift", "Dart": "Dart", "Haskell": "Haskell",
	"Clojure": "Clojure", "OCaml": "OCaml",
}

// Language is one language of the repository's code files.
type Language struct {
	// Name is Linguist's name of the language: "Go", "TypeScript", "Shell".
	Name string `json:"name"`
	// Files is how many code files are in it.
	Files int `json:"files"`
	// Service is the service language it counts as ("Node.js" for
	// TypeScript), empty for languages that are not a service's.
	Service string `json:"service,omitempty"`
}

// languages counts code files per language, most files first.
func languages(code map[string]string) []Language {
	count := map[string]int{}
	for _, l := range code {
		count[l]++
	}
	out := make([]Language, 0, len(count))
	for _, name := range slices.Sorted(maps.Keys(count)) {
		out = append(out, Language{Name: name, Files: count[name], Service: serviceLanguage[name]})
	}
	slices.SortStableFunc(out, func(a, b Language) int { return cmp.Compare(b.Files, a.Files) })
	return out
}

// serviceLanguages lists the distinct service languages, the one with the
// most files first.
func serviceLanguages(langs []Language) []string {
	files := map[string]int{}
	for _, l := range langs {
		if l.Service != "" {
			files[l.Service] += l.Files
		}
	}
	out := slices.Sorted(maps.Keys(files))
	slices.SortStableFunc(out, func(a, b string) int { return cmp.Compare(files[b], files[a]) })
	return out
}
