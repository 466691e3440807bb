//go:build e2e

package e2e

import (
	"fmt"
	"strings"
	"time"
)

// Status is the outcome of one step.
type Status string

// The outcomes of a step.
const (
	OK     Status = "ok"
	Fail   Status = "FAIL"
	Skip   Status = "skip"
	NotRun Status = "not run" // an earlier step failed or was skipped
	None   Status = "n/a"     // the manifest gives nothing to do
)

// The steps of a template, in the order they run.
const (
	StepToolchain = "toolchain"
	StepGenerate  = "generate"
	StepServices  = "services"
	StepInstall   = "install"
	StepVerify    = "verify"
	StepBuild     = "build"
	// StepMigrate runs the manifest's migrate command, when it has one.
	StepMigrate = "migrate"
	StepStart   = "start"
	StepAPI     = "api"
	// The checks of an enterprise platform through its gateway: products
	// (the cache), the order flow and its failures; one trace across the
	// processes; the rate limit. n/a for the other tiers.
	StepPlatform  = "platform"
	StepTrace     = "trace"
	StepRateLimit = "rate-limit"
	// StepLimits tries every limit of the contract.
	StepLimits = "limits"
	// The hostile-client classes of the contract, each a step.
	StepMalformedJSON  = "malformed-json"
	StepMalformedPaths = "malformed-paths"
	StepControlChars   = "control-chars"
	StepHugeBody       = "huge-body"
	StepSlowClients    = "slow-clients"
	// StepStop sends SIGTERM under load and requires a clean exit.
	StepStop = "sigterm-load"
)

// Steps lists the step names in order.
var Steps = []string{
	StepToolchain, StepGenerate, StepServices, StepInstall, StepVerify,
	StepBuild, StepMigrate, StepStart, StepAPI, StepPlatform, StepTrace, StepRateLimit, StepLimits, StepMalformedJSON,
	StepMalformedPaths, StepControlChars, StepHugeBody, StepSlowClients, StepStop,
}

// StepResult is what one step did.
type StepResult struct {
	Name     string
	Status   Status
	Duration time.Duration
	Err      error  // why it failed or was skipped
	Log      string // the log to read when it failed; may be empty
}

// Result is what proving one template did.
type Result struct {
	ID        string
	Lang      string
	Toolchain []string
	Dir       string // the template's work directory: project and logs
	Project   string // the generated project, inside Dir
	Kept      bool   // Dir was left on disk
	JDK       string // JAVA_HOME of the commands, when the template's java answer chose it
	Steps     []StepResult
}

// Step returns the result of the named step.
func (r *Result) Step(name string) *StepResult {
	for i := range r.Steps {
		if r.Steps[i].Name == name {
			return &r.Steps[i]
		}
	}
	return nil
}

// Failed returns every step that failed.
func (r *Result) Failed() []*StepResult {
	var out []*StepResult
	for i := range r.Steps {
		if r.Steps[i].Status == Fail {
			out = append(out, &r.Steps[i])
		}
	}
	return out
}

// Stopped returns the first step that failed or was skipped, or nil.
func (r *Result) Stopped() *StepResult {
	for i := range r.Steps {
		if s := r.Steps[i].Status; s == Fail || s == Skip {
			return &r.Steps[i]
		}
	}
	return nil
}

// Outcome is PASS, FAIL or SKIP.
func (r *Result) Outcome() string {
	s := r.Stopped()
	switch {
	case s == nil:
		return "PASS"
	case s.Status == Skip:
		return "SKIP"
	default:
		return "FAIL"
	}
}

// Line is the one-line report of the template: its id, outcome and every
// step's result and duration.
func (r *Result) Line() string {
	cells := make([]string, len(r.Steps))
	for i, s := range r.Steps {
		cells[i] = s.Name + " " + s.cell()
	}
	return fmt.Sprintf("%-28s %s  %s", r.ID, r.Outcome(), strings.Join(cells, ", "))
}

// Detail explains a failed or skipped template: the step, the error, the
// tail of the step's log and where the generated project was kept.
func (r *Result) Detail(tailLines int) string {
	s := r.Stopped()
	if s == nil {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: step %s %s after %s: %v", r.ID, s.Name, s.Status, fmtDuration(s.Duration), s.Err)
	if s.Status == Skip {
		return b.String()
	}
	for _, f := range r.Failed()[1:] {
		fmt.Fprintf(&b, "\n%s: step %s %s after %s: %v", r.ID, f.Name, f.Status, fmtDuration(f.Duration), f.Err)
	}
	if s.Log != "" {
		fmt.Fprintf(&b, "\nlast %d lines of %s:\n%s", tailLines, s.Log, indent(tail(s.Log, tailLines)))
	}
	if r.Kept {
		fmt.Fprintf(&b, "\ngenerated project kept at %s (logs in %s)", r.Project, r.Dir)
	}
	return b.String()
}

func (s StepResult) cell() string {
	switch s.Status {
	case OK, Fail:
		return string(s.Status) + " " + fmtDuration(s.Duration)
	default:
		return string(s.Status)
	}
}

func fmtDuration(d time.Duration) string {
	switch {
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	case d < time.Minute:
		return fmt.Sprintf("%.1fs", d.Seconds())
	default:
		return d.Round(time.Second).String()
	}
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}
