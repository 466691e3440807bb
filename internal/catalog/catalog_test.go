package catalog

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const goManifest = `id: entry/go-stdlib
tier: entry
lang: go
style: stdlib
default: true
description: Go service
parameters:
  - name: port
    description: port
    type: int
    default: 8080
    min: 1
    max: 65535
commands:
  verify: go test ./...
  run: ./bin/app
`

func fixture(extra map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		"entry/go-stdlib/template.yaml": {Data: []byte(goManifest)},
		"entry/go-stdlib/files/x":       {Data: []byte("x")},
	}
	for k, v := range extra {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return fsys
}

func TestLoadAndResolve(t *testing.T) {
	c, err := Load(fixture(map[string]string{
		"entry/go-chi/template.yaml": "id: entry/go-chi\ntier: entry\nlang: go\nstyle: chi\ndescription: chi\ncommands: {verify: v, run: r}\n",
		"entry/go-chi/files/x":       "x",
	}))
	require.NoError(t, err)
	ids := []string{}
	for _, tm := range c.All() {
		ids = append(ids, tm.ID)
	}
	assert.Equal(t, []string{"entry/go-stdlib", "entry/go-chi"}, ids, "the default style comes first")

	tm, err := c.Resolve("entry", "go", "")
	require.NoError(t, err)
	assert.Equal(t, "entry/go-stdlib", tm.ID)
	assert.Equal(t, 8080, tm.Defaults()["port"])
	tm, err = c.Resolve("entry", "go", "chi")
	require.NoError(t, err)
	assert.Equal(t, "entry/go-chi", tm.ID)
}

func TestResolveErrorsListWhatExists(t *testing.T) {
	c, err := Load(fixture(nil))
	require.NoError(t, err)
	cases := map[[3]string]string{
		{"big", "go", ""}:              `unknown tier "big"; choose one of entry, intermediate, enterprise`,
		{"entry", "rust", ""}:          `unknown language "rust"`,
		{"entry", "go", "gin"}:         `style "gin" does not exist for entry/go; use --style with one of stdlib`,
		{"intermediate", "go", ""}:     "there is no intermediate/go template yet; available: entry/go-stdlib",
		{"entry", "python", "fastapi"}: "there is no entry/python-fastapi template yet",
	}
	for in, want := range cases {
		_, err := c.Resolve(in[0], in[1], in[2])
		require.ErrorIs(t, err, ErrNoTemplate)
		assert.Contains(t, err.Error(), want)
	}
}

func TestManifestValidation(t *testing.T) {
	bad := map[string]string{
		"unknown key":     goManifest + "colour: blue\n",
		"id mismatch":     "id: entry/go-gin\ntier: entry\nlang: go\nstyle: stdlib\ndescription: d\ncommands: {verify: v, run: r}\n",
		"bad tier":        "id: huge/go-stdlib\ntier: huge\nlang: go\nstyle: stdlib\ndescription: d\ncommands: {verify: v, run: r}\n",
		"no verify":       "id: entry/go-stdlib\ntier: entry\nlang: go\nstyle: stdlib\ndescription: d\ncommands: {run: r}\n",
		"bad default":     "id: entry/go-stdlib\ntier: entry\nlang: go\nstyle: stdlib\ndescription: d\ncommands: {verify: v, run: r}\nparameters: [{name: port, type: int, default: x}]\n",
		"out of range":    "id: entry/go-stdlib\ntier: entry\nlang: go\nstyle: stdlib\ndescription: d\ncommands: {verify: v, run: r}\nparameters: [{name: port, type: int, default: 0, min: 1}]\n",
		"no description":  "id: entry/go-stdlib\ntier: entry\nlang: go\nstyle: stdlib\ncommands: {verify: v, run: r}\n",
		"unknown service": "id: entry/go-stdlib\ntier: entry\nlang: go\nstyle: stdlib\ndescription: d\ncommands: {verify: v, run: r}\nservices: [mysql]\n",
	}
	for name, m := range bad {
		_, err := Load(fstest.MapFS{"entry/go-stdlib/template.yaml": {Data: []byte(m)}})
		require.Error(t, err, name)
	}
	_, err := Load(fixture(map[string]string{
		"entry/go-chi/template.yaml": "id: entry/go-chi\ntier: entry\nlang: go\nstyle: chi\ndefault: true\ndescription: chi\ncommands: {verify: v, run: r}\n",
	}))
	assert.ErrorContains(t, err, "both the default")
}

// TestManifestServices: every service the harness provides may be listed,
// bare or with a condition; another name is refused with the list.
func TestManifestServices(t *testing.T) {
	assert.Equal(t, []string{"postgres", "etcd", "redis", "nats", "otlp"}, Services)
	m := "id: entry/go-stdlib\ntier: entry\nlang: go\nstyle: stdlib\ndefault: true\ndescription: d\n" +
		"commands: {verify: v, run: r}\n" +
		"services: [postgres, etcd, redis, nats, {name: otlp, when: 'true'}]\n"
	c, err := Load(fstest.MapFS{"entry/go-stdlib/template.yaml": {Data: []byte(m)}})
	require.NoError(t, err)
	tmpl, ok := c.Get("entry/go-stdlib")
	require.True(t, ok)
	var names []string
	for _, svc := range tmpl.Services {
		names = append(names, svc.Name)
	}
	assert.Equal(t, Services, names)
	assert.Equal(t, "true", tmpl.Services[4].When)

	_, err = Load(fstest.MapFS{"entry/go-stdlib/template.yaml": {Data: []byte(strings.Replace(m, "nats,", "rabbitmq,", 1))}})
	assert.ErrorContains(t, err, `service "rabbitmq" is not one archgen can provide; use one of postgres, etcd, redis, nats, otlp`)
}

func TestParameterParse(t *testing.T) {
	lo, hi := 1, 10
	p := Parameter{Name: "n", Type: TypeInt, Min: &lo, Max: &hi}
	v, err := p.Parse("5")
	require.NoError(t, err)
	assert.Equal(t, 5, v)
	_, err = p.Parse("11")
	require.ErrorContains(t, err, `parameter "n": 11 is out of range 1..10`)
	_, err = p.Parse("five")
	require.ErrorContains(t, err, "not a whole number")
	b := Parameter{Name: "b", Type: TypeBool}
	_, err = b.Parse("maybe")
	require.ErrorContains(t, err, "not true or false")
	s := Parameter{Name: "s", Type: TypeString, Choices: []string{"a", "b"}}
	_, err = s.Parse("c")
	assert.ErrorContains(t, err, "not one of a, b")
}

func TestSelectAndIDs(t *testing.T) {
	c, err := Load(fixture(map[string]string{
		"entry/node-express/template.yaml": "id: entry/node-express\ntier: entry\nlang: node\nstyle: express\ndefault: true\ndescription: d\ncommands: {verify: v, run: r}\n",
	}))
	require.NoError(t, err)
	assert.Equal(t, []string{"entry/go-stdlib", "entry/node-express"}, c.IDs())
	assert.Len(t, c.Select("entry", ""), 2)
	assert.Len(t, c.Select("", "node"), 1)
	assert.Empty(t, c.Select("enterprise", ""))
}
