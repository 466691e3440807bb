package catalog

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/render"
)

func TestMovesReachTheSpec(t *testing.T) {
	fsys := mountFixture("  - {name: shared, under: svc, module: svc}\n")
	fsys["entry/go-stdlib/template.yaml"].Data = append(fsys["entry/go-stdlib/template.yaml"].Data,
		[]byte("moves:\n  - when: eq .Name \"demo\"\n    paths: {svc: svc-repo, x: docs/x, svc/pkg/b: lib}\n")...)
	c, err := Load(fsys)
	require.NoError(t, err)
	tm, _ := c.Get("entry/go-stdlib")
	spec := tm.Spec()
	require.Len(t, spec.Moves, 1)
	files, err := render.Render(spec, render.Data{Name: "demo", Module: "m"})
	require.NoError(t, err)
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
	}
	assert.Equal(t, []string{"docs/x", "lib/b.go", "svc-repo/Makefile", "svc-repo/pkg/a/a.go"}, paths)
}

func TestMoveErrors(t *testing.T) {
	for moves, want := range map[string]string{
		"  - paths: {}\n":                                        "moves[0]: paths is empty",
		"  - paths: {x: ../x}\n":                                 `moves[0]: moves: "../x" is not a clean relative path`,
		"  - paths: {x: x}\n":                                    "moved to itself",
		"  - paths: {nothere: y}\n":                              `moves[0]: "nothere" is not a path of the template's tree or of a layer`,
		"  - paths: {svc/pkg/zzz: y}\n":                          `"svc/pkg/zzz" is not a path`,
		"  - {paths: {x: y}}\n  - {paths: {svc: z, pkg/q: w}}\n": `moves[1]: "pkg/q" is not a path`,
	} {
		fsys := mountFixture("  - {name: shared, under: svc}\n")
		fsys["entry/go-stdlib/template.yaml"].Data = append(fsys["entry/go-stdlib/template.yaml"].Data, []byte("moves:\n"+moves)...)
		_, err := Load(fsys)
		require.Error(t, err, moves)
		assert.Contains(t, err.Error(), want, moves)
	}
}
