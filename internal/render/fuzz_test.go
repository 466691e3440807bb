package render

import (
	"path"
	"strings"
	"testing"

	"github.com/archgen/archgen/internal/naming"
)

// FuzzPath feeds arbitrary answers into a templated path. Whatever the
// answer, the rendered path is either rejected or a clean relative path
// that stays inside the project and holds no template text.
func FuzzPath(f *testing.F) {
	for _, s := range []string{"demo", "../x", "a/b", "{{.X}}", "", strings.Repeat("a", 300), "..", "/etc", `a\..\b`, "x/./y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		for _, tmpl := range []string{"{{.Name}}", "src/{{.Name}}/main.go.tmpl", "{{.PackagePath}}/App.java"} {
			p, err := Path(tmpl, Data{Name: v, PackagePath: v})
			if err != nil {
				continue
			}
			if path.IsAbs(p) || path.Clean(p) != p || p == ".." || strings.HasPrefix(p, "../") || strings.Contains(p, "{{") {
				t.Fatalf("%q with %q rendered to unsafe path %q", tmpl, v, p)
			}
		}
	})
}

// FuzzName checks that every name the validator accepts is safe to use as
// a directory and a templated path segment, and derives a valid module in
// every language.
func FuzzName(f *testing.F) {
	for _, s := range []string{"demo", "my-api", "../x", "a/b", "{{.X}}", "", strings.Repeat("a", 300), "a_b", "Ab"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if naming.ValidateName(name) != nil {
			return
		}
		p, err := Path("{{.Name}}", Data{Name: name})
		if err != nil || p != name {
			t.Fatalf("accepted name %q renders to %q, %v", name, p, err)
		}
		for _, lang := range []string{"go", "node", "python", "java"} {
			if err := naming.ValidateModule(lang, naming.DefaultModule(lang, name)); err != nil {
				t.Fatalf("accepted name %q gives an invalid %s module: %v", name, lang, err)
			}
		}
	})
}
