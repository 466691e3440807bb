package render

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tree renders one tree, as a template without layers.
func tree(fsys fs.FS, d Data, executable ...string) ([]File, error) {
	return Render(Spec{Sources: []Source{{Name: "files", FS: fsys}}, Executable: executable}, d)
}

func data() Data {
	return Data{Name: "demo", Module: "com.example.demo", PackagePath: "com/example/demo", Params: map[string]any{"port": 8080}}
}

func TestTreeExecutesOnlyTmplFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"README.md.tmpl":                {Data: []byte("# {{ .Name }} on {{ .Params.port }}\n")},
		"raw.txt":                       {Data: []byte("{{ .Name }} stays\n")},
		"src/{{.PackagePath}}/App.java": {Data: []byte("package x;\n")},
		"bin/run.sh":                    {Data: []byte("#!/bin/sh\n")},
		"upper.txt.tmpl":                {Data: []byte("{{ .Name | upper }}")},
	}
	files, err := tree(fsys, data(), []string{"bin/run.sh"}...)
	require.NoError(t, err)
	got := map[string]File{}
	var order []string
	for _, f := range files {
		got[f.Path] = f
		order = append(order, f.Path)
	}
	assert.Equal(t, []string{"README.md", "bin/run.sh", "raw.txt", "src/com/example/demo/App.java", "upper.txt"}, order)
	assert.Equal(t, "# demo on 8080\n", string(got["README.md"].Content))
	assert.Equal(t, "{{ .Name }} stays\n", string(got["raw.txt"].Content))
	assert.Equal(t, "DEMO", string(got["upper.txt"].Content))
	assert.EqualValues(t, 0o755, got["bin/run.sh"].Mode)
	assert.EqualValues(t, 0o644, got["raw.txt"].Mode)
}

func TestTreeIsDeterministic(t *testing.T) {
	fsys := fstest.MapFS{"a.tmpl": {Data: []byte(`{{ list 3 1 2 | sortAlpha | join "," }} {{ .Params | toJson }}`)}}
	first, err := tree(fsys, data())
	require.NoError(t, err)
	for range 20 {
		again, err := tree(fsys, data())
		require.NoError(t, err)
		assert.Equal(t, first, again)
	}
}

func TestTreeErrors(t *testing.T) {
	cases := map[string]fstest.MapFS{
		"missing key":        {"a.tmpl": {Data: []byte("{{ .Params.nope }}")}},
		"unknown field":      {"a.tmpl": {Data: []byte("{{ .Nope }}")}},
		"parse error":        {"a.tmpl": {Data: []byte("{{ if }}")}},
		"no clock":           {"a.tmpl": {Data: []byte("{{ now }}")}},
		"no env":             {"a.tmpl": {Data: []byte(`{{ env "HOME" }}`)}},
		"duplicate":          {"a.tmpl": {Data: []byte("x")}, "a": {Data: []byte("y")}},
		"empty segment":      {"{{.Group}}/x": {Data: []byte("x")}},
		"template left over": {`{{"{{"}}x/y`: {Data: []byte("x")}},
	}
	for name, fsys := range cases {
		_, err := tree(fsys, data())
		assert.Error(t, err, name)
	}
}

func TestPathRejectsEscapes(t *testing.T) {
	for _, v := range []string{"..", ".", "", "/abs", "a/../../b", `a\b`, "a:b", "x\x00"} {
		_, err := Path("p/{{.Name}}/f", Data{Name: v})
		assert.Error(t, err, "%q", v)
	}
	p, err := Path("p/{{.Name}}/f", Data{Name: "a/b"})
	require.NoError(t, err)
	assert.Equal(t, "p/a/b/f", p)
}
