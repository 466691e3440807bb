package generate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/render"
)

// awkwardNodeModules are module names that are words the Node templates'
// own code uses (directories, classes, helpers, globals); a template's
// reserved names are left out of its list.
var awkwardNodeModules = []string{"middlewares", "statuses", "people", "order-items", "categories", "entities",
	"dtos", "filters", "guards", "pipes", "interceptors", "controllers", "services", "repositories", "models",
	"routes", "plugins", "schemas", "types", "errors", "promises", "dates", "records", "maps", "requests",
	"responses", "servers", "tests", "items", "pages", "bodies", "logs", "objects", "strings", "numbers"}

// TestNodeProjectsTypecheck writes every TypeScript template's output, with
// its default answers, the answer sets of its end-to-end runs, awkward
// module names and names as long as the template allows, and type-checks
// it with its own pinned TypeScript (tsc --noEmit) and checks its format
// with its own pinned Prettier, as the project's verify will. The dependencies are installed once per lockfile with npm ci
// into the user's cache directory and linked into each project.
func TestNodeProjectsTypecheck(t *testing.T) {
	if testing.Short() {
		t.Skip("installing the Node templates' dependencies needs the npm registry; skipped with -short")
	}
	if _, err := exec.LookPath("npm"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("npm is not installed (CI=true: this is a failure, not a skip)")
		}
		t.Skip("npm is not installed")
	}
	for _, tm := range loadCatalog(t).All() {
		if tm.Lang != "node" {
			continue
		}
		defaults := generateDefault(t, tm, "my-api", "")
		if fileOf(defaults, "tsconfig.json") == nil {
			continue // a JavaScript template: nothing to type-check
		}
		modules := nodeModules(t, defaults)
		check := func(t *testing.T, files []render.File) {
			dir := writeProject(t, files)
			require.NoError(t, os.Symlink(modules, filepath.Join(dir, "node_modules")))
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			for _, args := range [][]string{{"tsc", "--noEmit", "-p", "tsconfig.json"}, {"prettier", "--check", "."}} {
				cmd := exec.CommandContext(ctx, filepath.Join(dir, "node_modules", ".bin", args[0]), args[1:]...)
				cmd.Dir = dir
				out, err := cmd.CombinedOutput()
				require.NoError(t, err, "%s in %s:\n%s", strings.Join(args, " "), dir, out)
			}
		}
		checkAnswerSets(t, tm, defaults, awkwardNodeModules, check)
	}
}

// checkAnswerSets runs check, each in a subtest, on a template's output
// with its default answers, with the answer sets of its end-to-end runs,
// with those of the awkward module names the template does not reserve
// (most of them must be allowed), and, when the template bounds the
// length of a module name, with names of exactly that length.
func checkAnswerSets(t *testing.T, tm *catalog.Template, defaults []render.File, awkward []string, check func(*testing.T, []render.File)) {
	t.Helper()
	t.Run(tm.ID, func(t *testing.T) { check(t, defaults) })
	for _, run := range tm.Runs {
		t.Run(tm.ID+"@"+run.Name, func(t *testing.T) {
			check(t, generateRun(t, tm, "my-api", &run))
		})
	}
	p, ok := tm.Parameter("modules")
	if !ok {
		return
	}
	var names []any
	for _, m := range awkward {
		if _, err := p.Parse(m); err == nil { // not reserved by the template
			names = append(names, m)
		}
	}
	require.Greater(t, len(names), len(awkward)/2, "%s reserves most awkward names", tm.ID)
	t.Run(tm.ID+"@awkward-modules", func(t *testing.T) {
		check(t, generateRun(t, tm, "my-api", &catalog.Run{Name: "awkward", Params: map[string]any{"modules": names}}))
	})
	// Names as long as the template allows still format as written.
	if p.MaxLength != nil {
		t.Run(tm.ID+"@longest-modules", func(t *testing.T) {
			check(t, generateRun(t, tm, "my-api", &catalog.Run{Name: "longest", Params: map[string]any{"modules": longestNames(*p.MaxLength)}}))
		})
	}
}

// longestNames are module names whose plurals have exactly n characters:
// one word, and words joined by hyphens (whose Pascal and camel forms are
// shorter, but whose file names are not).
func longestNames(n int) []any {
	const letters = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
	word := letters[:n-1] + "s"
	hyphenated := []byte(letters[:n-1] + "s")
	for i := 3; i < n-2; i += 4 {
		hyphenated[i] = '-'
	}
	return []any{word, string(hyphenated)}
}

// fileOf returns the file of files at path p, or nil.
func fileOf(files []render.File, p string) *render.File {
	for i := range files {
		if files[i].Path == p {
			return &files[i]
		}
	}
	return nil
}

// nodeModules returns a node_modules directory holding what the project's
// package.json and package-lock.json pin, installed by npm ci on first use
// and kept in the user's cache directory under the lockfile's digest.
func nodeModules(t *testing.T, files []render.File) string {
	t.Helper()
	manifest, lock := fileOf(files, "package.json"), fileOf(files, "package-lock.json")
	require.NotNil(t, manifest, "the project has no package.json")
	require.NotNil(t, lock, "the project has no package-lock.json")
	sum := sha256.New()
	sum.Write(manifest.Content)
	sum.Write([]byte{0})
	sum.Write(lock.Content)
	cache, err := os.UserCacheDir()
	require.NoError(t, err)
	dir := filepath.Join(cache, "archgen-test", "node", hex.EncodeToString(sum.Sum(nil))[:16])
	modules := filepath.Join(dir, "node_modules")
	if _, err := os.Stat(filepath.Join(modules, ".package-lock.json")); err == nil {
		return modules
	} else if !errors.Is(err, fs.ErrNotExist) {
		require.NoError(t, err)
	}
	require.NoError(t, os.MkdirAll(filepath.Dir(dir), 0o755))
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "install-")
	require.NoError(t, err)
	defer func() { _ = os.RemoveAll(tmp) }() // gone already when renamed into place
	require.NoError(t, os.WriteFile(filepath.Join(tmp, "package.json"), manifest.Content, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(tmp, "package-lock.json"), lock.Content, 0o644))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund")
	cmd.Dir = tmp
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "npm ci in %s:\n%s", tmp, out)
	// Another test process may have finished the same install meanwhile;
	// either copy is good.
	if err := os.Rename(tmp, dir); err != nil && !errors.Is(err, fs.ErrExist) {
		if _, statErr := os.Stat(modules); statErr != nil {
			require.NoError(t, err)
		}
	}
	return modules
}
