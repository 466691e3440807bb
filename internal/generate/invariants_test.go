package generate

import (
	"context"
	"encoding/json"
	"go/format"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/answers"
	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/render"
	"github.com/archgen/archgen/internal/writer"
)

// variants are the answers every template is checked with: the defaults,
// a hyphenated name, and a custom module per language.
var variants = []struct{ name, module map[string]string }{
	{name: map[string]string{"*": "demo"}},
	{name: map[string]string{"*": "my-api"}},
	{name: map[string]string{"*": "billing_svc"}, module: map[string]string{
		"go": "github.com/acme/billing-svc", "node": "@acme/billing-svc", "python": "billing", "java": "io.acme.billing",
	}},
}

// leftover matches a Go template action that survived rendering. Plain
// "{{" and "}}" are legitimate in code (nested literals, f-string escapes);
// an action starts with a field, a variable or a keyword.
var leftover = regexp.MustCompile(`\{\{-?\s*(\.[A-Za-z]|\$[A-Za-z]|(if|range|end|else|with|template|define|block)\b)`)

// actionsExpr is a GitHub Actions expression, which looks like an action.
var actionsExpr = regexp.MustCompile(`\$\{\{[^}]*\}\}`)

func TestInvariants(t *testing.T) {
	for _, tm := range loadCatalog(t).All() {
		for _, v := range variants {
			name, module := v.name["*"], v.module[tm.Lang]
			t.Run(tm.ID+"/"+name, func(t *testing.T) {
				for _, f := range generateDefault(t, tm, name, module) {
					checkFile(t, f)
				}
			})
		}
		// The answer sets the end-to-end suite proves hold the same rules.
		for _, run := range tm.Runs {
			t.Run(tm.ID+"@"+run.Name, func(t *testing.T) {
				for _, f := range generateRun(t, tm, "demo", &run) {
					checkFile(t, f)
				}
			})
		}
	}
}

// generateRun renders a template with the answers of one of its declared
// runs.
func generateRun(t testing.TB, tm *catalog.Template, name string, run *catalog.Run) []render.File {
	t.Helper()
	a := &answers.Answers{Name: name, Params: maps.Clone(run.Params)}
	require.NoError(t, a.Complete(tm))
	res, err := Project(tm, a, "dev")
	require.NoError(t, err)
	return res.Files
}

// TestReadmeAndCIUseTheManifestCommands: the generated README and CI
// workflow print the very commands the e2e harness runs.
func TestReadmeAndCIUseTheManifestCommands(t *testing.T) {
	for _, tm := range loadCatalog(t).All() {
		t.Run(tm.ID, func(t *testing.T) {
			a := &answers.Answers{Name: "my-api"}
			require.NoError(t, a.Complete(tm))
			d, err := Data(tm, a)
			require.NoError(t, err)
			byPath := map[string]string{}
			for _, f := range generateDefault(t, tm, "my-api", "") {
				byPath[f.Path] = string(f.Content)
			}
			for _, doc := range []string{"README.md", ".github/workflows/ci.yml"} {
				require.Contains(t, byPath, doc)
				for _, c := range []string{d.Commands.Install, d.Commands.Verify, d.Commands.Build} {
					if c != "" {
						assert.Contains(t, byPath[doc], c, "%s does not run %q", doc, c)
					}
				}
			}
			assert.Contains(t, byPath["README.md"], d.Commands.Run)
		})
	}
}

func checkFile(t *testing.T, f render.File) {
	t.Helper()
	text := f.Content
	if strings.HasPrefix(f.Path, ".github/") || strings.Contains(f.Path, "/.github/") {
		text = actionsExpr.ReplaceAll(text, nil)
	}
	assert.Empty(t, leftover.Find(text), "%s holds template markers", f.Path)
	assert.NotContains(t, string(f.Content), "<no value>", f.Path)
	switch filepath.Ext(f.Path) {
	case ".go":
		formatted, err := format.Source(f.Content)
		if assert.NoError(t, err, f.Path) {
			assert.Equal(t, string(formatted), string(f.Content), "%s is not gofmt-clean", f.Path)
		}
	case ".json":
		assert.True(t, json.Valid(f.Content), "%s is not valid JSON", f.Path)
	case "":
		if path.Base(f.Path) == "Dockerfile" {
			checkDockerfile(t, f)
		}
	case ".yaml", ".yml":
		var v any
		assert.NoError(t, yaml.Unmarshal(f.Content, &v), "%s is not valid YAML", f.Path)
	}
}

// awkwardModules are module names that are words the generated code
// itself uses; none is reserved by a Go template.
var awkwardModules = []any{"middleware", "statuses", "people", "order-items", "categories", "timestamps", "routes",
	"contexts", "tests", "items", "inputs", "apps", "webs", "configs", "databases", "requests", "responses", "logs",
	"times", "pages", "bodies", "routers", "usecases", "domains", "helpers"}

// TestGoProjectsVet writes every Go template's output and runs go vet on
// it, which also type-checks it against its pinned dependencies.
func TestGoProjectsVet(t *testing.T) {
	if testing.Short() {
		t.Skip("go vet of generated projects needs the module proxy; skipped with -short")
	}
	for _, tm := range loadCatalog(t).All() {
		if tm.Lang != "go" {
			continue
		}
		vet := func(t *testing.T, files []render.File) {
			dir := writeProject(t, files)
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			for _, m := range goModules(t, dir) {
				cmd := exec.CommandContext(ctx, "go", append([]string{"vet"}, m.pkgs...)...)
				cmd.Dir = m.dir
				cmd.Env = append(os.Environ(), "GOFLAGS=-mod=readonly")
				out, err := cmd.CombinedOutput()
				require.NoError(t, err, "go vet in %s:\n%s", m.dir, out)
			}
		}
		t.Run(tm.ID, func(t *testing.T) {
			vet(t, generateDefault(t, tm, "my-api", "github.com/acme/my-api"))
		})
		for _, run := range tm.Runs {
			t.Run(tm.ID+"@"+run.Name, func(t *testing.T) {
				vet(t, generateRun(t, tm, "my-api", &run))
			})
		}
		// Module names that read like the words the templates' own code
		// uses (packages, files, helpers, fields) must still compile.
		if _, ok := tm.Parameter("modules"); ok {
			t.Run(tm.ID+"@awkward-modules", func(t *testing.T) {
				vet(t, generateRun(t, tm, "my-api", &catalog.Run{Name: "awkward", Params: map[string]any{"modules": awkwardModules}}))
			})
		}
	}
}

// goModule is a directory to run the go tool in and the patterns of its
// packages.
type goModule struct {
	dir  string
	pkgs []string
}

// goModules lists where a Go project's packages are: its root for a
// module or a workspace, and each repository's directory for repositories
// side by side (a polyrepo, whose root is neither).
func goModules(t *testing.T, dir string) []goModule {
	t.Helper()
	for _, f := range []string{"go.work", "go.mod"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			return []goModule{{dir, goPackages(t, dir)}}
		}
	}
	mods, err := filepath.Glob(filepath.Join(dir, "*", "go.mod"))
	require.NoError(t, err)
	require.NotEmpty(t, mods, "%s has no go.work, no go.mod and no repository with one", dir)
	var out []goModule
	for _, m := range mods {
		out = append(out, goModule{filepath.Dir(m), []string{"./..."}})
	}
	return out
}

// goPackages is the pattern of every package of a Go project: ./... for a
// module, and each module's for a workspace (whose root is no module).
func goPackages(t *testing.T, dir string) []string {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dir, "go.work")); err != nil {
		return []string{"./..."}
	}
	cmd := exec.Command("go", "work", "edit", "-json")
	cmd.Dir = dir
	out, err := cmd.Output()
	require.NoError(t, err, "go work edit -json in %s", dir)
	var work struct{ Use []struct{ DiskPath string } }
	require.NoError(t, json.Unmarshal(out, &work))
	require.NotEmpty(t, work.Use, "go.work uses no module")
	var pkgs []string
	for _, u := range work.Use {
		pkgs = append(pkgs, "./"+path.Clean(u.DiskPath)+"/...")
	}
	return pkgs
}

// checkDockerfile holds every Dockerfile to what the templates promise:
// several stages, and a final stage that runs as a user other than root.
// (No Docker engine is needed: the instructions are read, not built.)
func checkDockerfile(t *testing.T, f render.File) {
	t.Helper()
	stages, user := 0, ""
	for _, line := range strings.Split(string(f.Content), "\n") {
		fields := strings.Fields(line)
		if len(fields) < 2 {
			continue
		}
		switch strings.ToUpper(fields[0]) {
		case "FROM":
			stages++
			user = ""
		case "USER":
			user = fields[1]
		}
	}
	assert.GreaterOrEqual(t, stages, 2, "%s is not a multi-stage build", f.Path)
	assert.NotEmpty(t, user, "%s: the final stage sets no USER, so it runs as root", f.Path)
	assert.NotContains(t, []string{"root", "0", "0:0", "root:root"}, user, "%s: the final stage runs as root", f.Path)
}

// writeProject writes files the way archgen new does into a fresh
// directory of the test and returns its path.
func writeProject(t *testing.T, files []render.File) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "p")
	plan, err := writer.NewPlan(dir, files, false)
	require.NoError(t, err)
	require.NoError(t, plan.Write(context.Background()))
	return dir
}
