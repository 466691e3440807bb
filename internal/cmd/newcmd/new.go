// Package newcmd implements `archgen new`: answers in, a project on disk out.
package newcmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/archgen/archgen/internal/answers"
	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/cmdutil"
	"github.com/archgen/archgen/internal/generate"
	"github.com/archgen/archgen/internal/iostreams"
	"github.com/archgen/archgen/internal/naming"
	"github.com/archgen/archgen/internal/render"
	"github.com/archgen/archgen/internal/writer"
)

// Asker fills in the answers the flags did not settle. It is only called
// when a person can be asked (see iostreams.CanPrompt and --no-input).
type Asker interface {
	Ask(ctx context.Context, o *Options) error
}

// Options are the settings of one `archgen new`.
type Options struct {
	IO      *iostreams.IOStreams
	Catalog func() (*catalog.Catalog, error)
	Version string
	Asker   Asker

	Name    string
	Tier    string
	Lang    string
	Style   string
	Dir     string
	Module  string
	NoInput bool
	Force   bool
	DryRun  bool
	Output  string
}

// NewCmdNew builds the command. runF replaces the run step in tests.
func NewCmdNew(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Catalog: f.Catalog, Version: f.Version}
	cmd := &cobra.Command{
		Use:   "new NAME",
		Short: "Generate a new backend project",
		Long: `Generate a new backend project from a template of the catalog.

The template is chosen by --tier, --lang and --style (see archgen list).
NAME is validated for the target ecosystem and becomes the directory, the
artifact name and, unless --module is given, the module or package name.

The project is written atomically: it is assembled beside the target and
moved into place, so a failure or Ctrl-C leaves nothing behind. A target
directory that exists and is not empty is refused unless --force is given;
--force replaces only the files the template produces and reports them.

archgen never prompts when stdin is not a terminal or --no-input is set.`,
		Example: `  # an entry-tier Go service in ./myapi
  archgen new myapi

  # a Python Flask service in ./services/billing
  archgen new billing --lang python --dir services/billing

  # show what would be written, as JSON, without writing
  archgen new myapi --lang java --module io.acme.myapi --dry-run --output json`,
		Args: cmdutil.MaximumArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				if args[0] == "" {
					return cmdutil.AsUsage(naming.ValidateName(""))
				}
				opts.Name = args[0]
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return Run(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Tier, "tier", "entry", "architecture tier: "+strings.Join(catalog.Tiers, "|"))
	fl.StringVar(&opts.Lang, "lang", "go", "language: "+strings.Join(catalog.Langs, "|"))
	fl.StringVar(&opts.Style, "style", "", "framework within the language (default: the tier's default for --lang)")
	fl.StringVar(&opts.Dir, "dir", "", "target directory (default ./NAME)")
	fl.StringVar(&opts.Module, "module", "", "Go module path, npm package name, Python package or Java package (default from NAME)")
	fl.BoolVar(&opts.NoInput, "no-input", false, "never prompt; fail if an answer is missing")
	fl.BoolVar(&opts.Force, "force", false, "write into a non-empty directory, replacing the files the template produces")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "print the plan and write nothing")
	fl.StringVarP(&opts.Output, "output", "o", cmdutil.OutputText, "output format: text|json")
	return cmd
}

// Run generates the project.
func Run(ctx context.Context, o *Options) error {
	if err := cmdutil.CheckOutput(o.Output, cmdutil.OutputText, cmdutil.OutputJSON); err != nil {
		return err
	}
	if o.Name == "" && !o.NoInput && o.IO.CanPrompt() && o.Asker != nil {
		if err := o.Asker.Ask(ctx, o); err != nil {
			return err
		}
	}
	if o.Name == "" {
		return cmdutil.Usagef("missing project name; run: archgen new NAME")
	}
	cat, err := o.Catalog()
	if err != nil {
		return err
	}
	tmpl, err := cat.Resolve(o.Tier, o.Lang, o.Style)
	if err != nil {
		return cmdutil.AsUsage(err)
	}
	ans := &answers.Answers{Name: o.Name, Module: o.Module}
	if err := ans.Complete(tmpl); err != nil {
		return cmdutil.AsUsage(err)
	}
	files, err := generate.Project(tmpl, ans, o.Version)
	if err != nil {
		return err
	}
	dir := o.Dir
	if dir == "" {
		dir = o.Name
	}
	plan, err := writer.NewPlan(dir, files, o.Force)
	if err != nil {
		return err
	}
	if !o.DryRun {
		if err := plan.Write(ctx); err != nil {
			if ctx.Err() != nil {
				return errors.Join(cmdutil.ErrCancelled, err)
			}
			return err
		}
	}
	data, err := generate.Data(tmpl, ans)
	if err != nil {
		return err
	}
	return report(o, tmpl, plan, data.Commands)
}

// Result is the JSON output of `archgen new`.
type Result struct {
	Template string         `json:"template"`
	Dir      string         `json:"dir"`
	DryRun   bool           `json:"dry_run"`
	Archgen  string         `json:"archgen"`
	Files    []writer.Entry `json:"files"`
	Created  int            `json:"created"`
	Replaced int            `json:"replaced"`
	Same     int            `json:"identical"`
	Bytes    int            `json:"bytes"`
}

func report(o *Options, t *catalog.Template, plan *writer.Plan, cmds render.Commands) error {
	if o.Output == cmdutil.OutputJSON {
		return cmdutil.WriteJSON(o.IO.Out, Result{
			Template: t.ID, Dir: plan.Dir, DryRun: o.DryRun, Archgen: o.Version,
			Files: plan.Entries, Created: plan.Count(writer.Create), Replaced: plan.Count(writer.Overwrite),
			Same: plan.Count(writer.Identical), Bytes: plan.Bytes(),
		})
	}
	if o.DryRun {
		for _, e := range plan.Entries {
			fmt.Fprintf(o.IO.Out, "%-9s  %s (%d bytes)\n", e.Action, e.Path, e.Size)
		}
		fmt.Fprintf(o.IO.Out, "dry run: %s would write %d files, %d bytes, into %s\n",
			t.ID, plan.Count(writer.Create)+plan.Count(writer.Overwrite), plan.Bytes(), plan.Dir)
		return nil
	}
	summary(o.IO.ErrOut, t, plan, cmds)
	return nil
}

func summary(w io.Writer, t *catalog.Template, plan *writer.Plan, cmds render.Commands) {
	fmt.Fprintf(w, "Created %s from %s: %d files written", plan.Dir, t.ID, plan.Count(writer.Create)+plan.Count(writer.Overwrite))
	if n := plan.Count(writer.Identical); n > 0 {
		fmt.Fprintf(w, ", %d already identical", n)
	}
	fmt.Fprintln(w, ".")
	for _, e := range plan.Entries {
		if e.Action == writer.Overwrite {
			fmt.Fprintf(w, "  replaced %s\n", e.Path)
		}
	}
	fmt.Fprintln(w, "\nNext steps:")
	fmt.Fprintf(w, "  cd %s\n", shellQuote(filepath.ToSlash(plan.Dir)))
	for _, c := range []string{cmds.Install, cmds.Verify, cmds.Build, cmds.Run} {
		if c != "" {
			fmt.Fprintf(w, "  %s\n", c)
		}
	}
}

func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
