// Package version implements `archgen version`.
package version

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/archgen/archgen/internal/buildinfo"
	"github.com/archgen/archgen/internal/cmdutil"
)

// NewCmdVersion builds the command.
func NewCmdVersion(f *cmdutil.Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print archgen's version",
		Args:  cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			commit := buildinfo.Commit
			if commit == "" {
				commit = "unknown"
			}
			_, err := fmt.Fprintf(f.IO.Out, "archgen %s (commit %s, %s, %s/%s)\n", f.Version, commit, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return err
		},
	}
}
