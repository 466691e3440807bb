package answers

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/advisor"
)

func TestMarshalParseRoundTrip(t *testing.T) {
	a := &Answers{Template: "entry/go-stdlib", Name: "demo", Module: "github.com/acme/demo", Params: map[string]any{"port": 9090, "debug": true}}
	raw, err := a.Marshal(Record{Version: "v1.2.3"})
	require.NoError(t, err)
	assert.Contains(t, string(raw), "archgen: v1.2.3\n")
	assert.Regexp(t, `(?s)params:\n  debug: true\n  port: 9090\n`, string(raw), "keys are sorted")
	back, err := Parse(raw)
	require.NoError(t, err)
	assert.Equal(t, a.Template, back.Template)
	assert.Equal(t, a.Name, back.Name)
	assert.Equal(t, a.Module, back.Module)
	assert.Equal(t, "9090", fmt.Sprint(back.Params["port"]))
	assert.Equal(t, true, back.Params["debug"])
}

// The advisor's inputs survive the file: counts as numbers, languages as
// a list in order of preference.
func TestAdviceRoundTrip(t *testing.T) {
	in, err := advisor.ParseAdvice("users=50000,concurrency=800,team=4,lang=python,lang=go,workload=data")
	require.NoError(t, err)
	a := &Answers{Template: "entry/go-stdlib", Name: "demo", Advice: &in}
	raw, err := a.Marshal(Record{Version: "v1.2.3"})
	require.NoError(t, err)
	assert.Contains(t, string(raw), "advice:\n  users: 50000\n  concurrency: 800\n  team: 4\n  lang:\n  - python\n  - go\n  workload: data\n")
	back, err := Parse(raw)
	require.NoError(t, err)
	require.NotNil(t, back.Advice)
	assert.Equal(t, in, *back.Advice)

	none, err := (&Answers{Template: "entry/go-stdlib", Name: "demo"}).Marshal(Record{})
	require.NoError(t, err)
	assert.NotContains(t, string(none), "advice", "no advice, no key")
}

func TestParseErrorsNameTheKey(t *testing.T) {
	cases := map[string]string{
		"template: [a]\n":                        `key "template" must be a string, not a list`,
		"name: demo\n":                           `key "template" is missing`,
		"template: x\ncolour: red\n":             `unknown key "colour"; allowed keys are archgen, template, template_digest, name, module, params, advice, files`,
		"template: x\nadvice: [1]\n":             `key "advice" must be a mapping such as {users: 50000, team: 4, lang: [go]}, not a list`,
		"template: x\nadvice: {size: 3}\n":       `key "advice.size": unknown input "size"`,
		"template: x\nadvice: {users: many}\n":   `key "advice.users": users: "many" is not a count`,
		"template: x\nadvice: {lang: [cobol]}\n": `key "advice.lang": language "cobol" is not one archgen generates`,
		"template: x\nadvice: {team: {a: 1}}\n":  `key "advice.team" must be a count, a language or a workload, not a mapping`,
		"template: x\nparams: [1, 2]\n":          `key "params" must be a mapping`,
		"template: x\nparams:\n  port: {a: 1}\n": `key "params.port" must be a string, number, boolean or list of names, not a mapping`,
		"template: x\nmodule: 3\n":               `key "module" must be a string, not a number`,
		"template: x\n  bad indentation: [\n":    "not valid YAML",
	}
	for in, want := range cases {
		_, err := Parse([]byte(in))
		if assert.Error(t, err, in) {
			assert.Contains(t, err.Error(), want, in)
		}
	}
}
