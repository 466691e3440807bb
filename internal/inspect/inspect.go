// Package inspect measures an existing repository, made by archgen or not,
// against the guide's §6.2 upgrade signals: the tier and style it appears
// to be, its code files, its service languages, its contributors in the
// last 90 days, and, when asked, the time of its build. It reads the
// directory and never writes into it; it runs a program only when asked
// to measure the build.
package inspect

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/archgen/archgen/internal/answers"
	"github.com/archgen/archgen/internal/catalog"
)

// Options are what a measurement depends on besides the directory.
type Options struct {
	// Now is the end of the contributors' window; zero means time.Now().
	Now time.Time
	// DAU is the daily active users the caller knows; nil when not given
	// (code cannot tell it).
	DAU *int64
	// MeasureBuild runs the build command once and times it.
	MeasureBuild bool
	// BuildOutput receives the build's output (standard error in the
	// command); nil discards it.
	BuildOutput io.Writer
	// Catalog finds the template a .archgen.yaml names; nil skips it.
	Catalog func() (*catalog.Catalog, error)
}

// Report is the result of one inspection; its JSON is `archgen inspect
// --output json`.
type Report struct {
	// Dir is the absolute path of the directory inspected.
	Dir string `json:"dir"`
	// Tier is entry, intermediate, enterprise or unknown.
	Tier string `json:"tier"`
	// Style is the template's style (gin, spring-boot) from .archgen.yaml,
	// or the shape of the layout: flat, layered, clean layers, DDD layers,
	// Django apps, feature modules, server layout, microservices.
	Style string `json:"style,omitempty"`
	// Template is the template id of .archgen.yaml, when there is one.
	Template string `json:"template,omitempty"`
	// Source is "archgen.yaml" or "layout": where tier and style came from.
	Source string `json:"source"`
	// Reason says how the tier was decided, in words.
	Reason string `json:"reason"`
	// Languages are the code files' languages, most files first.
	Languages []Language `json:"languages"`
	// ServiceLanguages are the distinct service languages, most files first.
	ServiceLanguages []string `json:"service_languages"`
	// Signals are §6.2's rows, in the guide's order.
	Signals []Signal `json:"signals"`
	// Build is the timed build with --measure-build, else null.
	Build *BuildRun `json:"build"`
	// UpgradeDue is true when any signal's verdict is upgrade_due.
	UpgradeDue bool `json:"upgrade_due"`
	// Next is the tier to move to when an upgrade is due, else empty.
	Next string `json:"next_tier,omitempty"`
	// Advice is what to do next, one sentence per line.
	Advice []string `json:"advice"`
}

// Inspect measures dir. A failing build is not an error here: it is
// reported in Report.Build, for the caller to act on.
func Inspect(ctx context.Context, dir string, o Options) (*Report, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	st, err := os.Stat(abs)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("directory %q does not exist; give the directory of a project", dir)
	case err != nil:
		return nil, fmt.Errorf("cannot read %q: %w", dir, err)
	case !st.IsDir():
		return nil, fmt.Errorf("%q is a file, not a directory; give the directory of a project", dir)
	}
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	t, err := walk(abs)
	if err != nil {
		return nil, err
	}
	r := &Report{Dir: abs, Languages: languages(t.code)}
	r.ServiceLanguages = serviceLanguages(r.Languages)
	ans := identify(r, abs, t, o.Catalog)

	m := measures{codeFiles: len(t.code), services: len(r.ServiceLanguages), dau: o.DAU}
	m.contributors, _, m.inGit, err = contributors(abs, now)
	if err != nil {
		return nil, err
	}
	if o.MeasureBuild {
		cmd, from, err := buildCommand(abs, ans, o.Catalog)
		if err != nil {
			return nil, err
		}
		if cmd != "" {
			out := o.BuildOutput
			if out == nil {
				out = io.Discard
			}
			r.Build = runBuild(ctx, abs, cmd, from, out)
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
		}
		m.buildAsked = true
	}
	r.Signals = evaluate(r.Tier, m, r.Build)
	name := filepath.Base(abs)
	if ans != nil && ans.Name != "" {
		name = ans.Name
	}
	r.advise(o.Catalog, name)
	return r, nil
}

// identify fills tier, style and how they were decided: from .archgen.yaml
// when it is there and readable, else from the layout. It returns the
// answers read, if any.
func identify(r *Report, dir string, t *tree, cat func() (*catalog.Catalog, error)) *answers.Answers {
	l := inferLayout(t)
	if !t.rootFiles[answers.FileName] {
		r.Tier, r.Style, r.Source, r.Reason = l.tier, l.style, "layout", l.why
		return nil
	}
	a, err := answers.Load(filepath.Join(dir, answers.FileName))
	if err != nil {
		r.Tier, r.Style, r.Source = l.tier, l.style, "layout"
		r.Reason = fmt.Sprintf("%s (%s is there but unreadable: %v)", l.why, answers.FileName, err)
		return nil
	}
	r.Template, r.Source = a.Template, "archgen.yaml"
	r.Tier, r.Style = splitID(a.Template, cat)
	r.Reason = fmt.Sprintf("from %s: template %s", answers.FileName, a.Template)
	if r.Tier == TierUnknown {
		r.Reason += " (not a tier archgen knows)"
	}
	return a
}

// splitID reads tier and style from a template id tier/lang-style, from
// the catalog when it has the template.
func splitID(id string, cat func() (*catalog.Catalog, error)) (tier, style string) {
	if cat != nil {
		if c, err := cat(); err == nil {
			if t, ok := c.Get(id); ok {
				return t.Tier, t.Style
			}
		}
	}
	tier, rest, _ := strings.Cut(id, "/")
	_, style, _ = strings.Cut(rest, "-")
	switch tier {
	case TierEntry, TierIntermediate, TierEnterprise:
		return tier, style
	}
	return TierUnknown, style
}
