package cmdutil

import "github.com/spf13/cobra"

// MaximumArgs is cobra.MaximumNArgs whose error is a usage error.
func MaximumArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		return AsUsage(cobra.MaximumNArgs(n)(cmd, args))
	}
}

// NoArgs is cobra.NoArgs whose error is a usage error.
func NoArgs(cmd *cobra.Command, args []string) error {
	return AsUsage(cobra.NoArgs(cmd, args))
}
