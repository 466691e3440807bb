// Package newcmd implements `archgen new`: answers in, a project on disk out.
package newcmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/cmdutil"
	"github.com/archgen/archgen/internal/iostreams"
	"github.com/archgen/archgen/internal/naming"
	"github.com/archgen/archgen/internal/pipeline"
	"github.com/archgen/archgen/internal/wizard"
	"github.com/archgen/archgen/internal/writer"
)

// Asker asks a person for what the flags did not settle. The wizard is the
// real one; tests substitute their own.
type Asker interface {
	Ask(ctx context.Context, cat *catalog.Catalog, r *wizard.Request) error
	Confirm(ctx context.Context, plan *writer.Plan) (bool, error)
	Overwrite(ctx context.Context, path string, old, new []byte) (bool, error)
}

// Options are the settings of one `archgen new`.
type Options struct {
	IO      *iostreams.IOStreams
	Catalog func() (*catalog.Catalog, error)
	Version string
	// NewAsker returns the wizard; nil means never ask.
	NewAsker func(o *Options) Asker

	Name       string
	Tier       string
	Lang       string
	Style      string
	Dir        string
	Module     string
	DB         string
	Modules    string
	Config     string
	Advice     string
	Set        []string
	OnConflict string
	NoInput    bool
	Force      bool
	DryRun     bool
	Git        bool
	Accessible bool
	Output     string

	changed []string // flags given on the command line
}

// NewCmdNew builds the command. runF replaces the run step in tests.
func NewCmdNew(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Catalog: f.Catalog, Version: f.Version, NewAsker: newWizard}
	cmd := &cobra.Command{
		Use:   "new [NAME]",
		Short: "Generate a new backend project",
		Long:  longHelp,
		Example: `  # an entry-tier Go service in ./myapi
  archgen new myapi

  # a Python Flask service in ./services/billing
  archgen new billing --lang python --dir services/billing

  # be asked for everything (on a terminal)
  archgen new

  # replay a project's answers into another directory, with no terminal
  archgen new --config myapi/.archgen.yaml --dir myapi-copy --no-input

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
			cmd.Flags().Visit(func(fl *pflag.Flag) { opts.changed = append(opts.changed, fl.Name) })
			// A dumb terminal cannot draw the forms: ask line by line.
			if os.Getenv("ACCESSIBLE") != "" || os.Getenv("TERM") == "dumb" {
				opts.Accessible = true
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return Run(cmd.Context(), opts)
		},
	}
	addFlags(cmd, opts)
	registerCompletions(cmd, f)
	return cmd
}

const longHelp = `Generate a new backend project from a template of the catalog.

The template is chosen by --tier, --lang and --style (see archgen list), or
by the template id in an answers file given with --config. Answers come from
the file, then --set key=value, then the flags, each overriding the last.
NAME is validated for the target ecosystem and becomes the directory, the
artifact name and, unless --module is given, the module or package name.

Without NAME on a terminal, archgen asks for every answer the flags did not
settle, shows the tree it will write and asks to confirm. It never prompts
when stdin or stdout is not a terminal or --no-input is set.

The project is written atomically: it is assembled beside the target and
moved into place, so a failure or Ctrl-C leaves nothing behind. A target
directory that exists and is not empty is refused unless --force or
--on-conflict says what to do with files that exist with other content
(fail, skip or overwrite). Identical files are left alone; nothing is ever
deleted.`

func addFlags(cmd *cobra.Command, o *Options) {
	fl := cmd.Flags()
	fl.StringVar(&o.Tier, "tier", "entry", "architecture tier: "+strings.Join(catalog.Tiers, "|")+" (archgen list shows which have templates)")
	fl.StringVar(&o.Lang, "lang", "go", "language: "+strings.Join(catalog.Langs, "|"))
	fl.StringVar(&o.Style, "style", "", "framework within the language (default: the tier's default for --lang)")
	fl.StringVar(&o.Dir, "dir", "", "target directory (default ./NAME)")
	fl.StringVar(&o.Module, "module", "", "Go module path, npm package name, Python package or Java package (default from NAME)")
	fl.StringVar(&o.DB, "db", "", "database, for templates that offer a choice (see archgen list --output json)")
	fl.StringVar(&o.Modules, "modules", "", "feature modules, comma-separated, for templates that take them (e.g. orders,products)")
	fl.StringVar(&o.Config, "config", "", "read answers from a file such as a project's .archgen.yaml")
	fl.StringVar(&o.Advice, "advice", "", "the archgen recommend inputs this project follows, e.g. users=50000,team=4,lang=go; recorded in docs/adr")
	fl.StringArrayVar(&o.Set, "set", nil, "set one answer, key=value (a template parameter, name or module); repeatable")
	fl.StringVar(&o.OnConflict, "on-conflict", "", "write into an existing directory; for files with other content: fail|skip|overwrite")
	fl.BoolVar(&o.NoInput, "no-input", false, "never prompt; fail if an answer is missing")
	fl.BoolVar(&o.Force, "force", false, "write into a non-empty directory, replacing differing files (same as --on-conflict=overwrite)")
	fl.BoolVar(&o.DryRun, "dry-run", false, "print the plan and write nothing")
	fl.BoolVar(&o.Git, "git", false, "run git init and make an initial commit")
	fl.BoolVar(&o.Accessible, "accessible", false, "ask with plain line prompts, for screen readers (also ACCESSIBLE=1)")
	fl.StringVarP(&o.Output, "output", "o", cmdutil.OutputText, "output format: text|json")
}

func newWizard(o *Options) Asker {
	return &wizard.Wizard{In: o.IO.In, Out: o.IO.ErrOut, Accessible: o.Accessible}
}

func (o *Options) policy() (writer.Policy, error) {
	if o.OnConflict != "" && !slices.Contains(writer.Policies, writer.Policy(o.OnConflict)) {
		return "", cmdutil.Usagef("--on-conflict %q is not supported; use fail, skip or overwrite", o.OnConflict)
	}
	switch {
	case o.Force && o.OnConflict != "" && o.OnConflict != string(writer.PolicyOverwrite):
		return "", cmdutil.Usagef("--force means --on-conflict=overwrite; drop one of them")
	case o.Force:
		return writer.PolicyOverwrite, nil
	case o.OnConflict != "":
		return writer.Policy(o.OnConflict), nil
	}
	return writer.PolicyRefuse, nil
}

// asker returns the wizard when a person can be asked, else nil.
func (o *Options) asker() Asker {
	if o.NoInput || !o.IO.CanPrompt() || o.NewAsker == nil {
		return nil
	}
	return o.NewAsker(o)
}

// Run generates the project.
func Run(ctx context.Context, o *Options) error {
	if err := cmdutil.CheckOutput(o.Output, cmdutil.OutputText, cmdutil.OutputJSON); err != nil {
		return err
	}
	policy, err := o.policy()
	if err != nil {
		return err
	}
	cat, err := o.Catalog()
	if err != nil {
		return err
	}
	ask := o.asker()
	interactive := ask != nil && o.Name == "" && o.Config == ""
	if interactive {
		if err := o.runWizard(ctx, ask, cat); err != nil {
			return err
		}
		if policy == writer.PolicyRefuse {
			policy = writer.PolicyFail
		}
	}
	pc := &pipeline.Context{Context: ctx, Catalog: cat, Version: o.Version, Input: o.input(policy)}
	if err := pipeline.Run(pc, pipeline.Generate...); err != nil {
		return err
	}
	for _, w := range pc.Warnings {
		fmt.Fprintln(o.IO.ErrOut, "warning: "+w)
	}
	plan := pc.Plan
	if interactive && !o.DryRun {
		err := confirm(ctx, ask, plan)
		if errors.Is(err, errDeclined) {
			// A person who answers No has decided, not failed: exit 0.
			fmt.Fprintln(o.IO.ErrOut, "Nothing was written: you answered No.")
			return nil
		}
		if err != nil {
			return err
		}
	}
	if o.DryRun {
		return errors.Join(report(o, pc.Result, plan, nil), plan.Err())
	}
	if err := pipeline.Run(pc, pipeline.Write{}); err != nil {
		if ctx.Err() != nil {
			return errors.Join(cmdutil.ErrCancelled, err)
		}
		return err
	}
	var gitNote *gitOutcome
	if o.Git {
		gitNote = initGit(ctx, plan, pc.Template.ID)
	}
	if err := report(o, pc.Result, plan, gitNote); err != nil {
		return err
	}
	if interactive && o.Output == cmdutil.OutputText {
		fmt.Fprintf(o.IO.ErrOut, "\nTo create the same project without questions (e.g. in CI):\n  %s\n", commandLine(o, pc.Template, pc.Answers, plan))
	}
	return nil
}

// input is what the flags and arguments said, for the pipeline.
func (o *Options) input(policy writer.Policy) pipeline.Input {
	return pipeline.Input{
		Config: o.Config, Set: o.Set, Tier: o.Tier, Lang: o.Lang, Style: o.Style,
		Name: o.Name, Module: o.Module, Params: o.flagParams(), Given: o.changed, Dir: o.Dir, Policy: policy, Advice: o.Advice,
	}
}

// flagParams are the template parameters given by their own flags.
func (o *Options) flagParams() map[string]string {
	params := map[string]string{}
	if o.flagSet("db") {
		params["db"] = o.DB
	}
	if o.flagSet("modules") {
		params["modules"] = o.Modules
	}
	return params
}

// flagSet reports whether a flag was given on the command line.
func (o *Options) flagSet(flag string) bool { return slices.Contains(o.changed, flag) }

func (o *Options) runWizard(ctx context.Context, ask Asker, cat *catalog.Catalog) error {
	req := &wizard.Request{Tier: o.Tier, Lang: o.Lang, Style: o.Style, Module: o.Module, Advice: o.Advice, Params: map[string]string{}, Given: o.flagSet}
	for _, kv := range o.Set {
		if k, v, ok := strings.Cut(kv, "="); ok {
			req.Params[k] = v
		}
	}
	for k, v := range o.flagParams() {
		req.Params[k] = v // --db and --modules settle their questions too
	}
	if err := ask.Ask(ctx, cat, req); err != nil {
		return err
	}
	o.Name, o.Tier, o.Lang, o.Style, o.Module = req.Name, req.Tier, req.Lang, req.Style, req.Module
	if req.Advice != "" {
		o.Advice = req.Advice
	}
	for k, v := range req.Params {
		o.Set = append(o.Set, k+"="+v)
	}
	slices.Sort(o.Set)
	o.Set = slices.Compact(o.Set)
	return nil
}

// confirm asks about each conflict (default: keep the file), then shows
// the tree and asks to go ahead.
func confirm(ctx context.Context, ask Asker, plan *writer.Plan) error {
	for _, e := range plan.Entries {
		if e.Action != writer.Conflict {
			continue
		}
		old, err := plan.Existing(e.Path)
		if err != nil {
			return err
		}
		f, _ := plan.File(e.Path)
		overwrite, err := ask.Overwrite(ctx, e.Path, old, f.Content)
		if err != nil {
			return err
		}
		plan.Resolve(e.Path, overwrite)
	}
	ok, err := ask.Confirm(ctx, plan)
	if err != nil {
		return err
	}
	if !ok {
		return errDeclined
	}
	return nil
}

// errDeclined is the answer No at the final confirmation.
var errDeclined = errors.New("declined")
