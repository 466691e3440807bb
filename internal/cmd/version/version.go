// Package version implements `archgen version`.
package version

import (
	"fmt"

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
			_, err := fmt.Fprintln(f.IO.Out, buildinfo.String(f.Version))
			return err
		},
	}
}
