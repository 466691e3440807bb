package render

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func layoutData(layout string) Data {
	return Data{Name: "demo", Module: "example.com/demo", Params: map[string]any{"layout": layout}}
}

func moveSpec() Spec {
	return Spec{
		Sources: []Source{
			{Name: "layer gw", Under: "gateway", FS: fstest.MapFS{
				"main.go.tmpl": {Data: []byte(`import "{{.Module}}/{{place "shared/lib"}}"` + "\n")},
			}},
			{Name: "own", FS: fstest.MapFS{
				"services/users/go.mod.tmpl": {Data: []byte("module {{.Module}}/{{place \"services/users\"}}\n")},
				"services/users/run.sh":      {Data: []byte("#!/bin/sh\n")},
				"shared/lib/lib.go":          {Data: []byte("package lib\n")},
				"shared/proto/a.proto":       {Data: []byte("syntax = \"proto3\";\n")},
				"go.work":                    {Data: []byte("use ./services/users\n")},
			}, When: map[string]string{"go.work": `eq .Params.layout "mono"`}},
		},
		Executable: []string{"services/users/run.sh"},
		Moves: []Move{{When: `eq .Params.layout "poly"`, Paths: map[string]string{
			"services/users": "users",
			"shared":         "shared-lib",
			"shared/proto":   "protos",
		}}},
	}
}

func TestMovesWriteElsewhereWhenTheyHold(t *testing.T) {
	files, err := Render(moveSpec(), layoutData("poly"))
	require.NoError(t, err)
	got := byPath(files)
	assert.Equal(t, map[string]string{
		"gateway/main.go":       `import "example.com/demo/shared-lib/lib"` + "\n",
		"users/go.mod":          "module example.com/demo/users\n",
		"users/run.sh":          "#!/bin/sh\n",
		"shared-lib/lib/lib.go": "package lib\n",
		"protos/a.proto":        "syntax = \"proto3\";\n",
	}, got)
	for _, f := range files {
		if f.Path == "users/run.sh" {
			assert.Equal(t, 0o755, int(f.Mode), "executable names the path before it moves")
		}
	}
}

func TestMovesThatDoNotHoldLeaveTheTree(t *testing.T) {
	files, err := Render(moveSpec(), layoutData("mono"))
	require.NoError(t, err)
	got := byPath(files)
	assert.Equal(t, "module example.com/demo/services/users\n", got["services/users/go.mod"])
	assert.Contains(t, got, "shared/proto/a.proto")
	assert.Contains(t, got, "go.work")
	assert.Equal(t, "shared/lib", placeOutsideRender(t, "shared/lib"))
}

// placeOutsideRender checks place outside Render: nothing moves.
func placeOutsideRender(t *testing.T, p string) string {
	t.Helper()
	out, err := Text("t", `{{place "`+p+`"}}`, nil)
	require.NoError(t, err)
	return string(out)
}

func TestMovesOntoAnotherFileAreRefused(t *testing.T) {
	spec := moveSpec()
	spec.Moves[0].Paths["go.work"] = "users/go.mod"
	_, err := Render(spec, layoutData("poly"))
	require.NoError(t, err, "go.work is left out in poly, so nothing collides")
	spec.Sources[1].When = nil
	_, err = Render(spec, layoutData("poly"))
	require.ErrorContains(t, err, "users/go.mod")
}

func TestTwoMovesOfOnePathAreRefused(t *testing.T) {
	spec := moveSpec()
	spec.Moves = append(spec.Moves, Move{Paths: map[string]string{"shared": "lib"}})
	_, err := Render(spec, layoutData("poly"))
	require.ErrorContains(t, err, "shared is moved by two moves")
	_, err = Render(spec, layoutData("mono"))
	require.NoError(t, err, "only one of them holds")
}

func TestPlacer(t *testing.T) {
	p, err := NewPlacer(moveSpec().Moves, layoutData("poly"))
	require.NoError(t, err)
	for in, want := range map[string]string{
		"services/users":        "users",
		"services/users/go.mod": "users/go.mod",
		"services/usersx":       "services/usersx",
		"shared/proto/a.proto":  "protos/a.proto",
		"shared/lib":            "shared-lib/lib",
		"api":                   "api",
	} {
		assert.Equal(t, want, p.Place(in), in)
	}
	var none *Placer
	assert.Equal(t, "shared", none.Place("shared"))
}

func TestCheckMove(t *testing.T) {
	require.NoError(t, CheckMove("services/users", "users"))
	for _, bad := range [][2]string{{"../x", "y"}, {"x", "/y"}, {"x/", "y"}, {"x", "x"}, {".", "y"}} {
		assert.Error(t, CheckMove(bad[0], bad[1]), bad)
	}
}
