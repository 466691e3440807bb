// Package root assembles archgen's command tree.
package root

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/archgen/archgen/internal/buildinfo"
	inspectcmd "github.com/archgen/archgen/internal/cmd/inspect"
	"github.com/archgen/archgen/internal/cmd/list"
	"github.com/archgen/archgen/internal/cmd/newcmd"
	"github.com/archgen/archgen/internal/cmd/recommend"
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
  archgen new myapi --lang python --dir ~/src/myapi
  archgen recommend --users 50k --concurrency 800 --team 4 --lang go
  archgen inspect . --check`,
		SilenceErrors: true,
		SilenceUsage:  true,
		Version:       f.Version,
		// Runnable, so that an unknown command reaches Args and is a usage
		// error with a suggestion rather than cobra's plain error.
		Args: unknownCommand(true),
		RunE: func(c *cobra.Command, _ []string) error { return c.Help() },
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
		recommend.NewCmdRecommend(f),
		inspectcmd.NewCmdInspect(f),
		version.NewCmdVersion(f),
	)
	cmd.SetHelpCommand(&cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		RunE: func(c *cobra.Command, args []string) error {
			target, rest, err := c.Root().Find(args)
			if err != nil || len(rest) > 0 {
				return unknown(c.Root(), strings.Join(args, " "), true)
			}
			return target.Help()
		},
	})
	cmd.InitDefaultCompletionCmd()
	for _, c := range cmd.Commands() {
		if c.Name() == "completion" {
			// `archgen completion tcsh` names a shell cobra cannot serve.
			c.Args = unknownCommand(false)
			c.RunE = func(c *cobra.Command, _ []string) error { return c.Help() }
			for _, shell := range c.Commands() {
				shell.Args = func(c *cobra.Command, args []string) error {
					return cmdutil.AsUsage(cobra.NoArgs(c, args))
				}
			}
		}
	}
	return cmd
}

// unknownCommand refuses arguments that name no subcommand, suggesting
// the closest one when suggest is set (shell names are too short for a
// suggestion to help).
func unknownCommand(suggest bool) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) == 0 {
			return nil
		}
		return unknown(c, args[0], suggest)
	}
}

func unknown(c *cobra.Command, arg string, suggest bool) error {
	var names []string
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() {
			names = append(names, sub.Name())
		}
	}
	hint := ""
	if c.SuggestionsMinimumDistance <= 0 {
		c.SuggestionsMinimumDistance = 2
	}
	if s := c.SuggestionsFor(arg); suggest && len(s) > 0 {
		hint = fmt.Sprintf("; did you mean %q?", s[0])
	}
	return cmdutil.Usagef("unknown command %q for %q%s (choose one of %s)", arg, c.CommandPath(), hint, strings.Join(names, ", "))
}
