package generate

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/answers"
	"github.com/archgen/archgen/internal/catalog"
)

// synthetic is a catalog whose one template uses every composition
// feature: layers (one conditional, one of partials only), an override,
// partials, when, each over a list answer and several processes.
func synthetic() fstest.MapFS {
	return fstest.MapFS{
		"_layers/base/files/.editorconfig":          {Data: []byte("root = true\n")},
		"_layers/base/files/README.md.tmpl":         {Data: []byte("# {{.Name}}\n{{template \"readme.run\" .}}")},
		"_layers/base/files/LICENSE":                {Data: []byte("base licence\n")},
		"_layers/lang/partials/lang.tmpl":           {Data: []byte(`{{define "readme.run"}}run: {{.Commands.Run}}{{"\n"}}{{end}}`)},
		"_layers/postgres/files/compose.yaml.tmpl":  {Data: []byte("services:\n  db:\n    image: postgres:16\n")},
		"_layers/postgres/layer.yaml":               {Data: []byte("description: PostgreSQL for local development\n")},
		"intermediate/go-synth/template.yaml":       {Data: []byte(manifest)},
		"intermediate/go-synth/partials/names.tmpl": {Data: []byte(`{{define "type"}}{{.Item.Pascal}}{{end}}`)},
		"intermediate/go-synth/files/LICENSE":       {Data: []byte("own licence\n")},
		"intermediate/go-synth/files/internal/{{.Item.Plural.Snake}}/{{.Item.Snake}}.go.tmpl": {Data: []byte(
			"package {{.Item.Plural.Lower}}\n\ntype {{template \"type\" .}} struct{}\n")},
		"intermediate/go-synth/files/migrations/{{.Item.Plural.Snake}}.sql.tmpl": {Data: []byte("CREATE TABLE {{.Item.Plural.Snake}} (id bigint);\n")},
		"intermediate/go-synth/files/sqlite.txt":                                 {Data: []byte("sqlite only\n")},
		"intermediate/go-synth/files/gateway/main.go.tmpl":                       {Data: []byte("package main // {{template \"readme.run\" .}}")},
	}
}

const manifest = `id: intermediate/go-synth
tier: intermediate
lang: go
style: synth
description: a synthetic template for the engine's tests
layers:
  - base
  - lang
  - name: postgres
    when: eq .Params.db "postgres"
overrides: [LICENSE]
when:
  sqlite.txt: eq .Params.db "sqlite"
each:
  "internal/{{.Item.Plural.Snake}}": modules
  "migrations/{{.Item.Plural.Snake}}.sql.tmpl": modules
parameters:
  - name: db
    type: choice
    choices: [postgres, sqlite]
    default: postgres
  - name: modules
    type: list
    default: [orders, products]
    reserved: [health]
    max_length: 16
commands:
  verify: go test ./...
  migrate: ./bin/migrate up
  run: ./bin/api
processes:
  - name: gateway
    run: ./bin/gateway
    port: GATEWAY_PORT
    health: /health
  - name: orders
    dir: services/orders
    run: ./bin/orders
    port: ORDERS_PORT
    health: /ready
`

func synthTemplate(t *testing.T) *catalog.Template {
	t.Helper()
	cat, err := catalog.Load(synthetic())
	require.NoError(t, err)
	tm, ok := cat.Get("intermediate/go-synth")
	require.True(t, ok)
	return tm
}

func renderSynth(t *testing.T, tm *catalog.Template, params map[string]any) map[string]string {
	t.Helper()
	a := &answers.Answers{Name: "shop", Params: params}
	require.NoError(t, a.Complete(tm))
	res, err := Project(tm, a, "dev")
	require.NoError(t, err)
	out := map[string]string{}
	for _, f := range res.Files {
		if f.Path != answers.FileName {
			out[f.Path] = string(f.Content)
		}
	}
	return out
}

func TestSyntheticTemplateComposes(t *testing.T) {
	tm := synthTemplate(t)
	assert.Equal(t, map[string]string{
		".editorconfig":                "root = true\n",
		"LICENSE":                      "own licence\n",
		"README.md":                    "# shop\nrun: ./bin/api\n",
		"compose.yaml":                 "services:\n  db:\n    image: postgres:16\n",
		"gateway/main.go":              "package main // run: ./bin/api\n",
		"internal/orders/order.go":     "package orders\n\ntype Order struct{}\n",
		"internal/products/product.go": "package products\n\ntype Product struct{}\n",
		"migrations/orders.sql":        "CREATE TABLE orders (id bigint);\n",
		"migrations/products.sql":      "CREATE TABLE products (id bigint);\n",
	}, renderSynth(t, tm, nil))

	got := renderSynth(t, tm, map[string]any{"db": "sqlite", "modules": []any{"order-items"}})
	assert.NotContains(t, got, "compose.yaml", "the postgres layer is left out")
	assert.Equal(t, "sqlite only\n", got["sqlite.txt"])
	assert.Equal(t, "package orderitems\n\ntype OrderItem struct{}\n", got["internal/order_items/order_item.go"])
	assert.NotContains(t, got, "internal/orders/order.go")

	procs := tm.ProcessList()
	require.Len(t, procs, 2)
	assert.Equal(t, catalog.Process{Name: "orders", Dir: "services/orders", Run: "./bin/orders", Port: "ORDERS_PORT", Health: "/ready"}, procs[1])
	assert.Equal(t, "./bin/migrate up", tm.Commands.Migrate)
}

func TestSyntheticTemplateAnswersAreChecked(t *testing.T) {
	tm := synthTemplate(t)
	for _, tc := range []struct {
		params map[string]any
		text   map[string]string
		want   string
	}{
		{params: map[string]any{"db": "mysql"}, want: `parameter "db": "mysql" is not one of postgres, sqlite`},
		{text: map[string]string{"db": "mysql"}, want: `--set db=mysql: parameter "db": "mysql" is not one of postgres, sqlite`},
		{params: map[string]any{"modules": "orders"}, want: `parameter "modules": the string "orders" is not a list`},
		{params: map[string]any{"modules": []any{"Orders"}}, want: `parameter "modules": "Orders" is not a valid name`},
		{text: map[string]string{"modules": "orders,orders"}, want: `"orders" is listed twice`},
		{text: map[string]string{"modules": "order,orders"}, want: `"order" and "orders" name the same resource (orders); keep one`},
		{text: map[string]string{"modules": "people,person"}, want: `"people" and "person" name the same resource (people)`},
		{params: map[string]any{"modules": []any{"healths"}}, want: `"healths" is reserved by the template (health)`},
		{text: map[string]string{"modules": "orders,ranges"}, want: `"ranges" would make the identifier "range", a reserved word in Go`},
		{text: map[string]string{"modules": "types"}, want: `"types" would make the identifier "type", a reserved word in Go`},
		{text: map[string]string{"modules": "strings"}, want: `"strings" would make the identifier "string", a reserved word in Go`},
		// The plural counts: 16 characters pass, 17 do not.
		{text: map[string]string{"modules": "shipping-category"}, want: `"shipping-category" is too long for this template: a name's plural (shipping-categories) may have at most 16 characters`},
		{text: map[string]string{"modules": "customer-tickets,warehouse-records"}, want: `"warehouse-records" is too long`},
	} {
		a := &answers.Answers{Name: "shop", Params: tc.params}
		for k, v := range tc.text {
			a.SetText(k, v, "--set "+k+"="+v)
		}
		err := a.Complete(tm)
		if assert.Error(t, err, tc.want) {
			assert.Contains(t, err.Error(), tc.want)
		}
	}
	long := &answers.Answers{Name: "shop"}
	long.SetText("modules", "customer-tickets", "--set")
	require.NoError(t, long.Complete(tm), "a plural of exactly max_length characters")
	a := &answers.Answers{Name: "shop"}
	a.SetText("modules", "users, order-items", "--set")
	require.NoError(t, a.Complete(tm))
	assert.Equal(t, []string{"users", "order-items"}, a.Params["modules"])
}

func TestLayerCollisionsNeedAnOverride(t *testing.T) {
	fsys := synthetic()
	fsys["intermediate/go-synth/template.yaml"] = &fstest.MapFile{Data: []byte(
		"id: intermediate/go-synth\ntier: intermediate\nlang: go\nstyle: synth\ndescription: x\nlayers: [base, lang]\ncommands: {verify: x, run: y}\n")}
	cat, err := catalog.Load(fsys)
	require.NoError(t, err)
	tm, _ := cat.Get("intermediate/go-synth")
	a := &answers.Answers{Name: "shop"}
	require.NoError(t, a.Complete(tm))
	_, err = Project(tm, a, "dev")
	require.ErrorContains(t, err, "LICENSE renders to LICENSE, which layer base already provides; list LICENSE under overrides")
}

func TestManifestRulesMustNameRealPaths(t *testing.T) {
	fsys := synthetic()
	delete(fsys, "intermediate/go-synth/files/sqlite.txt")
	_, err := catalog.Load(fsys)
	require.ErrorContains(t, err, `a rule names "sqlite.txt", which is not in the tree`)

	fsys = synthetic()
	fsys["intermediate/go-synth/template.yaml"] = &fstest.MapFile{Data: []byte(
		"id: intermediate/go-synth\ntier: intermediate\nlang: go\nstyle: synth\ndescription: x\nlayers: [nope]\ncommands: {verify: x, run: y}\n")}
	_, err = catalog.Load(fsys)
	require.ErrorContains(t, err, `layer "nope": templates/_layers/nope has neither files/ nor partials/`)
}
