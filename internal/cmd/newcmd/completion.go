package newcmd

import (
	"slices"

	"github.com/spf13/cobra"

	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/cmdutil"
	"github.com/archgen/archgen/internal/writer"
)

// registerCompletions completes flag values from the catalog.
func registerCompletions(cmd *cobra.Command, f *cmdutil.Factory) {
	fixed := func(values ...string) cobra.CompletionFunc {
		return cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp)
	}
	// fromCatalog completes the values pick gives, of the templates that
	// match the --tier and --lang already typed where match asks for them.
	fromCatalog := func(pick func(t *catalog.Template) string, byTier, byLang bool) cobra.CompletionFunc {
		return func(c *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
			cat, err := f.Catalog()
			if err != nil {
				return nil, cobra.ShellCompDirectiveError
			}
			var tier, lang string
			if byTier {
				tier, _ = c.Flags().GetString("tier")
			}
			if byLang {
				lang, _ = c.Flags().GetString("lang")
			}
			var out []string
			for _, t := range cat.Select(tier, lang) {
				if v := pick(t); !slices.Contains(out, v) {
					out = append(out, v)
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		}
	}
	_ = cmd.RegisterFlagCompletionFunc("tier", fromCatalog(func(t *catalog.Template) string { return t.Tier }, false, false))
	_ = cmd.RegisterFlagCompletionFunc("lang", fromCatalog(func(t *catalog.Template) string { return t.Lang }, true, false))
	_ = cmd.RegisterFlagCompletionFunc("style", fromCatalog(func(t *catalog.Template) string { return t.Style }, true, true))
	// --db completes the choices of the db parameter of the templates that
	// match the --tier, --lang and --style already typed.
	_ = cmd.RegisterFlagCompletionFunc("db", func(c *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
		cat, err := f.Catalog()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		tier, _ := c.Flags().GetString("tier")
		lang, _ := c.Flags().GetString("lang")
		style, _ := c.Flags().GetString("style")
		var out []string
		for _, t := range cat.Select(tier, lang) {
			p, ok := t.Parameter("db")
			if !ok || (style != "" && t.Style != style) {
				continue
			}
			for _, choice := range p.Choices {
				if !slices.Contains(out, choice) {
					out = append(out, choice)
				}
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
	policies := make([]string, len(writer.Policies))
	for i, p := range writer.Policies {
		policies[i] = string(p)
	}
	_ = cmd.RegisterFlagCompletionFunc("on-conflict", fixed(policies...))
	_ = cmd.RegisterFlagCompletionFunc("output", fixed(cmdutil.OutputText, cmdutil.OutputJSON))
	_ = cmd.RegisterFlagCompletionFunc("config", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
	})
	_ = cmd.RegisterFlagCompletionFunc("dir", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveFilterDirs
	})
}
