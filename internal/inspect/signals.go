package inspect

import (
	"fmt"
	"slices"
	"strconv"
	"time"
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

// rule is a §6.2 row; the thresholds are the guide's.
type rule struct {
	id, name, unit, thresholdText, upgradeTo, nextTier, row string
	threshold                                               float64
	appliesAt                                               []string
}

var rules = []rule{
	{"code_files", "code files", "files", "> 50", "intermediate", TierIntermediate, "Code files > 50 | Entry → Intermediate", 50, []string{TierEntry}},
	{"build_time", "build time", "seconds", "> 5 minutes", "modular", TierEnterprise, "Build time > 5 minutes | Intermediate → Modular", 300, []string{TierIntermediate}},
	{"contributors", "contributors in the last 90 days", "people", "> 10", "microservices", TierEnterprise, "Team > 10 people | Intermediate → Microservices", 10, []string{TierIntermediate}},
	{"dau", "DAU", "users", "> 100k", "enterprise", TierEnterprise, "DAU > 100k | Intermediate → Enterprise", 100_000, []string{TierIntermediate}},
	{"service_languages", "service languages", "languages", "> 1", "microservices", TierEnterprise, "Multi-language tech stack | Monolith → Microservices", 1, []string{TierEntry, TierIntermediate}},
}

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
		s := Signal{
			ID: r.id, Name: r.name, Unit: r.unit, Threshold: r.threshold, ThresholdText: r.thresholdText,
			AppliesAt: r.appliesAt, UpgradeTo: r.upgradeTo, NextTier: r.nextTier, Row: r.row,
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
				s.set(float64(*m.dau), groupThousands(*m.dau)+" (given)")
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

// groupThousands writes n with commas: 100,000.
func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
