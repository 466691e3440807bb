package inspect

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/answers"
	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/generate"
	"github.com/archgen/archgen/internal/writer"
	"github.com/archgen/archgen/templates"
)

func testCatalog(t testing.TB) func() (*catalog.Catalog, error) {
	t.Helper()
	c, err := catalog.Load(templates.FS())
	require.NoError(t, err)
	return func() (*catalog.Catalog, error) { return c, nil }
}

// generated writes the default project of template id into a temporary
// directory, the way archgen new does.
func generated(t testing.TB, id string) string {
	t.Helper()
	c, err := testCatalog(t)()
	require.NoError(t, err)
	tm, ok := c.Get(id)
	require.True(t, ok, id)
	a := &answers.Answers{Name: "demo"}
	require.NoError(t, a.Complete(tm))
	res, err := generate.Project(tm, a, "dev")
	require.NoError(t, err)
	dir := filepath.Join(t.TempDir(), "demo")
	plan, err := writer.NewPlan(dir, res.Files, false)
	require.NoError(t, err)
	require.NoError(t, plan.Write(context.Background()))
	return dir
}

// writeFiles writes name → content under dir.
func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
}

func signal(t testing.TB, r *Report, id string) Signal {
	t.Helper()
	for _, s := range r.Signals {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no signal %s", id)
	return Signal{}
}
