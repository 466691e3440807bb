// Package inspect implements `archgen inspect [DIR]`: where a repository
// stands against the guide's §6.2 upgrade signals.
package inspect

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/archgen/archgen/internal/advisor"
	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/cmdutil"
	"github.com/archgen/archgen/internal/inspect"
	"github.com/archgen/archgen/internal/iostreams"
)

// Options are the settings of one `archgen inspect`.
type Options struct {
	IO           *iostreams.IOStreams
	Catalog      func() (*catalog.Catalog, error)
	Dir          string
	DAU          string
	MeasureBuild bool
	Check        bool
	Output       string
	// Now ends the contributors' 90-day window; zero is the current time.
	Now time.Time
}

// NewCmdInspect builds the command.
func NewCmdInspect(f *cmdutil.Factory) *cobra.Command {
	opts := &Options{IO: f.IO, Catalog: f.Catalog}
	cmd := &cobra.Command{
		Use:   "inspect [DIR]",
		Short: "Measure a repository against the guide's upgrade signals (§6.2)",
		Long:  long,
		Example: `  archgen inspect
  archgen inspect ./api --dau 150k
  archgen inspect --check --measure-build     # in CI: exit status 3 when an upgrade is due
  archgen inspect --output json | jq '.signals[] | select(.verdict == "upgrade_due")'`,
		Args: cmdutil.MaximumArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = "."
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			return Run(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.DAU, "dau", "", "daily active users, which code cannot tell (100000, 100,000, 100k, 1.5M)")
	fl.BoolVar(&opts.MeasureBuild, "measure-build", false, "run the project's verify or build command once and time it (its output goes to stderr)")
	fl.BoolVar(&opts.Check, "check", false, "exit with status 3 when an upgrade is due, for CI")
	fl.StringVarP(&opts.Output, "output", "o", cmdutil.OutputText, "output format: text|json")
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions([]string{cmdutil.OutputText, cmdutil.OutputJSON}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

const long = `Measure an existing repository, made by archgen or not, against the guide's
§6.2 upgrade signals and say where it stands.

The tier and style come from .archgen.yaml when the project has one, else from
the layout: entry is flat files; intermediate is layers (controllers, services,
repositories; domain/usecase/repository/delivery; application/domain/
infrastructure; Django apps; feature modules; Go's cmd/ and internal/);
enterprise is several services (services/*, api-gateway/, or independent
builds in sub-directories).

Signals, each judged at the tier it applies to:
  code files                        > 50         at entry         → intermediate
  build time (--measure-build)      > 5 minutes  at intermediate  → modular
  contributors in the last 90 days  > 10         at intermediate  → microservices
  DAU (--dau, not in code)          > 100k       at intermediate  → enterprise
  service languages                 > 1          at entry or intermediate → microservices

Code files are files of programming languages as GitHub Linguist detects them
(tests included), not docs, configuration, data, lock files, vendored,
generated or build output. JavaScript and TypeScript are one service
language, Node.js; Java and Kotlin are one, Java; shell, SQL, Makefiles, YAML,
HTML and CSS are none. Contributors are the distinct author e-mails of
commits in the 90 days before now, read from the git history without running
git. inspect reads only: it writes nothing and runs nothing unless
--measure-build is given.

--output json prints one object:
  dir, tier (entry|intermediate|enterprise|unknown), style, template,
  source (archgen.yaml|layout), reason,
  languages: [{name, files, service}], service_languages: [name],
  signals: [{id (code_files|build_time|contributors|dau|service_languages),
             name, measured, value (number or null), unit, shown, threshold,
             threshold_text, applies_at, upgrade_to, next_tier,
             verdict (ok|upgrade_due|not_measured|not_applicable|failed),
             verdict_text, row}],
  build: {command, from, seconds, exit_status, error} or null,
  upgrade_due, next_tier, advice: [line].

Exit status: 0 when measured (and, with --check, no upgrade is due); 3 with
--check when an upgrade is due; 1 when DIR cannot be read or the measured
build fails; 2 for a bad flag.`

// Run inspects o.Dir and prints the report.
func Run(ctx context.Context, o *Options) error {
	if err := cmdutil.CheckOutput(o.Output, cmdutil.OutputText, cmdutil.OutputJSON); err != nil {
		return err
	}
	in := inspect.Options{Now: o.Now, MeasureBuild: o.MeasureBuild, BuildOutput: o.IO.ErrOut, Catalog: o.Catalog}
	if o.DAU != "" {
		n, err := advisor.ParseCount(o.DAU)
		if err != nil {
			return cmdutil.Usagef("--dau: %w", err)
		}
		in.DAU = &n
	}
	if ctx == nil {
		ctx = context.Background()
	}
	r, err := inspect.Inspect(ctx, o.Dir, in)
	if err != nil {
		return err
	}
	if o.Output == cmdutil.OutputJSON {
		err = cmdutil.WriteJSON(o.IO.Out, r)
	} else {
		err = writeText(o.IO.Out, r)
	}
	if err != nil {
		return err
	}
	if b := r.Build; b != nil && b.Error != "" {
		return fmt.Errorf("the build command %q failed after %.1fs: %s", b.Command, b.Seconds, b.Error)
	}
	if o.Check && r.UpgradeDue {
		var due []string
		for _, s := range r.Signals {
			if s.Verdict == inspect.VerdictUpgradeDue {
				due = append(due, fmt.Sprintf("%s %s %s → %s", s.Name, trim(s.Shown), s.ThresholdText, s.UpgradeTo))
			}
		}
		return cmdutil.Checkf("upgrade due at %s: %s", r.Tier, strings.Join(due, "; "))
	}
	return nil
}

// writeText prints the table of signals, then the tier and style, the
// languages and the advice.
func writeText(w io.Writer, r *inspect.Report) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SIGNAL\tMEASURED\tTHRESHOLD\tVERDICT")
	for _, s := range r.Signals {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", s.Name, s.Shown, s.ThresholdText, s.VerdictText)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	style := r.Style
	if style == "" {
		style = "unknown"
	}
	fmt.Fprintf(w, "\nDirectory: %s\n", r.Dir)
	fmt.Fprintf(w, "Tier:      %s, style %s (%s)\n", r.Tier, style, r.Reason)
	fmt.Fprintf(w, "Languages: %s\n", languageLine(r))
	fmt.Fprintln(w, "\nNext:")
	for _, a := range r.Advice {
		fmt.Fprintf(w, "  %s\n", a)
	}
	return nil
}

func languageLine(r *inspect.Report) string {
	if len(r.Languages) == 0 {
		return "none (no code files)"
	}
	parts := make([]string, len(r.Languages))
	for i, l := range r.Languages {
		files := "files"
		if l.Files == 1 {
			files = "file"
		}
		parts[i] = fmt.Sprintf("%s %d %s", l.Name, l.Files, files)
	}
	svc := "none"
	if len(r.ServiceLanguages) > 0 {
		svc = strings.Join(r.ServiceLanguages, ", ")
	}
	return strings.Join(parts, ", ") + "; service languages: " + svc
}

func trim(shown string) string {
	if i := strings.Index(shown, " ("); i > 0 {
		return shown[:i]
	}
	return shown
}
