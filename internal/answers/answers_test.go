package answers

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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

func TestParseErrorsNameTheKey(t *testing.T) {
	cases := map[string]string{
		"template: [a]\n":                        `key "template" must be a string, not a list`,
		"name: demo\n":                           `key "template" is missing`,
		"template: x\ncolour: red\n":             `unknown key "colour"; allowed keys are archgen, template, template_digest, name, module, params, files`,
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
