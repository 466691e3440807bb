package inspect

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/go-enry/go-enry/v2"
)

// What counts as a code file (§6.2 "code files > 50"):
//
//   - a regular file (not a symlink) whose language, as GitHub Linguist
//     (go-enry) detects it from its name and first bytes, is of Linguist's
//     "programming" type: Go, Python, Java, JavaScript, TypeScript, shell
//     scripts and so on; tests count, they are code the team keeps;
//   - but not a build or deployment description (Makefile, Dockerfile,
//     Terraform/HCL, CMake, Starlark, Nix, Batchfile) nor a text template
//     (Mako), which Linguist also calls programming;
//   - and not data, markup or prose: JSON, YAML, TOML, SQL, HTML, CSS,
//     Markdown, lock files;
//   - nor a file Linguist calls vendored (node_modules/, vendor/, dist/,
//     wrappers such as mvnw and gradlew, .d.ts), documentation (docs/) or
//     generated ("Code generated … DO NOT EDIT", minified files, protobuf
//     output), nor a dot file (tool configuration);
//   - nor anything under a skipped directory: every directory whose name
//     starts with a dot (.git, .venv, .mypy_cache, .github, …) and the
//     build output, caches and fixtures named in skipDirs.

// skipDirs are directories whose files are never the project's code:
// installed dependencies, build output, caches, coverage reports and
// test fixtures (Go's testdata/ is ignored by its build too).
var skipDirs = map[string]bool{
	"node_modules": true, "vendor": true, "venv": true,
	"target": true, "dist": true, "build": true, "bin": true, "out": true,
	"__pycache__": true, "coverage": true, "htmlcov": true, "testdata": true,
	"site-packages": true, "bower_components": true, "jspm_packages": true,
}

// notCode are languages Linguist types as programming that describe a
// build, a deployment or a text template rather than the program.
var notCode = map[string]bool{
	"Makefile": true, "Dockerfile": true, "HCL": true, "CMake": true,
	"Starlark": true, "Nix": true, "Batchfile": true, "Mako": true,
	"Jinja": true, "Just": true,
}

// buildFiles name the files that make a directory its own build.
var buildFiles = map[string]bool{
	"go.mod": true, "package.json": true, "pom.xml": true, "build.gradle": true,
	"build.gradle.kts": true, "pyproject.toml": true, "setup.py": true,
	"Cargo.toml": true, "composer.json": true, "Gemfile": true, "mix.exs": true,
}

// headSize is how much of a file is read to tell its language and whether
// it is generated.
const headSize = 16 << 10

// tree is what one walk over the directory finds.
type tree struct {
	// code maps each code file (slash path relative to the root) to its
	// Linguist language.
	code map[string]string
	// dirs are the directories walked (not skipped), relative, slash.
	dirs []string
	// builds are the build files found (relative, slash).
	builds []string
	// files are the names of regular files directly in the root.
	rootFiles map[string]bool
	// appsPy are directories holding a Django apps.py.
	appsPy []string
}

// walk reads the tree under root; it opens files only to read their first
// bytes and never writes.
func walk(root string) (*tree, error) {
	t := &tree{code: map[string]string{}, rootFiles: map[string]bool{}}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("read %s: %w", p, err)
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == "." {
				return nil
			}
			if skipDir(rel, d.Name()) {
				return filepath.SkipDir
			}
			t.dirs = append(t.dirs, rel)
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		name := d.Name()
		if !strings.Contains(rel, "/") {
			t.rootFiles[name] = true
		}
		switch {
		case buildFiles[name]:
			t.builds = append(t.builds, rel)
		case name == "apps.py":
			t.appsPy = append(t.appsPy, path.Dir(rel))
		}
		lang, err := codeLanguage(p, rel, name)
		if err != nil {
			return err
		}
		if lang != "" {
			t.code[rel] = lang
		}
		return nil
	})
	return t, err
}

func skipDir(rel, name string) bool {
	return strings.HasPrefix(name, ".") || skipDirs[name] ||
		enry.IsVendor(rel+"/") || enry.IsDocumentation(rel+"/")
}

// codeLanguage returns the Linguist language of a code file, or "" when the
// file is not a code file (see the comment at the top of this file).
func codeLanguage(p, rel, name string) (string, error) {
	if enry.IsVendor(rel) || enry.IsDocumentation(rel) || enry.IsDotFile(name) {
		return "", nil
	}
	cands := enry.GetLanguagesByFilename(name, nil, nil)
	if len(cands) == 0 {
		cands = enry.GetLanguagesByExtension(name, nil, nil)
	}
	if len(cands) == 0 && path.Ext(name) != "" {
		return "", nil // an extension Linguist does not know
	}
	if len(cands) > 0 && !slices.ContainsFunc(cands, isCode) {
		return "", nil // data, markup or prose, known from the name
	}
	head, err := readHead(p)
	if err != nil {
		return "", err
	}
	if enry.IsBinary(head) {
		return "", nil
	}
	lang := enry.GetLanguage(name, head)
	if !isCode(lang) || enry.IsGenerated(rel, head) {
		return "", nil
	}
	return lang, nil
}

func isCode(lang string) bool {
	return lang != "" && enry.GetLanguageType(lang) == enry.Programming && !notCode[lang]
}

func readHead(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", p, err)
	}
	buf := make([]byte, headSize)
	n, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		_ = f.Close()
		return nil, fmt.Errorf("read %s: %w", p, err)
	}
	// A file opened only for reading has nothing to lose on Close.
	_ = f.Close()
	return buf[:n], nil
}
