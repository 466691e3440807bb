package advisor

import (
	"fmt"
	"strings"

	"github.com/archgen/archgen/internal/catalog"
)

// Recommendation is a Decision mapped onto the catalog: the template to
// generate and the exact command that generates it.
type Recommendation struct {
	Decision
	// Template is the template id to generate, e.g. intermediate/go-gin.
	Template string `json:"template"`
	// Available is false when the catalog has no template at the decided
	// tier for the language, and Template is the nearest tier below.
	Available bool `json:"available"`
	// Note explains a fallback; "" otherwise.
	Note string `json:"note,omitempty"`
	// Advice is the inputs in the form `archgen new --advice` takes.
	Advice  string `json:"advice"`
	Command string `json:"command"`
}

// Recommend decides and picks the template; name is the project name the
// command uses.
func Recommend(cat *catalog.Catalog, in Inputs, name string) (Recommendation, error) {
	d := Decide(in)
	r := Recommendation{Decision: d, Available: true, Advice: in.String()}
	tier := d.Tier
	for len(cat.Select(tier, d.Lang)) == 0 {
		i := rank(tier)
		if i <= 0 {
			return r, fmt.Errorf("the catalog has no %s template at any tier", d.Lang)
		}
		tier = Tiers[i-1]
	}
	if tier != d.Tier {
		r.Available = false
		r.Watch = r.watchAt(tier)
		r.Note = fmt.Sprintf("archgen has no %s template for %s yet; %s is the nearest tier it has: start there and split into services when the §6.2 signals below appear", d.Tier, d.Lang, tier)
	}
	styles := cat.Select(tier, d.Lang)
	t := styles[0] // the catalog lists the default style first
	for _, s := range styles {
		if d.Style != "" && s.Style == d.Style && tier == d.Tier {
			t = s
		}
	}
	r.Template = t.ID
	for i, a := range r.Alternatives {
		lang := a.Lang
		if lang == "" {
			lang = d.Lang
		}
		r.Alternatives[i].Lang = lang
		if alt := cat.Select(a.Tier, lang); len(alt) > 0 && a.Style == "" {
			r.Alternatives[i].Template = alt[0].ID
		}
	}
	for _, s := range styles {
		if s.ID != t.ID {
			r.Alternatives = append(r.Alternatives, Alternative{Tier: s.Tier, Lang: s.Lang, Style: s.Style, Template: s.ID,
				Why: fmt.Sprintf("another %s style at this tier; lost to %s, %s", s.Lang, t.Style, styleWhy(t, d, s))})
		}
	}
	args := []string{"archgen", "new", name, "--tier", t.Tier, "--lang", t.Lang}
	if t.Style != styles[0].Style || d.Style != "" {
		args = append(args, "--style", t.Style)
	}
	if adv := in.String(); adv != "" {
		args = append(args, "--advice", adv)
	}
	r.Command = strings.Join(args, " ")
	return r, nil
}

func styleWhy(t *catalog.Template, d Decision, alt *catalog.Template) string {
	if d.Style == t.Style {
		return "which the workload prefers"
	}
	return "the default (choose it with --style " + alt.Style + ")"
}
