package catalog

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/render"
)

func mountFixture(layers string) fstest.MapFS {
	return fstest.MapFS{
		"entry/go-stdlib/template.yaml":        {Data: []byte(goManifest + "layers:\n" + layers)},
		"entry/go-stdlib/files/x":              {Data: []byte("x")},
		"_layers/shared/files/pkg/a/a.go.tmpl": {Data: []byte("// {{.Module}}\n")},
		"_layers/shared/files/pkg/b/b.go":      {Data: []byte("b\n")},
		"_layers/shared/partials/shared.tmpl":  {Data: []byte(`{{define "shared.x"}}x{{end}}`)},
		"_layers/shared/files/Makefile":        {Data: []byte("all:\n")},
		"_layers/shared/layer.yaml":            {Data: []byte("overrides: [Makefile]\n")},
	}
}

// A layer may be mounted twice, at the root and under a directory as a Go
// module of its own; its partials are defined once, and the mounted
// copy's overrides are its rendered paths.
func TestLayerMountedUnderADirectory(t *testing.T) {
	c, err := Load(mountFixture("  - shared\n  - {name: shared, under: svc, module: svc, only: [pkg/a, Makefile]}\n"))
	require.NoError(t, err)
	tm, ok := c.Get("entry/go-stdlib")
	require.True(t, ok)
	spec := tm.Spec()
	require.Len(t, spec.Partials, 1)
	mounted := spec.Sources[1]
	assert.Equal(t, "svc", mounted.Under)
	assert.Equal(t, "svc", mounted.Module)
	assert.Equal(t, []string{"pkg/a", "Makefile"}, mounted.Only)
	assert.Equal(t, []string{"svc/Makefile"}, mounted.Overrides)

	files, err := render.Render(spec, render.Data{Name: "demo", Module: "example.com/demo"})
	require.NoError(t, err)
	got := map[string]string{}
	for _, f := range files {
		got[f.Path] = string(f.Content)
	}
	assert.Equal(t, map[string]string{
		"Makefile":       "all:\n",
		"pkg/a/a.go":     "// example.com/demo\n",
		"pkg/b/b.go":     "b\n",
		"svc/Makefile":   "all:\n",
		"svc/pkg/a/a.go": "// example.com/demo/svc\n",
		"x":              "x",
	}, got)
}

func TestLayerMountErrors(t *testing.T) {
	for layers, want := range map[string]string{
		"  - {name: shared, under: /abs}\n":                 `under "/abs" must be a relative directory`,
		"  - {name: shared, under: ../up}\n":                `under "../up" must be a relative directory`,
		"  - {name: shared, module: svc}\n":                 `module "svc" needs under`,
		"  - {name: shared, under: svc, only: [pkg/zzz]}\n": `only names "pkg/zzz", which is not in the tree`,
	} {
		_, err := Load(mountFixture(layers))
		require.Error(t, err, layers)
		assert.Contains(t, err.Error(), want, layers)
	}
}
