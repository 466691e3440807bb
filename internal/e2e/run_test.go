//go:build e2e

package e2e

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/catalog"
)

// tailLines is how much of a failed step's log a failure shows.
const tailLines = 40

// deadlineMargin is left of the go test -timeout so that the harness, not
// the test binary's panic, ends a step and cleans up.
const deadlineMargin = 30 * time.Second

// ciMode reports whether CI=true.
func ciMode() bool {
	ci, _ := strconv.ParseBool(os.Getenv("CI"))
	return ci
}

// testContext ends a little before the test binary's deadline.
func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx := t.Context()
	if d, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadlineCause(ctx, d.Add(-deadlineMargin),
			errors.New("the go test -timeout is near; raise it (e.g. -timeout 60m)"))
		t.Cleanup(cancel)
	}
	return ctx
}

// newTestSuite returns a suite in a new work directory, configured from the
// environment (CI, ARCHGEN_E2E_KEEP), that stops its services when t ends.
func newTestSuite(t *testing.T) *Suite {
	t.Helper()
	root, err := os.MkdirTemp("", "archgen-e2e-*")
	require.NoError(t, err)
	s := NewSuite(root)
	s.CI = ciMode()
	s.Keep, _ = strconv.ParseBool(os.Getenv("ARCHGEN_E2E_KEEP"))
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("stopping the suite's services: %v", err)
		}
	})
	return s
}

// progress prints the suite's progress lines as t's output.
func progress(t *testing.T) func(format string, args ...any) {
	w := t.Output()
	return func(format string, args ...any) {
		_, _ = fmt.Fprintf(w, format+"\n", args...)
	}
}

// selection is a template and the answer sets of it to prove: nil stands
// for the defaults.
type selection struct {
	tmpl *catalog.Template
	runs []*catalog.Run
}

// selectTemplates returns what only names (comma-separated entries): an id
// selects the template's defaults and every run its manifest declares;
// id@name selects one of those runs, and id@defaults the defaults alone.
// An empty only selects every template with all its runs.
func selectTemplates(cat *catalog.Catalog, only string) ([]selection, error) {
	all := func(t *catalog.Template) selection {
		return selection{tmpl: t, runs: append([]*catalog.Run{nil}, runsOf(t)...)}
	}
	if strings.TrimSpace(only) == "" {
		var out []selection
		for _, t := range cat.All() {
			out = append(out, all(t))
		}
		return out, nil
	}
	var out []selection
	for entry := range strings.SplitSeq(only, ",") {
		id, runName, hasRun := strings.Cut(strings.TrimSpace(entry), "@")
		tmpl, ok := cat.Get(id)
		if !ok {
			return nil, fmt.Errorf("ARCHGEN_E2E_ONLY names %q, which is not in the catalog; it has %v", id, ids(cat.All()))
		}
		if !hasRun {
			out = append(out, all(tmpl))
			continue
		}
		if runName == "defaults" {
			out = append(out, selection{tmpl: tmpl, runs: []*catalog.Run{nil}})
			continue
		}
		var names []string
		var found *catalog.Run
		for _, r := range runsOf(tmpl) {
			names = append(names, r.Name)
			if r.Name == runName {
				found = r
			}
		}
		if found == nil {
			return nil, fmt.Errorf("ARCHGEN_E2E_ONLY names %q, but %s declares no run %q; it has defaults and %v", entry, id, runName, names)
		}
		out = append(out, selection{tmpl: tmpl, runs: []*catalog.Run{found}})
	}
	return out, nil
}

func ids(ts []*catalog.Template) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.ID
	}
	return out
}

// runCatalog proves the selected templates of cat one after another, each
// in a subtest named by its id, logs one line per template and returns the
// results of those that ran.
func runCatalog(t *testing.T, cat *catalog.Catalog, only string) []*Result {
	t.Helper()
	selected, err := selectTemplates(cat, only)
	require.NoError(t, err)
	if len(selected) == 0 {
		if ciMode() {
			t.Fatal("the catalog has no templates, so nothing was proven (CI=true: this is a failure)")
		}
		t.Skip("the catalog has no templates yet; nothing to prove")
	}
	s := newTestSuite(t)
	var results []*Result
	for _, sel := range selected {
		tmpl := sel.tmpl
		// The defaults first, then each answer set the manifest declares.
		for _, run := range sel.runs {
			name := tmpl.ID
			if run != nil {
				name += "@" + run.Name
			}
			t.Run(name, func(t *testing.T) {
				s.Logf = progress(t)
				r := s.RunWith(testContext(t), tmpl, run)
				results = append(results, r)
				reportResult(t, r)
			})
		}
	}
	s.Logf = progress(t)
	summarize(t, s, results)
	return results
}

// reportResult logs the template's line and fails or skips the subtest.
func reportResult(t *testing.T, r *Result) {
	t.Helper()
	t.Log(r.Line())
	switch r.Outcome() {
	case "FAIL":
		t.Error(r.Detail(tailLines))
	case "SKIP":
		t.Skip(r.Detail(0))
	}
}

// summarize logs every template's line and removes the work directory
// unless a template's directory was kept.
func summarize(t *testing.T, s *Suite, results []*Result) {
	t.Helper()
	lines := make([]string, len(results))
	for i, r := range results {
		lines[i] = r.Line()
	}
	// Why each failure failed, briefly, next to the table: a CI log that
	// keeps only its end still says what went wrong.
	for _, r := range results {
		for _, f := range r.Failed() {
			why := fmt.Sprint(f.Err)
			if len(why) > 600 {
				why = why[:600] + " …"
			}
			lines = append(lines, fmt.Sprintf("  %s: %s: %s", r.ID, f.Name, why))
		}
	}
	t.Logf("end-to-end results:\n%s", strings.Join(lines, "\n"))
	if slices.ContainsFunc(results, func(r *Result) bool { return r.Kept }) {
		t.Logf("work directory kept: %s", s.Root)
		return
	}
	if err := os.RemoveAll(s.Root); err != nil {
		t.Errorf("removing the work directory: %v", err)
	}
}

func runsOf(t *catalog.Template) []*catalog.Run {
	out := make([]*catalog.Run, len(t.Runs))
	for i := range t.Runs {
		out[i] = &t.Runs[i]
	}
	return out
}
