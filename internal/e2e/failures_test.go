//go:build e2e

package e2e

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHarnessReportsFailures runs broken fixture variants and checks that
// each is reported as a failure of the right step, naming the template,
// with the generated project kept. A failed build or server step ends the
// template; a failed check of the running server is followed by the other
// checks, and a variant that breaks one class of the contract fails that
// class's step alone.
func TestHarnessReportsFailures(t *testing.T) {
	cases := []struct {
		id, step, want string
		maxDuration    time.Duration // of the failed step; 0: any
		only           bool          // no other step fails
	}{
		{id: "entry/go-badverify", step: StepVerify, want: "go vet"},
		{id: "entry/go-exits", step: StepStart, want: "exited with status 1 before GET", maxDuration: 30 * time.Second},
		{id: "entry/go-dupe", step: StepAPI, want: "want status 409, got 201"},
		{id: "entry/go-schema", step: StepAPI, want: "breaks the contract"},
		{id: "entry/go-limits", step: StepLimits, want: "want status 400, got 201"}, // the stored name breaks every later list
		{id: "entry/go-deepjson", step: StepMalformedJSON, want: "nested 1000 levels deep", only: true},
		{id: "entry/go-badpath", step: StepMalformedPaths, want: "GET /users/%00: status 500", only: true},
		{id: "entry/go-control", step: StepControlChars, want: "U+0000 in name"}, // likewise
		{id: "entry/go-hugebody", step: StepHugeBody, want: "could be written before the server answered", only: true},
		{id: "entry/go-slow", step: StepSlowClients, want: "while 3 clients trickle"},
		{id: "entry/go-sigload", step: StepStop, want: "in flight at the signal", only: true},
		{id: "entry/go-sigdie", step: StepStop, want: "was killed by signal 15", only: true},
		{id: "entry/go-exit143", step: StepStop, want: "exited with status 143; want 0", only: true},
	}
	ids := make([]string, len(cases))
	for i, c := range cases {
		ids[i] = c.id
	}
	cat := fixtureCatalog(t, ids...)
	s := NewSuite(t.TempDir())
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			s.Logf = progress(t)
			tmpl, ok := cat.Get(c.id)
			require.True(t, ok)
			r := s.Run(testContext(t), tmpl)
			t.Log(r.Line())
			require.Equal(t, "FAIL", r.Outcome(), "the broken template passed")
			first := r.Stopped()
			failed := r.Step(c.step)
			assert.Equal(t, c.step, first.Name, "the first failed step")
			require.Equal(t, Fail, failed.Status)
			assert.Contains(t, failed.Err.Error(), c.want)
			assert.Contains(t, r.Line(), c.id+" ")
			assert.Contains(t, r.Line(), c.step+" FAIL")
			if c.only {
				for _, f := range r.Failed() {
					assert.Equal(t, c.step, f.Name, "step %s failed too: %v", f.Name, f.Err)
				}
			}
			if slices.Contains(checkSteps, c.step) {
				assertRunAfter(t, r, c.step)
			} else {
				assertNotRunAfter(t, r, c.step)
			}
			if c.maxDuration > 0 {
				assert.Less(t, failed.Duration, c.maxDuration, "the harness did not fail fast")
			}
			assert.True(t, r.Kept)
			assert.DirExists(t, r.Project)
			detail := r.Detail(tailLines)
			assert.Contains(t, detail, r.Project, "the failure names the kept project")
			assert.Contains(t, detail, "last 40 lines of "+first.Log)
			assert.Contains(t, detail, "step "+c.step+" FAIL")
		})
	}
}

// checkSteps are the steps after which the next checks still run.
var checkSteps = []string{StepAPI, StepPlatform, StepTrace, StepRateLimit, StepLimits, StepMalformedJSON, StepMalformedPaths, StepControlChars, StepHugeBody, StepSlowClients}

func assertNotRunAfter(t *testing.T, r *Result, step string) {
	t.Helper()
	after := false
	for _, s := range r.Steps {
		if after {
			assert.Equal(t, NotRun, s.Status, "step %s ran after %s failed", s.Name, step)
		}
		after = after || s.Name == step
	}
}

// assertRunAfter checks that every step after a failed check ran, ending
// with the stop.
func assertRunAfter(t *testing.T, r *Result, step string) {
	t.Helper()
	after := false
	for _, s := range r.Steps {
		if after {
			assert.NotEqual(t, NotRun, s.Status, "step %s did not run after the check %s failed", s.Name, step)
		}
		after = after || s.Name == step
	}
}

// TestJavaExit143 checks that status 143 after SIGTERM, which a JVM returns
// after running its shutdown hooks, passes for lang java only (the go case
// is in TestHarnessReportsFailures).
func TestJavaExit143(t *testing.T) {
	cat := fixtureCatalog(t, "entry/java-exit143")
	tmpl, _ := cat.Get("entry/java-exit143")
	r := NewSuite(t.TempDir()).Run(testContext(t), tmpl)
	require.Equal(t, "PASS", r.Outcome(), r.Detail(tailLines))
}

// TestMissingToolchain checks that a program missing from PATH skips the
// template on a workstation and fails it in CI.
func TestMissingToolchain(t *testing.T) {
	cat := fixtureCatalog(t, "entry/go-notool")
	tmpl, _ := cat.Get("entry/go-notool")
	for _, ci := range []bool{false, true} {
		s := NewSuite(t.TempDir())
		s.CI = ci
		r := s.Run(testContext(t), tmpl)
		st := r.Step(StepToolchain)
		want := map[bool]Status{false: Skip, true: Fail}[ci]
		assert.Equal(t, want, st.Status, "CI=%v", ci)
		require.Error(t, st.Err)
		assert.Contains(t, st.Err.Error(), "archgen-e2e-no-such-tool, not found on PATH")
		assertNotRunAfter(t, r, StepToolchain)
	}
}
