// Package root assembles archgen's command tree.
package root

import (
	"github.com/spf13/cobra"

	"github.com/archgen/archgen/internal/buildinfo"
	"github.com/archgen/archgen/internal/cmd/list"
	"github.com/archgen/archgen/internal/cmd/newcmd"
	"github.com/archgen/archgen/internal/cmd/version"
	"github.com/archgen/archgen/internal/cmdutil"
)

// NewCmdRoot builds the root command with every subcommand.
func NewCmdRoot(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "archgen",
		Short: "Scaffold a backend project at the architecture tier it needs",
		Long: `archgen generates backend projects at the architecture tier a business
needs (entry, intermediate, enterprise) in the language its team uses
(Go, Node.js, Python, Java). Every generated project builds, passes its own
tests and serves its API on first run.`,
		Example: `  archgen list
  archgen new myapi
  archgen new myapi --lang python --dir ~/src/myapi`,
		SilenceErrors: true,
		SilenceUsage:  true,
		Version:       f.Version,
	}
	cmd.SetVersionTemplate(buildinfo.String(f.Version) + "\n")
	cmd.SetIn(f.IO.In)
	cmd.SetOut(f.IO.Out)
	cmd.SetErr(f.IO.ErrOut)
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return cmdutil.Usagef("%w\nrun '%s --help' for usage", err, c.CommandPath())
	})
	cmd.AddCommand(
		newcmd.NewCmdNew(f, nil),
		list.NewCmdList(f),
		version.NewCmdVersion(f),
	)
	return cmd
}
