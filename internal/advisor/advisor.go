package advisor

import (
	"fmt"
	"slices"
)

// Reason is one rule that fired (or was checked and held), naming the
// guide section and the input behind it.
type Reason struct {
	Section string `json:"section"`
	Input   string `json:"input"`
	// Tier or Lang is what the rule points to ("" when it changed nothing).
	Tier string `json:"tier,omitempty"`
	Lang string `json:"lang,omitempty"`
	Text string `json:"text"`
}

// Alternative is a choice that was close, and why it lost.
type Alternative struct {
	Tier     string `json:"tier"`
	Lang     string `json:"lang"`
	Style    string `json:"style,omitempty"`
	Template string `json:"template,omitempty"`
	Why      string `json:"why"`
}

// Decision is what the rules conclude from the inputs alone.
type Decision struct {
	Inputs Inputs `json:"inputs"`
	Tier   string `json:"tier"`
	Lang   string `json:"lang"`
	// Style is a style the workload prefers over the catalog's default,
	// or "" for the default.
	Style        string        `json:"style,omitempty"`
	Reasons      []Reason      `json:"reasons"`
	Conflicts    []string      `json:"conflicts"`
	Alternatives []Alternative `json:"alternatives"`
	// Watch are the signals that would move the project a tier up.
	Watch []Watch `json:"watch"`

	capped bool // the small-team rule held the tier at intermediate
}

// Watch is a signal to keep an eye on at the decided tier.
type Watch struct {
	Section string `json:"section"`
	Signal
	// Now is the input's value when it was given; Past says it is over
	// the threshold already (the rules kept the tier for another reason).
	Now  string `json:"now,omitempty"`
	Past bool   `json:"past,omitempty"`
}

// Decide applies the rules to the inputs. It needs no catalog: it says
// which tier and language the guide points to; Recommend maps that onto
// the templates archgen has.
func Decide(in Inputs) Decision {
	d := Decision{Inputs: in, Reasons: []Reason{}, Conflicts: []string{}, Alternatives: []Alternative{}}
	d.decideTier()
	d.decideLang()
	d.Watch = d.watchAt(d.Tier)
	if d.capped {
		// The load already points past intermediate: the team is the
		// signal that moves it on.
		team := Watch{Section: "§1.2", Signal: Signal{ID: "team", Signal: "team", Over: smallTeam, Unit: "people",
			Threshold: fmt.Sprintf("> %d people (with this load)", smallTeam), From: Intermediate, To: Enterprise,
			AppliesAt: []string{Intermediate}, NextTier: Enterprise, Measure: "archgen inspect DIR (contributors in the last 90 days)"},
			Now: Human(*in.Team)}
		d.Watch = append([]Watch{team}, d.Watch...)
	}
	return d
}

func (d *Decision) decideTier() {
	in := d.Inputs
	byInput := map[string]string{}
	for _, b := range loadBands {
		p := *in.count(b.Input)
		if p == nil || *p < b.Min || (b.Max != unbounded && *p > b.Max) {
			continue
		}
		byInput[b.Input] = b.Tier
		d.Reasons = append(d.Reasons, Reason{Section: "§1.1", Input: b.Input, Tier: b.Tier,
			Text: fmt.Sprintf("%s %s is %s (§1.1) → %s", b.Input, Human(*p), b.Words, b.Tier)})
		if rank(b.Tier) > rank(d.Tier) {
			d.Tier = b.Tier
		}
	}
	if d.Tier == "" {
		d.Tier = Entry
		d.Reasons = append(d.Reasons, Reason{Section: "§1.2", Input: "users", Tier: Entry,
			Text: "neither users nor concurrency given: start at entry (§1.2 \"don't over-engineer\", §7 \"progressive evolution\"); give --users and --concurrency for a sized answer"})
	}
	if u, c := byInput["users"], byInput["concurrency"]; u != "" && c != "" && u != c {
		hi, lo := "users", "concurrency"
		if rank(c) > rank(u) {
			hi, lo = lo, hi
		}
		d.Conflicts = append(d.Conflicts, fmt.Sprintf(
			"%s %s points to %s but %s %s points to %s (§1.1): the higher wins, because the service must carry its peak; if the %s figure is a short burst, check it before paying for the bigger tier",
			hi, Human(**in.count(hi)), byInput[hi], lo, Human(**in.count(lo)), byInput[lo], hi))
	}
	if in.DAU != nil && in.Users != nil && *in.DAU > *in.Users {
		d.Conflicts = append(d.Conflicts, fmt.Sprintf(
			"dau %s is more than users %s: daily active users are some of the users, so one of the two is off; the rules take each as given",
			Human(*in.DAU), Human(*in.Users)))
	}
	if in.Teams != nil && in.Team != nil && *in.Teams > *in.Team {
		d.Conflicts = append(d.Conflicts, fmt.Sprintf(
			"teams %s is more than team %s people: a team needs at least one person; the rules take each as given",
			Human(*in.Teams), Human(*in.Team)))
	}
	for _, r := range raises {
		p := *in.count(r.Input)
		if p == nil || !slices.Contains(r.From, d.Tier) {
			continue
		}
		if *p > r.Threshold {
			d.Reasons = append(d.Reasons, Reason{Section: r.Section, Input: r.Input, Tier: r.To,
				Text: fmt.Sprintf("%s %s %s (%s) → %s", r.Input, Human(*p), r.Words, r.Section, r.To)})
			d.Tier = r.To
			continue
		}
		d.Reasons = append(d.Reasons, Reason{Section: r.Section, Input: r.Input,
			Text: fmt.Sprintf("%s %s is not over %s (%s) → no change", r.Input, Human(*p), Human(r.Threshold), r.Section)})
	}
	d.capForSmallTeam()
	d.borderlines(byInput)
}

// capForSmallTeam keeps a small team off the enterprise tier's separate
// services, and says so.
func (d *Decision) capForSmallTeam() {
	in := d.Inputs
	if d.Tier != Enterprise || in.Team == nil || *in.Team > smallTeam || (in.Teams != nil && *in.Teams > 1) {
		return
	}
	d.Tier, d.capped = Intermediate, true
	d.Conflicts = append(d.Conflicts, fmt.Sprintf(
		"the load points to enterprise, but a team of %s cannot build and run the enterprise tier's gateway and separately deployed services (§4.2); recommending intermediate instead: one layered service (§3.2) run as several instances behind a load balancer, moving to enterprise as the team grows (§1.2 \"team familiarity\", §6.1 progressive evolution)",
		Human(*in.Team)))
	d.Reasons = append(d.Reasons, Reason{Section: "§1.2", Input: "team", Tier: Intermediate,
		Text: fmt.Sprintf("team %s is %d people or fewer: too few to run microservices (§1.2 \"team familiarity\") → intermediate", Human(*in.Team), smallTeam)})
	d.Alternatives = append(d.Alternatives, Alternative{Tier: Enterprise,
		Why: fmt.Sprintf("what the load alone points to; lost because team %s is %d people or fewer — revisit when the team grows past %d", Human(*in.Team), smallTeam, smallTeam)})
}

// borderlines offers the neighbouring tier when users or concurrency sit
// within 20% of a band's edge.
func (d *Decision) borderlines(byInput map[string]string) {
	for _, b := range loadBands {
		if byInput[b.Input] != b.Tier {
			continue
		}
		v := **d.Inputs.count(b.Input)
		if b.Max != unbounded && float64(v) >= float64(b.Max+1)*(1-borderline) {
			next := Tiers[rank(b.Tier)+1]
			d.addAlternative(Alternative{Tier: next, Why: fmt.Sprintf(
				"%s %s is within 20%% of the %s edge of %s (§1.1); lost because the rules take the band the figure is in — choose it if growth past the edge is planned",
				b.Input, Human(v), Human(b.Max+1), next)})
		}
		// The lower edge as the guide writes it: 1k, 100k, 100, 10k.
		if edge := b.Min - b.Min%10; b.Min > 0 && float64(v) <= float64(edge)*(1+borderline) {
			prev := Tiers[rank(b.Tier)-1]
			d.addAlternative(Alternative{Tier: prev, Why: fmt.Sprintf(
				"%s %s is within 20%% above the %s edge (§1.1); lost because the figure is past the edge — %s may carry it for a while if the figure is an estimate",
				b.Input, Human(v), Human(edge), prev)})
		}
	}
}

func (d *Decision) addAlternative(a Alternative) {
	if a.Tier == d.Tier && a.Lang == "" {
		return
	}
	for _, old := range d.Alternatives {
		if old.Tier == a.Tier && old.Lang == a.Lang && old.Style == a.Style {
			return
		}
	}
	d.Alternatives = append(d.Alternatives, a)
}

func (d *Decision) decideLang() {
	in := d.Inputs
	w, hasWorkload := workloadOf(in.Workload)
	switch {
	case hasWorkload && slices.Contains(in.Langs, w.Lang):
		d.Lang = w.Lang
		d.Reasons = append(d.Reasons, Reason{Section: "§7", Input: "workload", Lang: w.Lang,
			Text: fmt.Sprintf("workload %s: %s (§7), and the team knows it → %s", w.ID, w.Words, w.Lang)})
	case len(in.Langs) > 0:
		d.Lang = in.Langs[0]
		d.Reasons = append(d.Reasons, Reason{Section: "§1.2", Input: "lang", Lang: d.Lang,
			Text: fmt.Sprintf("lang %s is the team's first language (§1.2 \"team familiarity\") → %s", d.Lang, d.Lang)})
		if hasWorkload {
			d.Conflicts = append(d.Conflicts, fmt.Sprintf(
				"workload %s points to %s (§7: %s), which the team does not list; the team's own language wins (§1.2 \"team familiarity\")",
				w.ID, w.Lang, w.Words))
			d.addAlternative(Alternative{Tier: d.Tier, Lang: w.Lang, Why: fmt.Sprintf(
				"fits workload %s (§7); lost because the team does not list %s", w.ID, w.Lang)})
		}
	case hasWorkload:
		d.Lang = w.Lang
		d.Reasons = append(d.Reasons, Reason{Section: "§7", Input: "workload", Lang: w.Lang,
			Text: fmt.Sprintf("workload %s: %s (§7) → %s", w.ID, w.Words, w.Lang)})
	default:
		d.Lang = defaultLang
		d.Reasons = append(d.Reasons, Reason{Section: "§1.2", Input: "lang", Lang: d.Lang,
			Text: fmt.Sprintf("neither lang nor workload given: archgen's default, %s; give --lang for the languages the team knows", d.Lang)})
	}
	if l, ok := LanguageOf(d.Lang); ok {
		d.Reasons = append(d.Reasons, Reason{Section: "§1.2", Input: "lang", Lang: d.Lang,
			Text: fmt.Sprintf("%s: %s → %s (§1.2)", l.Name, l.Philosophy, l.Architecture)})
	}
	for _, other := range in.Langs {
		if other != d.Lang {
			d.addAlternative(Alternative{Tier: d.Tier, Lang: other, Why: fmt.Sprintf(
				"the team knows %s too; lost to %s, %s", other, d.Lang, langWhy(d, hasWorkload))})
		}
	}
	for _, h := range styleHints {
		if h.Tier == d.Tier && h.Lang == d.Lang && h.Workload == in.Workload {
			d.Style = h.Style
			d.Reasons = append(d.Reasons, Reason{Section: h.Section, Input: "workload",
				Text: fmt.Sprintf("workload %s: %s (%s) → style %s", in.Workload, h.Why, h.Section, h.Style)})
		}
	}
}

func langWhy(d *Decision, hasWorkload bool) string {
	if hasWorkload && d.Lang != d.Inputs.Langs[0] {
		return "which fits workload " + d.Inputs.Workload + " (§7)"
	}
	return "listed first"
}

// watchAt lists what would move a project at tier up: §1.1's next band
// and the §6.2 rows that start at that tier.
func (d *Decision) watchAt(tier string) []Watch {
	in := d.Inputs
	now := func(p *int64) string {
		if p == nil {
			return ""
		}
		return Human(*p)
	}
	out := []Watch{}
	if i := rank(tier); i+1 < len(Tiers) {
		next := tierRows[i+1]
		row := func(input, threshold, measure string) Watch {
			over := float64(0)
			for _, b := range loadBands {
				if b.Input == input && b.Tier == tier {
					over = float64(b.Max)
				}
			}
			return Watch{Section: "§1.1", Signal: Signal{ID: input, Signal: input, Over: over, Unit: input, Threshold: threshold,
				From: tier, To: next.Tier, AppliesAt: []string{tier}, NextTier: next.Tier, Measure: measure},
				Now: now(*in.count(input))}
		}
		out = append(out,
			row("users", next.Users, "your analytics"),
			row("concurrency", next.Concurrency, "your load balancer or metrics (http_requests_total)"))
	}
	for _, s := range Signals {
		if !slices.Contains(s.AppliesAt, tier) {
			continue
		}
		w := Watch{Section: "§6.2", Signal: s}
		switch s.ID {
		case "team":
			w.Now = now(in.Team)
		case "dau":
			w.Now = now(in.DAU)
		}
		out = append(out, w)
	}
	for i, w := range out {
		if v, err := ParseCount(w.Now); err == nil && w.Now != "" && float64(v) > w.Over {
			out[i].Past = true
		}
	}
	return out
}

// TierRow is §1.1's line for a tier: users, concurrency, scenario, focus.
func TierRow(tier string) (users, concurrency, scenario, focus string) {
	for _, r := range tierRows {
		if r.Tier == tier {
			return r.Users, r.Concurrency, r.Scenario, r.Focus
		}
	}
	return "", "", "", ""
}
