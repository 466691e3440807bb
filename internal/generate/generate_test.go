package generate

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/txtar"

	"github.com/archgen/archgen/internal/answers"
	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/golden"
	"github.com/archgen/archgen/internal/render"
	"github.com/archgen/archgen/templates"
)

func loadCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(templates.FS())
	require.NoError(t, err)
	require.NotEmpty(t, c.All())
	return c
}

func generateDefault(t testing.TB, tm *catalog.Template, name, module string) []render.File {
	t.Helper()
	a := &answers.Answers{Name: name, Module: module}
	require.NoError(t, a.Complete(tm))
	res, err := Project(tm, a, "dev")
	require.NoError(t, err)
	return res.Files
}

// archive renders files as a txtar archive; the comment lists file modes
// other than 0644 so a reviewer sees them in the diff. A file copied byte
// for byte that is a lockfile, a wrapper or large is stored as one line
// with its size and SHA-256, so the goldens stay reviewable; every
// rendered file is stored in full.
func archive(files []render.File) []byte {
	ar := &txtar.Archive{}
	var modes strings.Builder
	for _, f := range files {
		if f.Mode != 0o644 {
			fmt.Fprintf(&modes, "mode %s %s\n", f.Mode, f.Path)
		}
		data := f.Content
		if digestOnly(f) {
			sum := sha256.Sum256(f.Content)
			data = fmt.Appendf(nil, "(copied byte for byte: %d bytes, sha256 %x)\n", len(f.Content), sum)
		}
		ar.Files = append(ar.Files, txtar.File{Name: f.Path, Data: data})
	}
	ar.Comment = []byte(modes.String())
	return txtar.Format(ar)
}

// TestGolden compares every template's default output, `archgen new demo`,
// with its reviewed snapshot in testdata/golden.
func TestGolden(t *testing.T) {
	for _, tm := range loadCatalog(t).All() {
		t.Run(tm.ID, func(t *testing.T) {
			files := generateDefault(t, tm, "demo", "")
			golden.Assert(t, filepath.Join("..", "..", "testdata", "golden", tm.ID+".txtar"), archive(files))
		})
	}
}

// TestGoldenLayouts compares the output of every run of a template with
// moves (another layout of its tree, such as enterprise/go-kit's polyrepo)
// with its snapshot, testdata/golden/<id>@<run>.txtar: those runs write a
// different tree, which a reviewer reads as one.
func TestGoldenLayouts(t *testing.T) {
	n := 0
	for _, tm := range loadCatalog(t).All() {
		if len(tm.Moves) == 0 {
			continue
		}
		for _, run := range tm.Runs {
			n++
			t.Run(tm.ID+"@"+run.Name, func(t *testing.T) {
				a := &answers.Answers{Name: "demo", Params: maps.Clone(run.Params)}
				require.NoError(t, a.Complete(tm))
				res, err := Project(tm, a, "dev")
				require.NoError(t, err)
				golden.Assert(t, filepath.Join("..", "..", "testdata", "golden", tm.ID+"@"+run.Name+".txtar"), archive(res.Files))
			})
		}
	}
	require.NotZero(t, n, "enterprise/go-kit's polyrepo run has a golden")
}

// TestDeterministic renders every template repeatedly: the same answers
// must give the same bytes.
func TestDeterministic(t *testing.T) {
	for _, tm := range loadCatalog(t).All() {
		first := archive(generateDefault(t, tm, "my-api", ""))
		for range 3 {
			require.Equal(t, string(first), string(archive(generateDefault(t, tm, "my-api", ""))), tm.ID)
		}
	}
}

// digestOnly says whether a golden stores only the digest of f.
func digestOnly(f render.File) bool {
	if f.Rendered {
		return false
	}
	switch path.Base(f.Path) {
	case "go.sum", "package-lock.json", "mvnw", "mvnw.cmd", "poetry.lock", "uv.lock", "yarn.lock", "pnpm-lock.yaml":
		return true
	}
	return strings.HasSuffix(f.Path, ".jar") || len(f.Content) > 16<<10
}
