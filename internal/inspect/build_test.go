package inspect

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/answers"
)

// A Makefile whose targets leave a file behind: with --measure-build its
// verify target runs once and is timed; without, nothing runs.
func TestMeasureBuild(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"Makefile": "verify:\n\t@echo verifying\n\t@touch ran-verify\nbuild:\n\t@touch ran-build\n",
		"main.go":  "package main\n",
	})
	r, err := Inspect(context.Background(), dir, Options{})
	require.NoError(t, err)
	assert.Nil(t, r.Build)
	assert.Equal(t, "not measured (give --measure-build)", signal(t, r, "build_time").Shown)
	assert.NoFileExists(t, filepath.Join(dir, "ran-verify"))
	assert.NoFileExists(t, filepath.Join(dir, "ran-build"))

	var out bytes.Buffer
	r, err = Inspect(context.Background(), dir, Options{MeasureBuild: true, BuildOutput: &out})
	require.NoError(t, err)
	require.NotNil(t, r.Build)
	assert.Equal(t, "make verify", r.Build.Command)
	assert.Equal(t, "Makefile's verify target", r.Build.From)
	assert.Zero(t, r.Build.ExitStatus)
	assert.Equal(t, "verifying\n", out.String())
	assert.FileExists(t, filepath.Join(dir, "ran-verify"))
	assert.NoFileExists(t, filepath.Join(dir, "ran-build"))
	s := signal(t, r, "build_time")
	require.True(t, s.Measured)
	assert.Less(t, *s.Value, 60.0)
	assert.Contains(t, s.Shown, ": make verify")
	assert.Equal(t, "n/a at entry", s.VerdictText)
}

func TestMeasureBuildFails(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"Makefile": "build:\n\t@exit 3\n", "main.go": "package main\n"})
	r, err := Inspect(context.Background(), dir, Options{MeasureBuild: true})
	require.NoError(t, err)
	require.NotNil(t, r.Build)
	assert.Equal(t, "make build", r.Build.Command)
	assert.Equal(t, 2, r.Build.ExitStatus, "make exits 2 when a recipe fails")
	s := signal(t, r, "build_time")
	assert.Equal(t, VerdictFailed, s.Verdict)
	assert.Equal(t, "build failed (exit status 2)", s.VerdictText)
}

func TestBuildCommandDetected(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"go", map[string]string{"go.mod": "module x\n"}, "go build ./..."},
		{"npm", map[string]string{"package.json": `{"scripts":{"build":"tsc"}}`}, "npm run build"},
		{"npm without build", map[string]string{"package.json": `{"scripts":{"test":"x"}}`}, ""},
		{"maven", map[string]string{"pom.xml": "<project/>"}, "mvn -q -DskipTests package"},
		{"maven wrapper", map[string]string{"pom.xml": "<project/>", "mvnw": "#!/bin/sh\n"}, "./mvnw -q -DskipTests package"},
		{"make beats go", map[string]string{"go.mod": "module x\n", "Makefile": "build:\n\tgo build\n"}, "make build"},
		{"a variable is not a target", map[string]string{"Makefile": "build := x\n"}, ""},
		{"nothing", map[string]string{"a.py": "x = 1\n"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, tc.files)
			got, _, err := buildCommand(dir, nil, nil)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	dir := t.TempDir()
	r, err := Inspect(context.Background(), dir, Options{MeasureBuild: true})
	require.NoError(t, err)
	assert.Equal(t, "not measured: no build command found", signal(t, r, "build_time").Shown)
}

// A generated project's command is its template's verify command.
func TestBuildCommandFromTemplate(t *testing.T) {
	dir := generated(t, "entry/go-stdlib")
	r, err := Inspect(context.Background(), dir, Options{Catalog: testCatalog(t)})
	require.NoError(t, err)
	a, err := answers.Load(filepath.Join(dir, answers.FileName))
	require.NoError(t, err)
	got, from, err := buildCommand(dir, a, testCatalog(t))
	require.NoError(t, err)
	assert.Equal(t, "make verify", got)
	assert.Equal(t, "the verify command of entry/go-stdlib (.archgen.yaml)", from)
	assert.Equal(t, TierEntry, r.Tier)
	_, err = os.Stat(filepath.Join(dir, "bin"))
	assert.ErrorIs(t, err, os.ErrNotExist)
}

// A build measured from inside make (archgen's own tests run so) runs as
// from a shell: the enclosing make's flags do not reach it.
func TestBuildEnvDropsMakesFlags(t *testing.T) {
	got := buildEnv([]string{"PATH=/bin", "MAKEFLAGS=-n -j4", "MAKELEVEL=1", "MFLAGS=-n", "MAKEOVERRIDES=", "GNUMAKEFLAGS=-w", "HOME=/root"})
	assert.Equal(t, []string{"PATH=/bin", "HOME=/root"}, got)
}
