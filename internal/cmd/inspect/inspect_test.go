package inspect

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/cmdutil"
	"github.com/archgen/archgen/internal/iostreams"
	"github.com/archgen/archgen/templates"
)

// run executes `archgen inspect args...` and returns the exit status,
// stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	f := &cmdutil.Factory{IO: ios, Version: "dev", Catalog: func() (*catalog.Catalog, error) { return catalog.Load(templates.FS()) }}
	cmd := NewCmdInspect(f)
	cmd.SetArgs(args)
	cmd.SetOut(errOut)
	cmd.SetErr(errOut)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	err := cmd.ExecuteContext(context.Background())
	if err != nil {
		fmt.Fprintln(errOut, "archgen:", err)
	}
	return cmdutil.ExitCode(err), out.String(), errOut.String()
}

// flat writes n Go files at the root of a new directory.
func flat(t *testing.T, n int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "demo")
	require.NoError(t, os.Mkdir(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module demo\n"), 0o644))
	for i := range n {
		require.NoError(t, os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%02d.go", i)), []byte("package main\n"), 0o644))
	}
	return dir
}

func TestCheckExitStatus(t *testing.T) {
	for _, tc := range []struct {
		files int
		args  []string
		code  int
	}{
		{60, []string{"--check"}, cmdutil.ExitCheck},
		{51, []string{"--check"}, cmdutil.ExitCheck},
		{50, []string{"--check"}, cmdutil.ExitOK},
		{60, nil, cmdutil.ExitOK},
		{49, []string{"--check", "--output", "json"}, cmdutil.ExitOK},
	} {
		t.Run(fmt.Sprint(tc.files, tc.args), func(t *testing.T) {
			code, out, errOut := run(t, append([]string{flat(t, tc.files)}, tc.args...)...)
			assert.Equal(t, tc.code, code, errOut)
			assert.NotEmpty(t, out, "the report is printed whatever the status")
			if tc.code == cmdutil.ExitCheck {
				assert.Contains(t, errOut, "upgrade due at entry: code files "+fmt.Sprint(tc.files)+" > 50 → intermediate")
			}
		})
	}
}

func TestTextReport(t *testing.T) {
	dir := flat(t, 60)
	code, out, _ := run(t, dir, "--dau", "1.5M")
	require.Equal(t, 0, code)
	lines := strings.Split(out, "\n")
	assert.Regexp(t, `^SIGNAL +MEASURED +THRESHOLD +VERDICT$`, lines[0])
	assert.Regexp(t, `^code files +60 +> 50 +upgrade due → intermediate$`, lines[1])
	assert.Regexp(t, `^build time +not measured \(give --measure-build\) +> 5 minutes +n/a at entry$`, lines[2])
	assert.Regexp(t, `^contributors in the last 90 days +not measured \(not a git repository\) +> 10 +n/a at entry$`, lines[3])
	assert.Regexp(t, `^DAU +1,500,000 \(given\) +> 100k +upgrade due → enterprise$`, lines[4])
	assert.Regexp(t, `^service languages +1 +> 1 +ok$`, lines[5])
	assert.Contains(t, out, "Tier:      entry, style flat (from the layout: no layers or services; 60 code files in 1 directory)\n")
	assert.Contains(t, out, "Languages: Go 60 files; service languages: Go\n")
	assert.Contains(t, out, "  code files 60 > 50 at entry → intermediate (§6.2: Code files > 50 | Entry → Intermediate).\n")
	assert.Contains(t, out, "  DAU 1,500,000 > 100k at entry → enterprise (§6.2: DAU > 100k | Intermediate → Enterprise).\n")
	assert.Contains(t, out, "    archgen new demo --tier enterprise --lang go --dir ../demo-enterprise\n",
		"the furthest upgrade due, which archgen has for Go")
}

// The JSON decodes into the shape the help documents.
func TestJSONShape(t *testing.T) {
	code, out, _ := run(t, flat(t, 60), "-o", "json")
	require.Equal(t, 0, code)
	var r struct {
		Dir              string   `json:"dir"`
		Tier             string   `json:"tier"`
		Style            string   `json:"style"`
		Source           string   `json:"source"`
		Reason           string   `json:"reason"`
		ServiceLanguages []string `json:"service_languages"`
		Languages        []struct {
			Name    string `json:"name"`
			Files   int    `json:"files"`
			Service string `json:"service"`
		} `json:"languages"`
		Signals []struct {
			ID            string   `json:"id"`
			Name          string   `json:"name"`
			Measured      bool     `json:"measured"`
			Value         *float64 `json:"value"`
			Unit          string   `json:"unit"`
			Shown         string   `json:"shown"`
			Threshold     float64  `json:"threshold"`
			ThresholdText string   `json:"threshold_text"`
			AppliesAt     []string `json:"applies_at"`
			UpgradeTo     string   `json:"upgrade_to"`
			NextTier      string   `json:"next_tier"`
			Verdict       string   `json:"verdict"`
			VerdictText   string   `json:"verdict_text"`
			Row           string   `json:"row"`
		} `json:"signals"`
		Build      *struct{} `json:"build"`
		UpgradeDue bool      `json:"upgrade_due"`
		NextTier   string    `json:"next_tier"`
		Advice     []string  `json:"advice"`
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&r))
	assert.Equal(t, "entry", r.Tier)
	assert.Equal(t, "layout", r.Source)
	assert.True(t, r.UpgradeDue)
	assert.Equal(t, "intermediate", r.NextTier)
	assert.Nil(t, r.Build)
	ids := []string{}
	for _, s := range r.Signals {
		ids = append(ids, s.ID)
	}
	assert.Equal(t, []string{"code_files", "build_time", "contributors", "dau", "service_languages"}, ids)
	assert.Equal(t, "upgrade_due", r.Signals[0].Verdict)
	assert.InDelta(t, 60, *r.Signals[0].Value, 0)
	assert.Nil(t, r.Signals[3].Value)
	assert.Equal(t, "not_measured", r.Signals[3].Verdict, "DAU applies at entry too, and was not given")
	assert.Equal(t, "not_applicable", r.Signals[1].Verdict, "build time is a signal of intermediate")
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"missing dir", []string{filepath.Join(dir, "nope")}, cmdutil.ExitError, "does not exist"},
		{"bad dau", []string{dir, "--dau", "many"}, cmdutil.ExitUsage, `--dau: "many" is not a count`},
		{"bad output", []string{dir, "-o", "yaml"}, cmdutil.ExitUsage, `--output "yaml" is not supported`},
		{"two dirs", []string{dir, dir}, cmdutil.ExitUsage, "at most 1 argument"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := run(t, tc.args...)
			assert.Equal(t, tc.code, code)
			assert.Contains(t, errOut, tc.msg)
		})
	}
}

// A failing build prints the report, then fails with status 1 and the
// build's status; its output goes to stderr.
func TestFailingBuild(t *testing.T) {
	dir := flat(t, 2)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Makefile"), []byte("build:\n\t@echo compiling\n\t@exit 1\n"), 0o644))
	code, out, errOut := run(t, dir, "--measure-build", "--check")
	assert.Equal(t, cmdutil.ExitError, code)
	assert.Regexp(t, `(?m)^build time +failed after .*: make build +> 5 minutes +build failed \(exit status 2\)$`, out)
	assert.NotContains(t, out, "compiling")
	assert.Contains(t, errOut, "compiling\n")
	assert.Contains(t, errOut, `the build command "make build" failed after`)
}

// Options.Now is honoured (a fixed clock for scripts and tests).
func TestNowOption(t *testing.T) {
	ios, _, out, _ := iostreams.Test()
	o := &Options{IO: ios, Dir: flat(t, 1), Output: cmdutil.OutputText, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	require.NoError(t, Run(context.Background(), o))
	assert.Contains(t, out.String(), "No §6.2 signal is due: stay at entry.")
}
