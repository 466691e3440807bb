// Package recommend implements `archgen recommend`: the guide's selection
// rules applied to a team's figures, ending in the command that generates
// the recommended project.
package recommend

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/archgen/archgen/internal/advisor"
	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/cmdutil"
	"github.com/archgen/archgen/internal/iostreams"
	"github.com/archgen/archgen/internal/naming"
	"github.com/archgen/archgen/internal/wizard"
)

// Options are the settings of one `archgen recommend`.
type Options struct {
	IO      *iostreams.IOStreams
	Catalog func() (*catalog.Catalog, error)
	// Ask asks the advisor's questions; nil means never ask.
	Ask func(ctx context.Context) (advisor.Inputs, error)

	Name       string
	Counts     map[string]*string // users, concurrency, dau, team, teams as typed
	Langs      []string
	Work       string
	NoInput    bool
	Accessible bool
	Output     string

	given func(string) bool
}

// NewCmdRecommend builds the command.
func NewCmdRecommend(f *cmdutil.Factory) *cobra.Command {
	opts := &Options{IO: f.IO, Catalog: f.Catalog, Counts: map[string]*string{}}
	cmd := &cobra.Command{
		Use:   "recommend [NAME]",
		Short: "Recommend a tier and template from users, load and team",
		Long: `Apply the architecture guide's rules to a team's figures and recommend the
template to generate: the tier by users and concurrency (§1.1), the
language by the team and the workload (§1.2, §7), multi-team work (§3.1,
§4.1) and the upgrade signals (§6.2). Every reason names the guide section
and the input behind it; inputs that disagree are explained, the close
alternatives are listed with why they lost, and the signals that would
move the project a tier up are listed to watch.

The last line is the archgen new command that generates the recommended
project; its --advice records the inputs in the project's decision record
(docs/adr). Counts may be written 50000, 50,000, 50k or 1.5M.

On a terminal with no input given, the questions are asked. --output json
prints the same as data: inputs, tier, lang, template, available, note,
reasons[] {section, input, tier, lang, text}, conflicts[], alternatives[]
{tier, lang, style, template, why}, watch[] {section, signal, threshold,
from, to, measure, now}, advice and command.`,
		Example: `  archgen recommend --users 50k --concurrency 800 --team 4 --lang go
  archgen recommend shop --users 5M --team 2 --lang python --lang go --workload data
  archgen recommend --users 300 --output json | jq -r .command`,
		Args: cmdutil.MaximumArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				if err := naming.ValidateName(args[0]); err != nil {
					return cmdutil.AsUsage(err)
				}
				opts.Name = args[0]
			}
			opts.given = func(name string) bool { return cmd.Flags().Changed(name) }
			if os.Getenv("ACCESSIBLE") != "" || os.Getenv("TERM") == "dumb" {
				opts.Accessible = true
			}
			if opts.IO.CanPrompt() && !opts.NoInput {
				w := &wizard.Wizard{In: opts.IO.In, Out: opts.IO.ErrOut, Accessible: opts.Accessible}
				opts.Ask = w.Advise
			}
			return Run(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	for _, c := range []struct{ name, usage string }{
		{"users", "expected users (§1.1: < 1k entry, 1k–100k intermediate, > 100k enterprise)"},
		{"concurrency", "peak concurrent requests (§1.1: < 100, 100–10k, > 10k)"},
		{"dau", "daily active users (§6.2: > 100k moves intermediate to enterprise)"},
		{"team", "people on the team (§6.2: > 10 moves intermediate to microservices)"},
		{"teams", "teams working on the system (§3.1, §4.1: multi-team collaboration)"},
	} {
		opts.Counts[c.name] = fl.String(c.name, "", c.usage)
	}
	fl.StringArrayVar(&opts.Langs, "lang", nil, "a language the team knows: go|node|python|java; repeatable, in order of preference")
	fl.StringVar(&opts.Work, "workload", "", "what the service mostly does (§7): "+strings.Join(advisor.Workloads(), "|"))
	fl.BoolVar(&opts.NoInput, "no-input", false, "never ask; use only the flags")
	fl.BoolVar(&opts.Accessible, "accessible", false, "ask with plain line prompts, for screen readers (also ACCESSIBLE=1)")
	fl.StringVarP(&opts.Output, "output", "o", cmdutil.OutputText, "output format: text|json")
	_ = cmd.RegisterFlagCompletionFunc("workload", cobra.FixedCompletions(advisor.Workloads(), cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("lang", cobra.FixedCompletions(catalog.Langs, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions([]string{cmdutil.OutputText, cmdutil.OutputJSON}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// inputs reads the flags; every error names the flag.
func (o *Options) inputs() (advisor.Inputs, error) {
	var in advisor.Inputs
	for _, name := range []string{"users", "concurrency", "dau", "team", "teams"} {
		if o.given != nil && !o.given(name) {
			continue
		}
		if v := o.Counts[name]; v != nil && (o.given != nil || *v != "") {
			if err := in.Set(name, *v); err != nil {
				return in, cmdutil.Usagef("--%s: %w", name, err)
			}
		}
	}
	for _, l := range o.Langs {
		if err := in.Set("lang", l); err != nil {
			return in, cmdutil.Usagef("--lang: %w", err)
		}
	}
	if o.Work != "" {
		if err := in.Set("workload", o.Work); err != nil {
			return in, cmdutil.Usagef("--workload: %w", err)
		}
	}
	return in, nil
}

// Run prints the recommendation.
func Run(ctx context.Context, o *Options) error {
	if err := cmdutil.CheckOutput(o.Output, cmdutil.OutputText, cmdutil.OutputJSON); err != nil {
		return err
	}
	in, err := o.inputs()
	if err != nil {
		return err
	}
	if in.Empty() {
		if o.Ask == nil {
			return cmdutil.Usagef("no inputs: give at least --users (and --concurrency, --team, --lang, --workload, --dau, --teams for a fuller answer), or run on a terminal to be asked")
		}
		if in, err = o.Ask(ctx); err != nil {
			return err
		}
	}
	cat, err := o.Catalog()
	if err != nil {
		return err
	}
	name := o.Name
	if name == "" {
		name = "myapi"
	}
	r, err := advisor.Recommend(cat, in, name)
	if err != nil {
		return err
	}
	if o.Output == cmdutil.OutputJSON {
		return cmdutil.WriteJSON(o.IO.Out, r)
	}
	return Text(o.IO.Out, r)
}

// Text writes a recommendation for people.
func Text(w io.Writer, r advisor.Recommendation) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Recommended: %s\n", r.Template)
	users, conc, scenario, focus := advisor.TierRow(r.Tier)
	fmt.Fprintf(&b, "  tier %s (§1.1: %s users, %s concurrent; %s; focus: %s)\n", r.Tier, users, conc, scenario, focus)
	if r.Note != "" {
		fmt.Fprintf(&b, "  %s\n", r.Note)
	}
	b.WriteString("\nInputs\n")
	for _, f := range r.Inputs.Fields() {
		fmt.Fprintf(&b, "  %-12s %s\n", f[0], f[1])
	}
	b.WriteString("\nWhy\n")
	for _, rs := range r.Reasons {
		fmt.Fprintf(&b, "  - %s\n", rs.Text)
	}
	if len(r.Conflicts) > 0 {
		b.WriteString("\nConflicting inputs\n")
		for _, c := range r.Conflicts {
			fmt.Fprintf(&b, "  - %s\n", c)
		}
	}
	if len(r.Alternatives) > 0 {
		b.WriteString("\nAlternatives\n")
		for _, a := range r.Alternatives {
			label := a.Template
			if label == "" {
				label = a.Tier + " (" + a.Lang + ")"
			}
			fmt.Fprintf(&b, "  - %s: %s\n", label, a.Why)
		}
	}
	if len(r.Watch) > 0 {
		b.WriteString("\nSignals to watch (what would move it a tier up)\n")
		for _, s := range r.Watch {
			now := ""
			if s.Now != "" {
				now = ", now " + s.Now
			}
			if s.Past {
				now += ", already past"
			}
			fmt.Fprintf(&b, "  - %s %s → %s (%s%s); measure: %s\n", s.Signal.Signal, s.Threshold, s.To, s.Section, now, s.Measure)
		}
	}
	fmt.Fprintf(&b, "\nGenerate it:\n  %s\n", r.Command)
	_, err := io.WriteString(w, b.String())
	return err
}
