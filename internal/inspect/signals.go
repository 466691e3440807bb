package inspect

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/archgen/archgen/internal/advisor"
)

// Verdicts of a signal.
const (
	VerdictOK            = "ok"
	VerdictUpgradeDue    = "upgrade_due"
	VerdictNotMeasured   = "not_measured"
	VerdictNotApplicable = "not_applicable"
	VerdictFailed        = "failed" // the build command failed
)

// Signal is one row of §6.2 measured on the repository.
type Signal struct {
	// ID is code_files, build_time, contributors, dau or service_languages.
	ID string `json:"id"`
	// Name is the row's name as the report prints it.
	Name string `json:"name"`
	// Measured is false when the value could not be or was not measured.
	Measured bool `json:"measured"`
	// Value is the measured number in Unit; null when not measured.
	Value *float64 `json:"value"`
	// Unit is files, seconds, people, users or languages.
	Unit string `json:"unit"`
	// Shown is the measured value, or why there is none, in words.
	Shown string `json:"shown"`
	// Threshold: an upgrade is due when Value > Threshold.
	Threshold float64 `json:"threshold"`
	// ThresholdText is the threshold as the guide writes it ("> 50").
	ThresholdText string `json:"threshold_text"`
	// AppliesAt are the tiers the signal is for.
	AppliesAt []string `json:"applies_at"`
	// UpgradeTo is the guide's recommended upgrade: intermediate, modular,
	// microservices or enterprise.
	UpgradeTo string `json:"upgrade_to"`
	// NextTier is the archgen tier of UpgradeTo: intermediate or enterprise.
	NextTier string `json:"next_tier"`
	// Verdict is ok, upgrade_due, not_measured, not_applicable or failed.
	Verdict string `json:"verdict"`
	// VerdictText is the verdict as the report prints it.
	VerdictText string `json:"verdict_text"`
	// Row is the §6.2 row, as the guide has it.
	Row string `json:"row"`
}

// rule is how inspect measures a §6.2 row; the row itself (threshold,
// tiers, upgrade) is the advisor's, written once.
type rule struct {
	id, name string
	row      advisor.Signal
}

// rules are the §6.2 rows in the guide's order; contributors in the last
// 90 days are how a repository shows its team.
var rules = func() []rule {
	out := []rule{}
	for _, m := range []struct{ id, name, row string }{
		{"code_files", "code files", "code_files"},
		{"build_time", "build time", "build_time"},
		{"contributors", "contributors in the last 90 days", "team"},
		{"dau", "DAU", "dau"},
		{"service_languages", "service languages", "service_languages"},
	} {
		row, ok := advisor.SignalOf(m.row)
		if !ok {
			panic("inspect: the advisor has no §6.2 row " + m.row)
		}
		out = append(out, rule{m.id, m.name, row})
	}
	return out
}()

// measures are the raw measurements before verdicts.
type measures struct {
	codeFiles, services, contributors int
	inGit, buildAsked                 bool
	dau                               *int64
}

// evaluate gives each §6.2 row its value and verdict at tier.
func evaluate(tier string, m measures, build *BuildRun) []Signal {
	out := make([]Signal, 0, len(rules))
	for _, r := range rules {
		threshold := strings.TrimSuffix(strings.TrimSuffix(r.row.Threshold, " (a multi-language stack)"), " people")
		s := Signal{
			ID: r.id, Name: r.name, Unit: r.row.Unit, Threshold: r.row.Over, ThresholdText: threshold,
			AppliesAt: r.row.AppliesAt, UpgradeTo: r.row.To, NextTier: r.row.NextTier, Row: r.row.Row,
		}
		failed := false
		switch r.id {
		case "code_files":
			s.set(float64(m.codeFiles), strconv.Itoa(m.codeFiles))
		case "service_languages":
			s.set(float64(m.services), strconv.Itoa(m.services))
		case "contributors":
			if m.inGit {
				s.set(float64(m.contributors), fmt.Sprintf("%d (git history)", m.contributors))
			} else {
				s.Shown = "not measured (not a git repository)"
			}
		case "dau":
			if m.dau != nil {
				s.set(float64(*m.dau), advisor.Human(*m.dau)+" (given)")
			} else {
				s.Shown = "not measured (give --dau N)"
			}
		case "build_time":
			switch {
			case !m.buildAsked:
				s.Shown = "not measured (give --measure-build)"
			case build == nil:
				s.Shown = "not measured: no build command found"
			case build.Error != "":
				failed = true
				s.Shown = fmt.Sprintf("failed after %s: %s", duration(build.Seconds), build.Command)
			default:
				s.set(build.Seconds, fmt.Sprintf("%s: %s", duration(build.Seconds), build.Command))
			}
		}
		s.Verdict, s.VerdictText = verdict(tier, s, failed, build)
		out = append(out, s)
	}
	return out
}

func (s *Signal) set(v float64, shown string) {
	s.Measured, s.Value, s.Shown = true, &v, shown
}

func verdict(tier string, s Signal, failed bool, build *BuildRun) (string, string) {
	switch {
	case failed:
		return VerdictFailed, fmt.Sprintf("build failed (exit status %d)", build.ExitStatus)
	case tier == TierUnknown:
		return VerdictNotApplicable, "n/a (tier unknown)"
	case !slices.Contains(s.AppliesAt, tier):
		return VerdictNotApplicable, "n/a at " + tier
	case !s.Measured:
		return VerdictNotMeasured, "not measured"
	case *s.Value > s.Threshold:
		return VerdictUpgradeDue, "upgrade due → " + s.UpgradeTo
	}
	return VerdictOK, "ok"
}

// duration prints seconds the way a person reads a build time.
func duration(sec float64) string {
	d := time.Duration(sec * float64(time.Second))
	if d < time.Minute {
		return d.Round(100 * time.Millisecond).String()
	}
	return d.Round(time.Second).String()
}
