package newcmd_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/cmd/root"
	"github.com/archgen/archgen/internal/cmdutil"
	"github.com/archgen/archgen/internal/golden"
	"github.com/archgen/archgen/internal/iostreams"
)

// session runs archgen as if on a terminal, in accessible mode, answering
// the prompts with input; it returns the transcript and the error.
func session(t *testing.T, dir string, input string, args ...string) (string, error) {
	t.Helper()
	ios, in, out, errOut := iostreams.Test()
	ios.SetTTY(true, true, true)
	in.WriteString(input)
	t.Chdir(dir)
	cmd := root.NewCmdRoot(cmdutil.NewFactory(ios, "dev"))
	cmd.SetArgs(append([]string{"new", "--accessible"}, args...))
	err := cmd.ExecuteContext(context.Background())
	return out.String() + errOut.String(), err
}

func TestWizardAccessibleTranscripts(t *testing.T) {
	cases := []struct {
		name  string
		input string
		args  []string
	}{
		// Every question answered: name, tier (1 = entry), language
		// (3 = python), port, confirm; python-flask takes no module.
		{"python", "shop\n1\n3\n5050\ny\n", nil},
		// The flags settle tier and language; only the rest is asked.
		{"flags-settle-lang", "svc\nio.acme.svc\n\ny\n", []string{"--tier", "entry", "--lang", "java"}},
		// Invalid answers are refused as typed, with the flags' messages.
		{"validation", "Bad Name\nok-name\n1\n1\nnot a/module!\n\n99999\n8081\ny\n", nil},
		// The intermediate tier: tier (2), language (1 = go), style (2 =
		// chi), module, port, db (2 = sqlite), modules, confirm.
		{"intermediate", "shop\n2\n1\n2\n\n\n2\norders,invoices\ny\n", nil},
		// Node at the intermediate tier: tier (2), language (2 = node),
		// style (3 = fastify), npm name, port, db (1 = postgres), modules
		// (the default), confirm.
		{"intermediate-node", "shop\n2\n2\n3\n\n\n1\n\ny\n", nil},
		// Python at the intermediate tier: tier (2), language (3 =
		// python), style (1 = django; no module answer), port, db (2 =
		// sqlite), modules, confirm.
		{"intermediate-python", "crm\n2\n3\n1\n\n2\norders,invoices\ny\n", nil},
		// Java at the intermediate tier: tier (2), language (4 = java; one
		// style, so none is asked), base package, port, db (2 = h2), java
		// (1 = 17), modules (the default), confirm.
		{"intermediate-java", "crm\n2\n4\n\n\n2\n1\n\ny\n", nil},
		// The enterprise tier (3): only Go has a platform (language 1 is the
		// one choice; one style, so none is asked); module, layout (1 =
		// monorepo), port, confirm.
		{"enterprise", "shop\n3\n1\n\n1\n\ny\n", nil},
		// The same with layout 2 = polyrepo: a repository per service.
		{"enterprise-polyrepo", "shop\n3\n1\n\n2\n\ny\n", nil},
		// Not sure of the tier (4): the advisor's questions (users,
		// concurrency, team, languages, workload 3 = data), then the tier
		// question again with its recommendation preselected (Enter keeps
		// it), and so on for language and style; port, db, modules, confirm.
		{"advisor", "crm\n4\n50k\n800\n4\npython, go\n3\n\n\n\n\n\n\n\ny\n", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			goldenFile, err := filepath.Abs(filepath.Join("testdata", "wizard-"+c.name+".golden"))
			require.NoError(t, err)
			dir := t.TempDir()
			transcript, err := session(t, dir, c.input, c.args...)
			require.NoError(t, err, transcript)
			golden.Assert(t, goldenFile, []byte(transcript))
		})
	}
}

func TestWizardWritesWhatItSays(t *testing.T) {
	dir := t.TempDir()
	transcript, err := session(t, dir, "shop\n1\n3\n5050\ny\n")
	require.NoError(t, err, transcript)
	answers, err := os.ReadFile(filepath.Join(dir, "shop", ".archgen.yaml"))
	require.NoError(t, err)
	assert.Contains(t, string(answers), "template: entry/python-flask")
	assert.Contains(t, string(answers), "port: 5050")
	assert.Contains(t, transcript, "archgen new shop --tier entry --lang python --style flask --set port=5050 --no-input")
}

// Answering No at the confirmation writes nothing and is not an error.
func TestWizardDeclineWritesNothing(t *testing.T) {
	dir := t.TempDir()
	transcript, err := session(t, dir, "shop\n1\n1\n\n\nn\n")
	require.NoError(t, err, transcript)
	assert.Contains(t, transcript, "Nothing was written: you answered No.")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "nothing is written")
}

func TestWizardEndOfInputWritesNothing(t *testing.T) {
	for name, input := range map[string]string{
		"end of input": "shop\n",
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			transcript, err := session(t, dir, input)
			require.ErrorIs(t, err, cmdutil.ErrCancelled, transcript)
			assert.Equal(t, cmdutil.ExitCancelled, cmdutil.ExitCode(err))
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			assert.Empty(t, entries, "nothing is written")
		})
	}
}

func TestWizardAsksPerConflict(t *testing.T) {
	dir := t.TempDir()
	_, err := session(t, dir, "", "api", "--no-input")
	require.NoError(t, err)
	main := filepath.Join(dir, "api", "main.go")
	require.NoError(t, os.WriteFile(main, []byte("package main // mine\n"), 0o644))
	require.NoError(t, os.Remove(filepath.Join(dir, "api", "db.go")))
	// Asked only because NAME is absent; the dir is given by flag. The
	// conflict is shown with a diff and kept (default no); db.go is created.
	transcript, err := session(t, dir, "api\n1\n1\n\n\n\ny\n", "--dir", "api")
	require.NoError(t, err, transcript)
	assert.Contains(t, transcript, "main.go exists with other content")
	assert.Contains(t, transcript, "-package main // mine")
	got, err := os.ReadFile(main)
	require.NoError(t, err)
	assert.Equal(t, "package main // mine\n", string(got))
	assert.FileExists(t, filepath.Join(dir, "api", "db.go"))
	assert.Contains(t, transcript, "skipped main.go")
	assert.Contains(t, transcript, "--on-conflict skip --no-input", "the equivalent command repeats the decision")
}
