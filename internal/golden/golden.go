// Package golden compares test output with reviewed snapshot files and
// rewrites them when asked with -update or UPDATE_GOLDEN=1.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

// Updating reports whether golden files are being rewritten.
func Updating() bool { return *update || os.Getenv("UPDATE_GOLDEN") == "1" }

// Assert compares got with the golden file at path, or rewrites it.
func Assert(t *testing.T, path string, got []byte) {
	t.Helper()
	if Updating() {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "golden file missing; run the test with UPDATE_GOLDEN=1 and review the diff")
	assert.Equal(t, string(want), string(got), "output differs from %s; if intended, rerun with UPDATE_GOLDEN=1 and review the diff", path)
}
