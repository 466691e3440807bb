// Package wizard asks a person, through charmbracelet/huh forms, for the
// answers the flags did not settle. Building the forms is kept apart from
// running them so tests can drive each form without a terminal.
package wizard

import (
	"fmt"
	"strings"

	"github.com/aymanbagabas/go-udiff"
	"github.com/charmbracelet/huh"

	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/lang"
	"github.com/archgen/archgen/internal/naming"

	// Settles the terminal colours before Bubble Tea would probe them.
	_ "github.com/archgen/archgen/internal/termcolor"
	"github.com/archgen/archgen/internal/writer"
)

// tierInfo is the guide's §1.1 row for each tier.
var tierInfo = map[string]string{
	"entry":        "< 1k users, < 100 concurrent; personal projects, MVP, internal tools",
	"intermediate": "1k–100k users, 100–10k concurrent; enterprise systems, SaaS, mid-size platforms",
	"enterprise":   "> 100k users, > 10k concurrent; large platforms, internet applications",
}

// NameForm asks for the project name.
func NameForm(name *string) *huh.Form {
	return huh.NewForm(huh.NewGroup(
		huh.NewInput().
			Title("Project name").
			Description("Lowercase letters, digits and - or _, for example my-api; it names the directory and the artifact.").
			Value(name).
			Validate(naming.ValidateName),
	))
}

// TierForm asks for the architecture tier among those the catalog has,
// or NotSure to answer the advisor's questions first. note, when not
// empty, is the advisor's recommendation, shown with the question.
func TierForm(cat *catalog.Catalog, tier *string, note string) *huh.Form {
	var opts []huh.Option[string]
	for _, t := range tiersOf(cat) {
		opts = append(opts, huh.NewOption(fmt.Sprintf("%-12s %s", t, tierInfo[t]), t))
	}
	opts = append(opts, huh.NewOption("Not sure which tier? Answer a few questions", NotSure))
	var fields []huh.Field
	if note != "" {
		fields = append(fields, huh.NewNote().Title("The advisor's answer").Description(note))
	}
	fields = append(fields, huh.NewSelect[string]().Title("Architecture tier").
		Description("Match the tier to the scale the business needs (guide §1.1).").Options(opts...).Value(tier))
	return huh.NewForm(huh.NewGroup(fields...))
}

// LangForm asks for the language among those the tier has.
func LangForm(cat *catalog.Catalog, tier string, value *string) *huh.Form {
	var opts []huh.Option[string]
	for _, id := range catalog.Langs {
		if l, ok := lang.Get(id); ok && len(cat.Select(tier, id)) > 0 {
			opts = append(opts, huh.NewOption(l.Describe(), id))
		}
	}
	return huh.NewForm(huh.NewGroup(
		huh.NewSelect[string]().Title("Language").Description("Choose the language your team uses (guide §1.2).").Options(opts...).Value(value),
	))
}

// StyleForm asks for the style among those of the tier and language.
func StyleForm(cat *catalog.Catalog, tier, lang string, style *string) *huh.Form {
	var opts []huh.Option[string]
	for _, t := range cat.Select(tier, lang) {
		opts = append(opts, huh.NewOption(t.Style+": "+t.Description, t.Style))
	}
	return huh.NewForm(huh.NewGroup(
		huh.NewSelect[string]().Title("Style").Options(opts...).Value(style),
	))
}

// DetailsForm asks for the module and the template's own parameters,
// validated as typed with the validators the flags use. askModule is false
// when --module settled it.
func DetailsForm(t *catalog.Template, askModule bool, module *string, params map[string]*string) *huh.Form {
	var fields []huh.Field
	if askModule {
		fields = append(fields, huh.NewInput().
			Title(fmt.Sprintf("%s [%s]", t.Language().ModuleLabel, *module)).
			Description("Press Enter to keep the default in brackets.").
			Value(module).
			Validate(orEmpty(t.Language().ValidateModule)))
	}
	for _, p := range t.Parameters {
		v, ok := params[p.Name]
		if !ok {
			continue
		}
		if len(p.Choices) > 0 && p.Type != catalog.TypeList {
			opts := make([]huh.Option[string], len(p.Choices))
			for i, c := range p.Choices {
				opts[i] = huh.NewOption(c, c)
			}
			fields = append(fields, huh.NewSelect[string]().Title(p.Name).Description(p.Description).Options(opts...).Value(v))
			continue
		}
		fields = append(fields, huh.NewInput().
			Title(fmt.Sprintf("%s [%s]", p.Name, catalog.Text(p.Default))).
			Description(p.Description).
			Value(v).
			Validate(orEmpty(func(s string) error { _, err := p.Parse(s); return err })))
	}
	if len(fields) == 0 {
		return nil
	}
	return huh.NewForm(huh.NewGroup(fields...))
}

// ConfirmForm shows the tree that will be written and asks to go ahead.
// A note's text is shown as typed in accessible mode and as huh's small
// markdown on a terminal, so literal text is escaped there.
// rows is the terminal's height (0 when unknown): on a terminal the tree is
// folded so that the whole form fits.
func ConfirmForm(plan *writer.Plan, ok *bool, accessible bool, rows int) *huh.Form {
	lines, note := fit(rows), nonEmptyNote(plan)
	if note != "" {
		lines = max(lines-3, 3) // the note takes two wrapped lines and a blank
	}
	desc := preview(plan, accessible, lines)
	if note != "" {
		desc = note + "\n\n" + desc
	}
	return huh.NewForm(huh.NewGroup(
		huh.NewNote().Title(ConfirmTitle(plan)).Description(literal(desc, accessible)),
		huh.NewConfirm().Title("Write the project?").Affirmative("Yes").Negative("No").Value(ok),
	))
}

// ConfirmTitle says how many files go where.
func ConfirmTitle(plan *writer.Plan) string {
	return fmt.Sprintf("%s will be written to %s", writer.Files(plan.Count(writer.Create)+plan.Count(writer.Overwrite)), plan.Dir)
}

// nonEmptyNote says, when the directory already holds files, that it is
// not empty and what happens to them; "" otherwise.
func nonEmptyNote(plan *writer.Plan) string {
	if !plan.Exists || plan.Fresh {
		return ""
	}
	return fmt.Sprintf("it is not empty: files archgen does not write are kept (%d replaced, %d kept as they are, %d identical)",
		plan.Count(writer.Overwrite), plan.Count(writer.Skip), plan.Count(writer.Identical))
}

// formLines is what a form needs besides its note's text on an 80-column
// screen: title, blank lines, the question and its buttons, huh's help
// line, the note's first wrapped line, and the shell's prompt.
const formLines = 11

// fit is how many lines of text a note may show on a terminal of rows
// rows (24 when unknown), at least five.
func fit(rows int) int {
	if rows <= 0 {
		rows = 24
	}
	return max(rows-formLines, 5)
}

// fold keeps the first max lines of text and counts the rest.
func fold(text string, max int) string {
	lines := strings.SplitAfter(text, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) <= max {
		return text
	}
	return strings.Join(lines[:max-1], "") + fmt.Sprintf("… and %d more lines\n", len(lines)-max+1)
}

// ConflictForm shows how a file differs and asks whether to overwrite it.
func ConflictForm(path string, old, new []byte, overwrite *bool, accessible bool, rows int) *huh.Form {
	diff := udiff.Unified("existing/"+path, "archgen/"+path, string(old), string(new))
	if !accessible {
		// The start of the diff (the file names, the first hunk) must
		// stay on screen; what does not fit is counted.
		diff = fold(diff, fit(rows))
	}
	return huh.NewForm(huh.NewGroup(
		huh.NewNote().Title(path+" exists with other content").Description(literal(diff, accessible)),
		huh.NewConfirm().Title("Overwrite "+path+"?").Affirmative("Overwrite").Negative("Keep mine").Value(overwrite),
	))
}

// Tree renders the plan's paths as an indented tree with their actions.
func Tree(plan *writer.Plan) string {
	var b strings.Builder
	seen := map[string]bool{}
	for _, e := range plan.Entries {
		parts := strings.Split(e.Path, "/")
		for i := range len(parts) - 1 {
			dir := strings.Join(parts[:i+1], "/")
			if !seen[dir] {
				seen[dir] = true
				fmt.Fprintf(&b, "%s%s/\n", strings.Repeat("  ", i), parts[i])
			}
		}
		fmt.Fprintf(&b, "%s%s", strings.Repeat("  ", len(parts)-1), parts[len(parts)-1])
		if e.Action != writer.Create {
			fmt.Fprintf(&b, "  (%s)", e.Action)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// preview is the whole tree in accessible mode (a screen reader reads it
// line by line), and on a terminal a tree of at most lines lines:
// directories below the top level are folded into a count when the whole
// tree is longer, and what still does not fit is counted.
func preview(plan *writer.Plan, accessible bool, lines int) string {
	full := Tree(plan)
	if accessible || strings.Count(full, "\n") <= lines {
		return full
	}
	return Summary(plan, lines)
}

// Summary lists the top level of the plan's tree, each directory with the
// number of files it will hold, in at most max lines.
func Summary(plan *writer.Plan, max int) string {
	var order []string
	count := map[string]int{}
	for _, e := range plan.Entries {
		top, _, isDir := strings.Cut(e.Path, "/")
		if isDir {
			top += "/"
		}
		if _, ok := count[top]; !ok {
			order = append(order, top)
		}
		count[top]++
	}
	var b strings.Builder
	for i, top := range order {
		if i == max-1 && len(order) > max {
			fmt.Fprintf(&b, "… and %d more\n", len(order)-i)
			break
		}
		if strings.HasSuffix(top, "/") {
			fmt.Fprintf(&b, "%s  (%s)\n", top, writer.Files(count[top]))
		} else {
			fmt.Fprintf(&b, "%s\n", top)
		}
	}
	return b.String()
}

// markdownChars are the characters huh's note markdown interprets.
var markdownChars = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`")

// literal keeps text as it is in a note: escaped for the terminal's
// markdown, untouched for accessible mode, which prints it raw.
func literal(text string, accessible bool) string {
	if accessible {
		return text
	}
	return markdownChars.Replace(text)
}

// orEmpty accepts an empty answer, which keeps the default.
func orEmpty(validate func(string) error) func(string) error {
	return func(s string) error {
		if s == "" {
			return nil
		}
		return validate(s)
	}
}

func tiersOf(cat *catalog.Catalog) []string {
	var out []string
	for _, t := range catalog.Tiers {
		if len(cat.Select(t, "")) > 0 {
			out = append(out, t)
		}
	}
	return out
}
