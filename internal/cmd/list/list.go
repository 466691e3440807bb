// Package list implements `archgen list`: the catalog of templates.
package list

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/cmdutil"
	"github.com/archgen/archgen/internal/iostreams"
)

// Options are the settings of one `archgen list`.
type Options struct {
	IO      *iostreams.IOStreams
	Catalog func() (*catalog.Catalog, error)
	Output  string
}

// NewCmdList builds the command.
func NewCmdList(f *cmdutil.Factory) *cobra.Command {
	opts := &Options{IO: f.IO, Catalog: f.Catalog}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the templates in the catalog",
		Long: `List every template archgen can generate: its id (tier/lang-style), tier,
language, style and a one-line description. The default style of a tier and
language is marked with *. On a terminal it prints a table; piped, it prints
tab-separated lines for scripts, unless --output says otherwise.`,
		Example: `  archgen list
  archgen list --output json | jq -r '.[].id'`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return Run(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "output format: text|json|tsv (default: text on a terminal, tsv when piped; tsv: id, tier, lang, style, default, description, no header)")
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions([]string{cmdutil.OutputText, cmdutil.OutputJSON, cmdutil.OutputTSV}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// Run prints the catalog.
func Run(o *Options) error {
	if o.Output == "" {
		o.Output = cmdutil.OutputTSV
		if o.IO.IsStdoutTTY() {
			o.Output = cmdutil.OutputText
		}
	}
	if err := cmdutil.CheckOutput(o.Output, cmdutil.OutputText, cmdutil.OutputJSON, cmdutil.OutputTSV); err != nil {
		return err
	}
	cat, err := o.Catalog()
	if err != nil {
		return err
	}
	all := cat.All()
	switch o.Output {
	case cmdutil.OutputJSON:
		out := make([]catalog.Manifest, len(all))
		for i, t := range all {
			out[i] = t.Manifest
		}
		return cmdutil.WriteJSON(o.IO.Out, out)
	case cmdutil.OutputTSV:
		for _, t := range all {
			fmt.Fprintf(o.IO.Out, "%s\t%s\t%s\t%s\t%t\t%s\n", t.ID, t.Tier, t.Lang, t.Style, t.Default, t.Description)
		}
		return nil
	}
	var table bytes.Buffer
	tw := tabwriter.NewWriter(&table, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TEMPLATE\tTIER\tLANG\tSTYLE\tDESCRIPTION")
	for _, t := range all {
		style := t.Style
		if t.Default {
			style += "*"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", t.ID, t.Tier, t.Lang, style, t.Description)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// A line longer than the terminal is cut with an ellipsis rather than
	// wrapped mid-word; the full descriptions are in --output json or tsv.
	for line := range strings.Lines(table.String()) {
		if _, err := io.WriteString(o.IO.Out, fitLine(strings.TrimSuffix(line, "\n"), o.IO.Width())+"\n"); err != nil {
			return err
		}
	}
	fmt.Fprintln(o.IO.ErrOut, "\n* default style for its tier and language. Generate one with: archgen new NAME --tier TIER --lang LANG [--style STYLE]")
	return nil
}

// fitLine cuts line to width columns (runes), ending it with "…"; a width
// of 0 leaves it whole.
func fitLine(line string, width int) string {
	if width <= 0 || utf8.RuneCountInString(line) <= width {
		return line
	}
	r := []rune(line)
	return strings.TrimRight(string(r[:width-1]), " ") + "…"
}
