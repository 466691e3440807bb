package cli

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/cmdutil"
	"github.com/archgen/archgen/internal/iostreams"
)

// TestInterruptedWriteLeavesNothing stands for Ctrl-C: the context is
// cancelled, archgen exits 130 and the target does not exist.
func TestInterruptedWriteLeavesNothing(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	parent := t.TempDir()
	ios, _, _, errOut := iostreams.Test()
	code := Run(ctx, cmdutil.NewFactory(ios, "dev"), []string{"new", "demo", "--dir", filepath.Join(parent, "demo")})
	assert.Equal(t, cmdutil.ExitCancelled, code)
	assert.Contains(t, errOut.String(), "cancelled; nothing was written")
	entries, err := os.ReadDir(parent)
	require.NoError(t, err)
	assert.Empty(t, entries)
}
