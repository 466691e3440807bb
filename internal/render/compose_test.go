package render

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func composeData(db string, modules ...string) Data {
	return Data{Name: "demo", Params: map[string]any{"db": db, "modules": modules}}
}

func byPath(files []File) map[string]string {
	out := map[string]string{}
	for _, f := range files {
		out[f.Path] = string(f.Content)
	}
	return out
}

func TestRenderOverlaysSourcesInOrder(t *testing.T) {
	spec := Spec{Sources: []Source{
		{Name: "layer base", FS: fstest.MapFS{
			".editorconfig": {Data: []byte("root = true\n")},
			"README.md":     {Data: []byte("base readme\n")},
		}},
		{Name: "layer go", FS: fstest.MapFS{
			"README.md.tmpl": {Data: []byte("go readme for {{.Name}}\n")},
		}, Overrides: []string{"README.md"}},
		{Name: "template", FS: fstest.MapFS{"main.go.tmpl": {Data: []byte("package main\n")}}},
	}}
	files, err := Render(spec, composeData("sqlite"))
	require.NoError(t, err)
	got := byPath(files)
	assert.Equal(t, map[string]string{
		".editorconfig": "root = true\n",
		"README.md":     "go readme for demo\n",
		"main.go":       "package main\n",
	}, got)
}

func TestRenderRefusesAnUndeclaredOverride(t *testing.T) {
	spec := Spec{Sources: []Source{
		{Name: "layer base", FS: fstest.MapFS{"README.md": {Data: []byte("a")}}},
		{Name: "layer go", FS: fstest.MapFS{"README.md.tmpl": {Data: []byte("b")}}},
	}}
	_, err := Render(spec, composeData("sqlite"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "layer go: README.md.tmpl renders to README.md, which layer base already provides; list README.md under overrides")
}

// A partial is visible to every file whatever the walk order, and a file
// may not define templates of its own.
func TestPartialsAreVisibleEverywhere(t *testing.T) {
	partials := fstest.MapFS{
		"z-last.tmpl":  {Data: []byte(`{{define "greet"}}hello {{.Name}}{{end}}`)},
		"a-first.tmpl": {Data: []byte(`{{define "shout"}}{{template "greet" .}}!{{end}}`)},
	}
	tree := fstest.MapFS{
		"a.txt.tmpl":        {Data: []byte(`{{template "shout" .}}`)},
		"m/b.txt.tmpl":      {Data: []byte(`{{template "greet" .}}`)},
		"zz/zz/zz.txt.tmpl": {Data: []byte(`{{template "shout" .}}`)},
	}
	layer := fstest.MapFS{"0.txt.tmpl": {Data: []byte(`{{template "greet" .}}`)}}
	files, err := Render(Spec{
		Sources:  []Source{{Name: "layer", FS: layer}, {Name: "template", FS: tree}},
		Partials: []Partials{{Name: "partials", FS: partials}},
	}, composeData("sqlite"))
	require.NoError(t, err)
	assert.Equal(t, map[string]string{
		"0.txt":        "hello demo",
		"a.txt":        "hello demo!",
		"m/b.txt":      "hello demo",
		"zz/zz/zz.txt": "hello demo!",
	}, byPath(files))

	_, err = Render(Spec{Sources: []Source{{Name: "t", FS: fstest.MapFS{
		"a.tmpl": {Data: []byte(`{{define "x"}}x{{end}}`)},
	}}}}, composeData("sqlite"))
	require.ErrorContains(t, err, `defines the template "x"; shared templates belong in partials/`)

	_, err = Render(Spec{Sources: []Source{{Name: "t", FS: tree}}, Partials: []Partials{
		{Name: "one", FS: fstest.MapFS{"a.tmpl": {Data: []byte(`{{define "greet"}}1{{end}}`)}}},
		{Name: "two", FS: fstest.MapFS{"b.tmpl": {Data: []byte(`{{define "greet"}}2{{end}}`)}}},
	}}, composeData("sqlite"))
	require.ErrorContains(t, err, `partial "greet" is defined in both one/a.tmpl and two/b.tmpl`)
}

func TestWhenLeavesOutFilesAndDirectories(t *testing.T) {
	tree := fstest.MapFS{
		"compose.postgres.yml": {Data: []byte("pg")},
		"sqlite/schema.sql":    {Data: []byte("lite")},
		"sqlite/more/x.sql":    {Data: []byte("lite")},
		"always.txt":           {Data: []byte("x")},
	}
	src := Source{Name: "t", FS: tree, When: map[string]string{
		"compose.postgres.yml": `eq .Params.db "postgres"`,
		"sqlite":               `eq .Params.db "sqlite"`,
	}}
	files, err := Render(Spec{Sources: []Source{src}}, composeData("postgres"))
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"always.txt": "x", "compose.postgres.yml": "pg"}, byPath(files))

	files, err = Render(Spec{Sources: []Source{src}}, composeData("sqlite"))
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"always.txt": "x", "sqlite/more/x.sql": "lite", "sqlite/schema.sql": "lite"}, byPath(files))

	src.When = map[string]string{"always.txt": `eq .Params.nope "x"`}
	_, err = Render(Spec{Sources: []Source{src}}, composeData("sqlite"))
	require.ErrorContains(t, err, "when always.txt")
}

func TestEachFansOutOverAList(t *testing.T) {
	tree := fstest.MapFS{
		"modules/{{.Item.Plural.Kebab}}/{{.Item.Snake}}.go.tmpl": {Data: []byte(
			"type {{.Item.Pascal}} struct{} // table {{.Item.Plural.Snake}}, {{.Item.Plural.Pascal}}, {{.Item.Plural.Upper}}, {{.Item.Camel}}\n")},
		"modules/{{.Item.Plural.Kebab}}/README.md":   {Data: []byte("raw\n")},
		"migrations/{{.Item.Plural.Snake}}.sql.tmpl": {Data: []byte("create table {{.Item.Plural.Snake}};\n")},
		"routes.go.tmpl": {Data: []byte(`{{range .Params.modules}}{{(forms .).Plural.Camel}} {{end}}`)},
	}
	src := Source{Name: "t", FS: tree, Each: map[string]string{
		"modules/{{.Item.Plural.Kebab}}":             "modules",
		"migrations/{{.Item.Plural.Snake}}.sql.tmpl": "modules",
	}}
	files, err := Render(Spec{Sources: []Source{src}}, composeData("sqlite", "orders", "order-items"))
	require.NoError(t, err)
	assert.Equal(t, map[string]string{
		"modules/orders/order.go":           "type Order struct{} // table orders, Orders, ORDERS, order\n",
		"modules/orders/README.md":          "raw\n",
		"modules/order-items/order_item.go": "type OrderItem struct{} // table order_items, OrderItems, ORDER_ITEMS, orderItem\n",
		"modules/order-items/README.md":     "raw\n",
		"migrations/orders.sql":             "create table orders;\n",
		"migrations/order_items.sql":        "create table order_items;\n",
		"routes.go":                         "orders orderItems ",
	}, byPath(files))

	files, err = Render(Spec{Sources: []Source{src}}, composeData("sqlite"))
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"routes.go": ""}, byPath(files), "an empty list renders no copy")

	src.Each = map[string]string{"modules/{{.Item.Plural.Kebab}}": "db"}
	_, err = Render(Spec{Sources: []Source{src}}, composeData("sqlite"))
	require.ErrorContains(t, err, `parameter "db" is not a list`)

	same := Source{Name: "t", FS: fstest.MapFS{"m/{{.Name}}.txt": {Data: []byte("x")}}, Each: map[string]string{"m/{{.Name}}.txt": "modules"}}
	_, err = Render(Spec{Sources: []Source{same}}, composeData("sqlite", "a", "b"))
	require.ErrorContains(t, err, "both render to m/demo.txt")
}

// A when rule on an each path is evaluated once per item, with .Item set,
// so that it can leave some items out.
func TestWhenSeesTheItemOfAnEach(t *testing.T) {
	tree := fstest.MapFS{
		"internal/{{.Item.Snake}}.go.tmpl": {Data: []byte("package {{.Item.Lower}} // {{.Index}}\n")},
		"internal/user.go.tmpl":            {Data: []byte("package user\n")},
	}
	src := Source{Name: "t", FS: tree,
		Each: map[string]string{"internal/{{.Item.Snake}}.go.tmpl": "modules"},
		When: map[string]string{"internal/{{.Item.Snake}}.go.tmpl": `ne .Item.Plural.Kebab "users"`},
	}
	files, err := Render(Spec{Sources: []Source{src}}, composeData("sqlite", "users", "orders", "invoices"))
	require.NoError(t, err)
	assert.Equal(t, map[string]string{
		"internal/order.go":   "package order // 1\n",
		"internal/invoice.go": "package invoice // 2\n",
		"internal/user.go":    "package user\n",
	}, byPath(files), ".Index counts the items the rule keeps")
}

// A tree or a partials directory with a false condition is left out whole;
// its partials then clash with nothing.
func TestConditionalSources(t *testing.T) {
	spec := Spec{
		Sources: []Source{
			{Name: "layer pg", FS: fstest.MapFS{"compose.yaml": {Data: []byte("pg")}}, If: `eq .Params.db "postgres"`},
			{Name: "t", FS: fstest.MapFS{"db.txt.tmpl": {Data: []byte(`{{template "db" .}}`)}}},
		},
		Partials: []Partials{
			{Name: "pg partials", FS: fstest.MapFS{"a.tmpl": {Data: []byte(`{{define "db"}}postgres{{end}}`)}}, If: `eq .Params.db "postgres"`},
			{Name: "lite partials", FS: fstest.MapFS{"b.tmpl": {Data: []byte(`{{define "db"}}sqlite{{end}}`)}}, If: `eq .Params.db "sqlite"`},
		},
	}
	files, err := Render(spec, composeData("postgres"))
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"compose.yaml": "pg", "db.txt": "postgres"}, byPath(files))
	files, err = Render(spec, composeData("sqlite"))
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"db.txt": "sqlite"}, byPath(files))

	spec.Sources[0].If = `eq .Params.nope "x"`
	_, err = Render(spec, composeData("sqlite"))
	require.ErrorContains(t, err, "layer pg")
}

// A tree mounted under a directory renders there, sees its own module
// path, and renders only the paths Only takes (with the directories on the
// way to them); When and Each still name paths of the tree itself.
func TestRenderMountsATreeUnderADirectory(t *testing.T) {
	layer := fstest.MapFS{
		"pkg/problem/problem.go.tmpl":   {Data: []byte("package problem // {{.Module}}\n")},
		"pkg/request/request.go.tmpl":   {Data: []byte(`import "{{.Module}}/pkg/problem"` + "\n")},
		"pkg/request/sqlite.go":         {Data: []byte("sqlite\n")},
		"pkg/database/database.go.tmpl": {Data: []byte("left out\n")},
		"Makefile":                      {Data: []byte("left out\n")},
	}
	spec := Spec{Sources: []Source{
		{Name: "layer go-intermediate", FS: layer, Under: "api-gateway", Module: "api-gateway",
			Only: []string{"pkg/problem", "pkg/request/request.go.tmpl"},
			When: map[string]string{"pkg/problem/problem.go.tmpl": `eq .Params.db "postgres"`}},
		{Name: "template", FS: fstest.MapFS{"go.work.tmpl": {Data: []byte("{{.Module}}\n")}}},
	}}
	data := composeData("postgres")
	data.Module = "example.com/shop"
	files, err := Render(spec, data)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{
		"api-gateway/pkg/problem/problem.go": "package problem // example.com/shop/api-gateway\n",
		"api-gateway/pkg/request/request.go": `import "example.com/shop/api-gateway/pkg/problem"` + "\n",
		"go.work":                            "example.com/shop\n",
	}, byPath(files))

	files, err = Render(spec, composeData("sqlite"))
	require.NoError(t, err)
	assert.NotContains(t, byPath(files), "api-gateway/pkg/problem/problem.go", "when applies to the mounted tree's own paths")
}

// Overrides of a mounted tree name rendered paths, under its directory.
func TestRenderMountedOverridesAreUnderTheirDirectory(t *testing.T) {
	spec := Spec{Sources: []Source{
		{Name: "template", FS: fstest.MapFS{"svc/README.md": {Data: []byte("a")}}},
		{Name: "layer", FS: fstest.MapFS{"README.md": {Data: []byte("b")}}, Under: "svc", Overrides: []string{"svc/README.md"}},
	}}
	files, err := Render(spec, composeData("sqlite"))
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"svc/README.md": "b"}, byPath(files))

	spec.Sources[1].Overrides = nil
	_, err = Render(spec, composeData("sqlite"))
	require.ErrorContains(t, err, "README.md renders to svc/README.md, which template already provides")
}
