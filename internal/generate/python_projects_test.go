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

	"github.com/archgen/archgen/internal/render"
)

// awkwardPythonModules are module names that are words the Python
// templates' own code or their frameworks use (packages, modules, classes,
// Django app labels); a template's reserved names are left out of its list.
var awkwardPythonModules = []string{"statuses", "people", "order-items", "categories", "models", "views",
	"serializers", "permissions", "tests", "schemas", "services", "repositories", "endpoints", "routers",
	"settings", "migrations", "types", "errors", "exceptions", "fields", "filters", "requests", "responses",
	"items", "pages", "logs", "records", "sessions", "messages", "groups", "tokens", "queries", "engines",
	"bases", "objects", "strings", "dates", "paths", "datetimes", "decimals", "sqlalchemies"}

// TestPythonProjectsCheck writes every Python template that type-checks
// its code (a requirements-dev.txt and mypy), with its default answers, the
// answer sets of its end-to-end runs, awkward module names and names as long
// as the template allows, and runs its own pinned Ruff (lint and format
// check), mypy and import-linter over it, and Django's system checks where
// there is a manage.py: what the project's verify does before its tests.
// The dependencies are installed once per requirements digest into a
// virtual environment in the user's cache directory.
func TestPythonProjectsCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("installing the Python templates' dependencies needs PyPI; skipped with -short")
	}
	if _, err := exec.LookPath("python3"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("python3 is not installed (CI=true: this is a failure, not a skip)")
		}
		t.Skip("python3 is not installed")
	}
	for _, tm := range loadCatalog(t).All() {
		if tm.Lang != "python" {
			continue
		}
		defaults := generateDefault(t, tm, "my-api", "")
		if fileOf(defaults, "requirements-dev.txt") == nil || !strings.Contains(string(fileOf(defaults, "pyproject.toml").Content), "[tool.mypy]") {
			continue // nothing to type-check
		}
		venv := pythonVenv(t, defaults)
		check := func(t *testing.T, files []render.File) {
			dir := writeProject(t, files)
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			python := filepath.Join(venv, "bin", "python")
			steps := [][]string{
				{"-m", "ruff", "check", "."},
				{"-m", "ruff", "format", "--check", "."},
				{"-m", "mypy"},
				{"-c", "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports())"},
			}
			if fileOf(files, "manage.py") != nil {
				steps = append(steps, []string{"manage.py", "check", "--fail-level", "WARNING"})
			}
			for _, args := range steps {
				cmd := exec.CommandContext(ctx, python, args...)
				cmd.Dir = dir
				// mypy's cache of the third-party stubs is shared by every
				// project checked with this environment.
				cmd.Env = append(os.Environ(), "MYPY_CACHE_DIR="+filepath.Join(venv, "mypy-cache"))
				out, err := cmd.CombinedOutput()
				require.NoError(t, err, "python %s in %s:\n%s", strings.Join(args, " "), dir, out)
			}
		}
		checkAnswerSets(t, tm, defaults, awkwardPythonModules, check)
	}
}

// pythonVenv returns a virtual environment holding what the project's
// requirements-dev.txt (and the files it includes) pin, made on first use
// and kept in the user's cache directory under their digest.
func pythonVenv(t *testing.T, files []render.File) string {
	t.Helper()
	sum := sha256.New()
	var reqs []render.File
	for _, f := range files {
		if strings.HasPrefix(f.Path, "requirements") && strings.HasSuffix(f.Path, ".txt") && !strings.Contains(f.Path, "/") {
			reqs = append(reqs, f)
			sum.Write([]byte(f.Path))
			sum.Write([]byte{0})
			sum.Write(f.Content)
			sum.Write([]byte{0})
		}
	}
	require.NotEmpty(t, reqs, "the project has no requirements files")
	cache, err := os.UserCacheDir()
	require.NoError(t, err)
	dir := filepath.Join(cache, "archgen-test", "python", hex.EncodeToString(sum.Sum(nil))[:16])
	done := filepath.Join(dir, ".installed")
	if _, err := os.Stat(done); err == nil {
		return dir
	} else if !errors.Is(err, fs.ErrNotExist) {
		require.NoError(t, err)
	}
	// A venv records its own path, so it is made where it stays; one that
	// was left half made is made again.
	require.NoError(t, os.RemoveAll(dir))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	src := t.TempDir()
	for _, f := range reqs {
		require.NoError(t, os.WriteFile(filepath.Join(src, f.Path), f.Content, 0o644))
	}
	for _, args := range [][]string{
		{"python3", "-m", "venv", dir},
		{filepath.Join(dir, "bin", "pip"), "install", "--disable-pip-version-check", "-q", "-r", "requirements-dev.txt"},
	} {
		cmd := exec.CommandContext(ctx, args[0], args[1:]...)
		cmd.Dir = src
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s:\n%s", strings.Join(args, " "), out)
	}
	require.NoError(t, os.WriteFile(done, nil, 0o644))
	return dir
}
