package cli

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"

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
	} {
		ios, _, _, _ := iostreams.Test()
		assert.Equal(t, tc.want, Run(context.Background(), cmdutil.NewFactory(ios, "dev"), tc.args), "%v", tc.args)
	}
}
