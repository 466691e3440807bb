//go:build e2e

package e2e

import (
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/catalog"
)

// fixtureDir holds the fixture template: one files/ tree and a manifest per
// variant, named after the variant's id (entry/go-fixture is
// manifests/entry-go-fixture.yaml).
const fixtureDir = "testdata/fixture"

// fixtureCatalog assembles a catalog of the named fixture variants, each
// with the shared files/ tree.
func fixtureCatalog(t *testing.T, ids ...string) *catalog.Catalog {
	t.Helper()
	tree := os.DirFS(path.Join(fixtureDir, "files"))
	fsys := fstest.MapFS{}
	for _, id := range ids {
		manifest, err := os.ReadFile(path.Join(fixtureDir, "manifests", strings.ReplaceAll(id, "/", "-")+".yaml"))
		require.NoError(t, err)
		fsys[id+"/"+catalog.ManifestName] = &fstest.MapFile{Data: manifest, Mode: 0o644}
		err = fs.WalkDir(tree, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(tree, p)
			fsys[id+"/files/"+p] = &fstest.MapFile{Data: data, Mode: 0o644}
			return err
		})
		require.NoError(t, err)
	}
	cat, err := catalog.Load(fsys)
	require.NoError(t, err)
	return cat
}

// TestFixture proves a correct fixture template through the same path as
// TestTemplates; one that needs PostgreSQL, which proves the service
// wiring (the fixture refuses to start unless DATABASE_URL reaches a
// server); and one with a migrate step and two processes, which proves
// both are run (the entry refuses to start before the migration).
func TestFixture(t *testing.T) {
	results := runCatalog(t, fixtureCatalog(t, "entry/go-fixture", "entry/go-pg", "entry/go-procs"), "")
	var ran []string
	for _, r := range results {
		ran = append(ran, r.ID)
		require.NotEqual(t, "FAIL", r.Outcome(), r.Line())
		if r.ID == "entry/go-procs" {
			require.Equal(t, OK, r.Step(StepMigrate).Status, r.Line())
			require.Equal(t, OK, r.Step(StepStop).Status, r.Line())
		}
	}
	require.Equal(t, []string{"entry/go-fixture", "entry/go-pg", "entry/go-pg@alt", "entry/go-procs"}, ran,
		"a run the manifest declares is proven after the defaults")
}
