package wizard

import (
	"context"
	"strings"

	"github.com/charmbracelet/huh"

	"github.com/archgen/archgen/internal/advisor"
)

// NotSure is the tier answer that asks the advisor's questions first.
const NotSure = "?"

// AdviceAnswers are the advisor's questions as typed; empty means not
// given.
type AdviceAnswers struct {
	Users, Concurrency, Team, Langs, Workload string
}

// AdviceForm asks the advisor's questions (`archgen recommend`'s inputs).
// Every answer may be left empty.
func AdviceForm(a *AdviceAnswers) *huh.Form {
	count := func(name string) func(string) error {
		return func(s string) error {
			if strings.TrimSpace(s) == "" {
				return nil
			}
			var in advisor.Inputs
			return in.Set(name, s)
		}
	}
	workloads := []huh.Option[string]{huh.NewOption("not sure", "")}
	for _, w := range advisor.Workloads() {
		workloads = append(workloads, huh.NewOption(workloadLabel[w], w))
	}
	return huh.NewForm(huh.NewGroup(
		huh.NewNote().Title("A few questions about scale and team").
			Description("The answers pick the tier with the guide's rules (§1.1, §6.2, §7). Press Enter to skip one."),
		huh.NewInput().Title("Expected users").Description("For example 500, 50k or 2M.").Value(&a.Users).Validate(count("users")),
		huh.NewInput().Title("Peak concurrent requests").Description("For example 50, 800 or 20k.").Value(&a.Concurrency).Validate(count("concurrency")),
		huh.NewInput().Title("People on the team").Value(&a.Team).Validate(count("team")),
		huh.NewInput().Title("Languages the team knows").Description("Comma-separated, in order of preference: go, node, python, java.").Value(&a.Langs).Validate(langs),
		huh.NewSelect[string]().Title("Workload").Description("What the service mostly does (guide §7).").Options(workloads...).Value(&a.Workload),
	))
}

var workloadLabel = map[string]string{
	"io":         "io          I/O-intensive: many calls to databases and other services",
	"data":       "data        data processing and AI",
	"compute":    "compute     CPU-heavy, high performance, cloud-native",
	"enterprise": "enterprise  large complex business systems",
}

func langs(s string) error {
	_, err := (&AdviceAnswers{Langs: s}).Inputs()
	return err
}

// Inputs converts the answers into the advisor's inputs.
func (a *AdviceAnswers) Inputs() (advisor.Inputs, error) {
	var in advisor.Inputs
	for _, f := range []struct{ name, value string }{
		{"users", a.Users}, {"concurrency", a.Concurrency}, {"team", a.Team}, {"workload", a.Workload},
	} {
		if strings.TrimSpace(f.value) != "" {
			if err := in.Set(f.name, f.value); err != nil {
				return in, err
			}
		}
	}
	for _, l := range strings.Split(a.Langs, ",") {
		if strings.TrimSpace(l) != "" {
			if err := in.Set("lang", l); err != nil {
				return in, err
			}
		}
	}
	return in, nil
}

// Advise asks the advisor's questions and returns the inputs.
func (w *Wizard) Advise(ctx context.Context) (advisor.Inputs, error) {
	var a AdviceAnswers
	if err := w.run(ctx, AdviceForm(&a)); err != nil {
		return advisor.Inputs{}, err
	}
	return a.Inputs()
}
