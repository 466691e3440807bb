package cmdutil

import (
	"strings"

	"github.com/spf13/cobra"
)

// MaximumArgs allows at most n arguments; more is a usage error.
func MaximumArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > n && n == 0 {
			return Usagef("%s takes no arguments, got: %s\nrun '%s --help' for usage",
				cmd.CommandPath(), strings.Join(args, " "), cmd.CommandPath())
		}
		if len(args) > n {
			return Usagef("%s takes at most %d argument(s), got %d: %s\nrun '%s --help' for usage",
				cmd.CommandPath(), n, len(args), strings.Join(args, " "), cmd.CommandPath())
		}
		return nil
	}
}

// NoArgs allows no arguments; any is a usage error.
func NoArgs(cmd *cobra.Command, args []string) error {
	return MaximumArgs(0)(cmd, args)
}
