//go:build e2e

package e2e

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func writeNpmProject(t *testing.T, dir, manifest, lock string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "package.json"), []byte(manifest), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "package-lock.json"), []byte(lock), 0o644))
}

// Two projects share an install only when npm ci would write the same tree.
func TestNpmDependencies(t *testing.T) {
	base := t.TempDir()
	key := func(name, manifest, lock string) string {
		dir := filepath.Join(base, name)
		writeNpmProject(t, dir, manifest, lock)
		k, err := npmDependencies(dir)
		require.NoError(t, err)
		return k
	}
	pg := key("pg", `{"name":"a","description":"on PostgreSQL","dependencies":{"x":"1.0.0"}}`, `{"lock":1}`)
	sqlite := key("sqlite", `{"description":"on SQLite","name":"a","dependencies":{"x":"1.0.0"}}`, `{"lock":1}`)
	otherDeps := key("deps", `{"name":"a","dependencies":{"x":"1.0.1"}}`, `{"lock":1}`)
	otherLock := key("lock", `{"name":"a","dependencies":{"x":"1.0.0"}}`, `{"lock":2}`)
	assert.Equal(t, pg, sqlite, "the description and key order do not count")
	assert.NotEqual(t, pg, otherDeps)
	assert.NotEqual(t, pg, otherLock)

	_, err := npmDependencies(filepath.Join(base, "missing"))
	assert.Error(t, err)
}

func TestCopyTreeHardLinks(t *testing.T) {
	src := filepath.Join(t.TempDir(), "node_modules")
	require.NoError(t, os.MkdirAll(filepath.Join(src, "pkg", ".bin"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(src, "pkg", "index.js"), []byte("x"), 0o644))
	require.NoError(t, os.Symlink("../index.js", filepath.Join(src, "pkg", ".bin", "tool")))
	dst := filepath.Join(t.TempDir(), "deep", "node_modules")
	require.NoError(t, copyTree(context.Background(), src, dst))

	a, err := os.Stat(filepath.Join(src, "pkg", "index.js"))
	require.NoError(t, err)
	b, err := os.Stat(filepath.Join(dst, "pkg", "index.js"))
	require.NoError(t, err)
	assert.True(t, os.SameFile(a, b), "a hard link, not a copy")
	link, err := os.Readlink(filepath.Join(dst, "pkg", ".bin", "tool"))
	require.NoError(t, err)
	assert.Equal(t, "../index.js", link)
	assert.Error(t, copyTree(context.Background(), filepath.Join(t.TempDir(), "none"), filepath.Join(t.TempDir(), "x")))
}
