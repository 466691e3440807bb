package cli

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/cmdutil"
	"github.com/archgen/archgen/internal/iostreams"
)

// Usage errors exit 2 whichever command they reach.
func TestExitStatuses(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{"version"}, cmdutil.ExitOK},
		{[]string{}, cmdutil.ExitOK},
		{[]string{"lsit"}, cmdutil.ExitUsage},
		{[]string{"completion", "tcsh"}, cmdutil.ExitUsage},
		{[]string{"completion", "bash"}, cmdutil.ExitOK},
		{[]string{"completion", "bash", "bash"}, cmdutil.ExitUsage},
		{[]string{"help", "new"}, cmdutil.ExitOK},
		{[]string{"help", "bogus"}, cmdutil.ExitUsage},
		{[]string{"new", "--no-such-flag"}, cmdutil.ExitUsage},
		{[]string{"new", "Bad Name", "--dry-run"}, cmdutil.ExitUsage},
		{[]string{"recommend", "--users", "500"}, cmdutil.ExitOK},
		{[]string{"recommend", "--users", "lots"}, cmdutil.ExitUsage},
		{[]string{"recommend"}, cmdutil.ExitUsage},
		{[]string{"inspect", "../../no-such-dir"}, cmdutil.ExitError},
		{[]string{"inspect", ".", "--dau", "lots"}, cmdutil.ExitUsage},
	} {
		ios, _, _, _ := iostreams.Test()
		assert.Equal(t, tc.want, Run(context.Background(), cmdutil.NewFactory(ios, "dev"), tc.args), "%v", tc.args)
	}
}

// archgen inspect --check exits 3 when an upgrade is due, so a pipeline
// can fail on it; without --check the same report exits 0.
func TestInspectCheckStatus(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "svc")
	ios, _, _, _ := iostreams.Test()
	f := cmdutil.NewFactory(ios, "dev")
	require.Equal(t, cmdutil.ExitOK, Run(context.Background(), f, []string{"new", "svc", "--dir", dir, "--no-input"}))
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{"inspect", dir, "--check"}, cmdutil.ExitOK},
		{[]string{"inspect", dir, "--dau", "100k", "--check"}, cmdutil.ExitOK},
		{[]string{"inspect", dir, "--dau", "100001", "--check"}, cmdutil.ExitCheck},
		{[]string{"inspect", dir, "--dau", "200k"}, cmdutil.ExitOK},
	} {
		ios, _, _, _ := iostreams.Test()
		assert.Equal(t, tc.want, Run(context.Background(), cmdutil.NewFactory(ios, "dev"), tc.args), "%v", tc.args)
	}
}
