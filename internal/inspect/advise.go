package inspect

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/naming"
)

// catalogLang maps a service language to archgen's --lang.
var catalogLang = map[string]string{"Go": "go", "Node.js": "node", "Python": "python", "Java": "java"}

// advise fills UpgradeDue, Next and Advice from the signals.
func (r *Report) advise(cat func() (*catalog.Catalog, error), name string) {
	var due []Signal
	for _, s := range r.Signals {
		if s.Verdict == VerdictUpgradeDue {
			due = append(due, s)
		}
	}
	r.UpgradeDue = len(due) > 0
	r.Advice = []string{}
	switch {
	case r.UpgradeDue:
		for _, s := range due {
			r.Advice = append(r.Advice, fmt.Sprintf("%s %s %s at %s → %s (§6.2: %s).", s.Name, trimNote(s.Shown), s.ThresholdText, r.Tier, s.UpgradeTo, s.Row))
			if s.NextTier == TierEnterprise || r.Next == "" {
				r.Next = s.NextTier
			}
		}
		r.Advice = append(r.Advice, r.nextStep(cat, name)...)
	case r.Tier == TierEnterprise:
		r.Advice = append(r.Advice, "enterprise is the guide's top tier; §6.2's signals are for entry and intermediate projects.")
	case r.Tier == TierUnknown:
		r.Advice = append(r.Advice, "The tier is unknown, so no signal is judged; the measured values are shown as they are.")
	default:
		r.Advice = append(r.Advice, fmt.Sprintf("No §6.2 signal is due: stay at %s.", r.Tier))
	}
	var missing []string
	for _, s := range r.Signals {
		if s.Verdict == VerdictNotMeasured {
			missing = append(missing, s.Name+" "+strings.TrimPrefix(s.Shown, "not measured "))
		}
	}
	if len(missing) > 0 {
		r.Advice = append(r.Advice, "Not measured: "+strings.Join(missing, "; ")+".")
	}
}

// nextStep says how to move up: archgen upgrades nothing in place, so the
// advice is a new project of the next tier to move the code into.
func (r *Report) nextStep(cat func() (*catalog.Catalog, error), name string) []string {
	lang := r.lang(cat)
	if naming.ValidateName(name) != nil {
		name = "NAME"
	}
	if lang == "" {
		return []string{fmt.Sprintf("Move to the %s tier: archgen cannot upgrade a project in place; see archgen list for its %s templates.", r.Next, r.Next)}
	}
	command := func(tier string) string {
		return fmt.Sprintf("  archgen new %s --tier %s --lang %s --dir %s", name, tier, lang, filepath.Join("..", name+"-"+tier))
	}
	if cat != nil {
		if c, err := cat(); err == nil && len(c.Select(r.Next, lang)) == 0 {
			out := []string{fmt.Sprintf("Move to the %s tier: archgen has no %s template for --lang %s yet (archgen list); the guide's §4 describes the layout.", r.Next, r.Next, lang)}
			// Meanwhile, the nearest tier above this one that archgen has.
			if r.Tier == TierEntry && r.Next == TierEnterprise && len(c.Select(TierIntermediate, lang)) > 0 {
				out = append(out, "Meanwhile, intermediate is the nearest tier archgen has; generate its layout beside this one and move the code across:", command(TierIntermediate))
			}
			return out
		}
	}
	return []string{
		fmt.Sprintf("Move to the %s tier: archgen cannot upgrade a project in place; generate the %s layout beside this one and move the code across:", r.Next, r.Next),
		command(r.Next),
	}
}

// lang is archgen's --lang for the project: its template's, else its main
// service language's.
func (r *Report) lang(cat func() (*catalog.Catalog, error)) string {
	if r.Template != "" {
		if cat != nil {
			if c, err := cat(); err == nil {
				if t, ok := c.Get(r.Template); ok {
					return t.Lang
				}
			}
		}
		_, rest, _ := strings.Cut(r.Template, "/")
		l, _, _ := strings.Cut(rest, "-")
		if slices.Contains(catalog.Langs, l) {
			return l
		}
	}
	if len(r.ServiceLanguages) > 0 {
		return catalogLang[r.ServiceLanguages[0]]
	}
	return ""
}

func trimNote(shown string) string {
	if i := strings.Index(shown, " ("); i > 0 {
		return shown[:i]
	}
	return shown
}
