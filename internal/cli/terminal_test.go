package cli

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// On a terminal that never answers colour queries (script(1) gives one),
// archgen must not write a query: it would show as garbage and make every
// command wait for the answer.
func TestNoTerminalQueries(t *testing.T) {
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skip("script(1) from util-linux is not installed")
	}
	bin := filepath.Join(t.TempDir(), "archgen")
	build := exec.Command("go", "build", "-o", bin, "../../cmd/archgen")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)
	for _, args := range []string{"version", "list", "new --help"} {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		cmd := exec.CommandContext(ctx, script, "-qec", bin+" "+args, "/dev/null")
		cmd.Stdin = bytes.NewReader(nil)
		out, err := cmd.Output()
		cancel()
		require.NoError(t, err, "archgen %s under script: %s", args, out)
		assert.NotContains(t, string(out), "\x1b]11;?", "archgen %s queried the background colour", args)
		assert.NotContains(t, string(out), "\x1b[6n", "archgen %s queried the cursor position", args)
	}
}
