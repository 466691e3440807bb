package recommend_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/cmd/recommend"
	"github.com/archgen/archgen/internal/cmdutil"
	"github.com/archgen/archgen/internal/iostreams"
)

func run(t *testing.T, tty bool, input string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	ios, in, out, errOut := iostreams.Test()
	ios.SetTTY(tty, tty, tty)
	in.WriteString(input)
	cmd := recommend.NewCmdRecommend(cmdutil.NewFactory(ios, "dev"))
	cmd.SetArgs(args)
	cmd.SetIn(ios.In)
	cmd.SetOut(ios.Out)
	cmd.SetErr(ios.ErrOut)
	err = cmd.ExecuteContext(context.Background())
	return out.String(), errOut.String(), err
}

// On a terminal with nothing given, the questions are asked.
func TestAsksOnATerminal(t *testing.T) {
	out, questions, err := run(t, true, "2M\n20k\n40\njava\n5\n", "--accessible")
	require.NoError(t, err)
	assert.Contains(t, questions, "Expected users")
	assert.Contains(t, out, "users 2,000,000 is over 100k (§1.1) → enterprise")
	assert.Contains(t, out, "workload enterprise: Java is enterprise-grade, suitable for large complex systems (§7), and the team knows it → java")
	assert.Contains(t, out, "archgen has no enterprise template for java yet")
	assert.Contains(t, out, "archgen new myapi --tier intermediate --lang java --advice users=2000000,concurrency=20000,team=40,lang=java,workload=enterprise")
}

// Flags never ask, even on a terminal.
func TestFlagsDoNotAsk(t *testing.T) {
	out, questions, err := run(t, true, "", "--users", "300", "--accessible")
	require.NoError(t, err)
	assert.Empty(t, questions)
	assert.Contains(t, out, "Recommended: entry/go-stdlib")
}

// In a script, nothing given is a usage error, never a prompt.
func TestNoInputsInAScript(t *testing.T) {
	_, _, err := run(t, false, "")
	require.Error(t, err)
	assert.Equal(t, cmdutil.ExitUsage, cmdutil.ExitCode(err))
	_, _, err = run(t, true, "", "--no-input")
	assert.Equal(t, cmdutil.ExitUsage, cmdutil.ExitCode(err))
}

func TestJSON(t *testing.T) {
	out, _, err := run(t, false, "", "crm", "--users", "50000", "--concurrency", "20000", "--dau", "40000", "--lang", "node", "--output", "json")
	require.NoError(t, err)
	var got struct {
		Tier      string   `json:"tier"`
		Template  string   `json:"template"`
		Available bool     `json:"available"`
		Conflicts []string `json:"conflicts"`
		Command   string   `json:"command"`
		Reasons   []struct {
			Section, Input, Text string
		} `json:"reasons"`
		Watch []struct {
			Section, Signal, Threshold string
		} `json:"watch"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	assert.Equal(t, "enterprise", got.Tier)
	assert.False(t, got.Available)
	assert.Equal(t, "intermediate/node-nestjs", got.Template, "the node default at the nearest tier the catalog has")
	require.Len(t, got.Conflicts, 1)
	assert.Contains(t, got.Conflicts[0], "concurrency 20,000 points to enterprise but users 50,000 points to intermediate")
	assert.Equal(t, "archgen new crm --tier intermediate --lang node --advice users=50000,concurrency=20000,dau=40000,lang=node", got.Command)
	require.NotEmpty(t, got.Reasons)
	assert.Equal(t, "§1.1", got.Reasons[0].Section)
	require.NotEmpty(t, got.Watch, "the fallback tier's signals: when to split into services")
	assert.Equal(t, "users", got.Watch[0].Signal)
	assert.Equal(t, "> 100k", got.Watch[0].Threshold)
}

func TestBadName(t *testing.T) {
	_, _, err := run(t, false, "", "Bad Name", "--users", "1")
	require.Error(t, err)
	assert.Equal(t, cmdutil.ExitUsage, cmdutil.ExitCode(err))
}
