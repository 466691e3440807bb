// Package golden compares test output with reviewed snapshot files and
// rewrites them when asked with -update or UPDATE_GOLDEN=1.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/aymanbagabas/go-udiff"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

// Updating reports whether golden files are being rewritten.
func Updating() bool { return *update || os.Getenv("UPDATE_GOLDEN") == "1" }

// Assert compares got with the golden file at path, or rewrites it. A
// mismatch is reported as a unified diff, not as two whole files.
func Assert(t *testing.T, path string, got []byte) {
	t.Helper()
	if Updating() {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "golden file missing; run the test with UPDATE_GOLDEN=1 (make golden) and review the diff")
	if string(want) != string(got) {
		t.Errorf("output differs from %s; if intended, run make golden and review the diff:\n%s",
			path, udiff.Unified(path, "got", string(want), string(got)))
	}
}
