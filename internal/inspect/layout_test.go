package inspect

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every template's default project is recognised from .archgen.yaml, and,
// with .archgen.yaml removed, from its layout alone: the same tier, and
// its one service language.
func TestGeneratedProjects(t *testing.T) {
	cat := testCatalog(t)
	c, err := cat()
	require.NoError(t, err)
	service := map[string]string{"go": "Go", "node": "Node.js", "python": "Python", "java": "Java"}
	for _, tm := range c.All() {
		t.Run(tm.ID, func(t *testing.T) {
			dir := generated(t, tm.ID)
			r, err := Inspect(context.Background(), dir, Options{Catalog: cat})
			require.NoError(t, err)
			assert.Equal(t, tm.Tier, r.Tier)
			assert.Equal(t, tm.Style, r.Style)
			assert.Equal(t, "archgen.yaml", r.Source)
			assert.Equal(t, "from .archgen.yaml: template "+tm.ID, r.Reason)
			assert.Equal(t, []string{service[tm.Lang]}, r.ServiceLanguages, "languages: %+v", r.Languages)
			assert.Positive(t, *signal(t, r, "code_files").Value)

			require.NoError(t, os.Remove(filepath.Join(dir, ".archgen.yaml")))
			r, err = Inspect(context.Background(), dir, Options{Catalog: cat})
			require.NoError(t, err)
			assert.Equal(t, tm.Tier, r.Tier, r.Reason)
			assert.Equal(t, "layout", r.Source)
			assert.True(t, strings.HasPrefix(r.Reason, "from the layout: "), r.Reason)
			assert.Empty(t, r.Template)
			t.Logf("%s: %s, %d code files, %s", tm.ID, r.Reason, int(*signal(t, r, "code_files").Value), r.Style)
		})
	}
}

func TestLayoutRules(t *testing.T) {
	code := func(paths ...string) map[string]string {
		m := map[string]string{}
		for _, p := range paths {
			m[p] = "package x\n"
		}
		return m
	}
	for _, tc := range []struct {
		name, tier, style string
		files             map[string]string
	}{
		{"empty", TierUnknown, "", map[string]string{"README.md": "# x\n"}},
		{"flat go", TierEntry, "flat", code("main.go", "store.go", "main_test.go")},
		{"spring starter without a service layer", TierEntry, "flat",
			code("src/main/java/a/controller/C.java", "src/main/java/a/repository/R.java", "src/main/java/a/model/M.java")},
		{"mvc layers", TierIntermediate, "layered", code("src/services/a.ts", "src/controllers/a.ts", "src/models/a.ts")},
		{"clean layers", TierIntermediate, "clean layers", code("internal/domain/a.go", "internal/usecase/a.go")},
		{"ddd layers", TierIntermediate, "DDD layers", code("x/application/A.java", "x/infrastructure/B.java")},
		{"django apps", TierIntermediate, "Django apps", code("manage.py", "apps/users/apps.py", "apps/users/models.py")},
		{"feature modules", TierIntermediate, "feature modules", code("src/modules/users/a.ts", "src/modules/orders/a.ts")},
		{"go server layout", TierIntermediate, "server layout",
			func() map[string]string {
				m := code("cmd/api/main.go", "internal/users/u.go", "internal/web/w.go")
				m["go.mod"] = "module x\n"
				return m
			}()},
		{"services dir", TierEnterprise, "microservices", code("services/users/main.go", "services/orders/main.go")},
		{"one service is not several", TierEntry, "flat", code("services/users/main.go")},
		{"api gateway", TierEnterprise, "microservices", code("api-gateway/index.js", "main.go")},
		{"independent builds", TierEnterprise, "microservices", map[string]string{
			"users/go.mod": "module users\n", "users/main.go": "package main\n",
			"web/package.json": "{}\n", "web/index.js": "x()\n",
		}},
		{"workspaces are one build", TierEntry, "flat", map[string]string{
			"package.json": "{}\n", "a/package.json": "{}\n", "b/package.json": "{}\n", "a/index.js": "x()\n",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, tc.files)
			r, err := Inspect(context.Background(), dir, Options{})
			require.NoError(t, err)
			assert.Equal(t, tc.tier, r.Tier, r.Reason)
			assert.Equal(t, tc.style, r.Style, r.Reason)
		})
	}
}

// A synthetic entry project of n flat Go files: code files > 50 is due.
func TestCodeFilesEdges(t *testing.T) {
	for _, tc := range []struct {
		files   int
		verdict string
	}{
		{1, VerdictOK}, {49, VerdictOK}, {50, VerdictOK}, {51, VerdictUpgradeDue}, {60, VerdictUpgradeDue},
	} {
		t.Run(fmt.Sprint(tc.files), func(t *testing.T) {
			dir := flatProject(t, tc.files)
			r, err := Inspect(context.Background(), dir, Options{})
			require.NoError(t, err)
			require.Equal(t, TierEntry, r.Tier)
			s := signal(t, r, "code_files")
			assert.InDelta(t, tc.files, *s.Value, 0)
			assert.Equal(t, tc.verdict, s.Verdict)
			assert.Equal(t, tc.verdict == VerdictUpgradeDue, r.UpgradeDue)
			if r.UpgradeDue {
				assert.Equal(t, TierIntermediate, r.Next)
				assert.Equal(t, "upgrade due → intermediate", s.VerdictText)
			}
		})
	}
}

// flatProject writes n Go files at the root, with the files that are not
// code besides them: docs, config, a lock file, vendored and generated
// code, and a dot directory.
func flatProject(t testing.TB, n int) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":                  "module demo\n",
		"go.sum":                  "",
		"README.md":               "# demo\n",
		"Makefile":                "build:\n\tgo build ./...\n",
		"Dockerfile":              "FROM scratch\n",
		"config.yaml":             "a: 1\n",
		"schema.sql":              "CREATE TABLE t (id int);\n",
		"docs/example.go":         "package docs\n",
		"vendor/x/x.go":           "package x\n",
		"node_modules/y/index.js": "module.exports = 1\n",
		".git-hooks/pre.go":       "package hooks\n",
		"bin/tool.go":             "package main\n",
		"zz_generated.go":         "// Code generated by stringer. DO NOT EDIT.\n\npackage main\n",
	}
	for i := range n {
		files[fmt.Sprintf("f%02d.go", i)] = "package main\n"
	}
	writeFiles(t, dir, files)
	return dir
}

// A Go service and a Python service are two service languages; shell
// scripts and SQL are not, and only the shell scripts are code files.
func TestMultiLanguageTree(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"api/main.go": "package main\n", "api/store.go": "package main\n",
		"worker/app.py": "print('hi')\n", "worker/jobs.py": "x = 1\n",
		"scripts/deploy.sh": "#!/bin/sh\necho deploy\n", "db/001_init.sql": "CREATE TABLE t (id int);\n",
		"web/index.html": "<p>hi</p>\n", "web/site.css": "p { color: red }\n", "ci.yaml": "a: 1\n",
	})
	r, err := Inspect(context.Background(), dir, Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{"Go", "Python"}, r.ServiceLanguages)
	assert.Equal(t, []Language{{"Go", 2, "Go"}, {"Python", 2, "Python"}, {"Shell", 1, ""}}, r.Languages)
	assert.InDelta(t, 5, *signal(t, r, "code_files").Value, 0)
	s := signal(t, r, "service_languages")
	assert.Equal(t, VerdictUpgradeDue, s.Verdict)
	assert.Equal(t, "upgrade due → microservices", s.VerdictText)
	assert.Equal(t, TierEnterprise, r.Next)
}

// JavaScript and TypeScript are one service language.
func TestNodeIsOneServiceLanguage(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.js": "x()\n", "b.ts": "let x = 1\n", "c.tsx": "export {}\n"})
	r, err := Inspect(context.Background(), dir, Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{"Node.js"}, r.ServiceLanguages)
	assert.Equal(t, VerdictOK, signal(t, r, "service_languages").Verdict)
}
