package inspect

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// treeHash hashes every path, mode, modification time and content under
// dir, the .git directory included.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %v %d\n", p, info.Mode(), info.ModTime().UnixNano())
		if info.Mode().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h.Write(b)
		}
		return nil
	}))
	return fmt.Sprintf("%x", h.Sum(nil))
}

// Inspecting writes nothing: not into a generated project, not into a git
// repository (its index and objects stay as they were).
func TestReadsOnly(t *testing.T) {
	for name, dir := range map[string]string{
		"generated": generated(t, "intermediate/go-gin"),
		"git":       history(t, 3),
	} {
		t.Run(name, func(t *testing.T) {
			before := treeHash(t, dir)
			dau := int64(5)
			_, err := Inspect(context.Background(), dir, Options{Catalog: testCatalog(t), Now: now, DAU: &dau})
			require.NoError(t, err)
			assert.Equal(t, before, treeHash(t, dir))
		})
	}
}

func TestBadDirectory(t *testing.T) {
	dir := t.TempDir()
	_, err := Inspect(context.Background(), filepath.Join(dir, "missing"), Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "does not exist")
	writeFiles(t, dir, map[string]string{"file.txt": "x"})
	_, err = Inspect(context.Background(), filepath.Join(dir, "file.txt"), Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "is a file, not a directory")
}
