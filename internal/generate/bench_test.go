package generate

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/archgen/archgen/internal/answers"
	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/writer"
)

// BenchmarkRender measures rendering each template in memory.
func BenchmarkRender(b *testing.B) {
	for _, tm := range loadCatalog(b).All() {
		b.Run(tm.ID, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				a := &answers.Answers{Name: "demo"}
				if err := a.Complete(tm); err != nil {
					b.Fatal(err)
				}
				if _, err := Project(tm, a, "dev"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWrite measures rendering and writing each template to disk.
func BenchmarkWrite(b *testing.B) {
	for _, tm := range loadCatalog(b).All() {
		b.Run(tm.ID, func(b *testing.B) {
			b.ReportAllocs()
			base := b.TempDir()
			i := 0
			for b.Loop() {
				i++
				files := generateDefault(b, tm, "demo", "")
				plan, err := writer.NewPlan(filepath.Join(base, strconv.Itoa(i)), files, false)
				if err != nil {
					b.Fatal(err)
				}
				if err := plan.Write(context.Background()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// scaleTemplate is a synthetic template whose each fan-out gives about
// files files: ten per module, like the services of an enterprise tier.
func scaleTemplate(b *testing.B, files int) (*catalog.Template, []any) {
	b.Helper()
	fsys := fstest.MapFS{
		"enterprise/go-scale/template.yaml": {Data: []byte(`id: enterprise/go-scale
tier: enterprise
lang: go
style: scale
description: synthetic
each:
  "services/{{.Item.Kebab}}-service": modules
parameters:
  - name: modules
    type: list
    default: []
commands: {verify: "true", run: "true"}
`)},
	}
	for i := range 10 {
		// Forty lines, one in eight with a template action, as in the
		// templates of the catalog.
		body := strings.Repeat("// {{.Item.Pascal}} of {{.Name}}.\n"+strings.Repeat("\tx := compute(y) // a line of a typical source file\n", 7), 5)
		fsys[fmt.Sprintf("enterprise/go-scale/files/services/{{.Item.Kebab}}-service/file%d.go.tmpl", i)] = &fstest.MapFile{Data: []byte("package {{.Item.Lower}}\n" + body)}
	}
	cat, err := catalog.Load(fsys)
	if err != nil {
		b.Fatal(err)
	}
	tm, _ := cat.Get("enterprise/go-scale")
	var modules []any
	for i := range files / 10 {
		modules = append(modules, fmt.Sprintf("module%d", i))
	}
	return tm, modules
}

// BenchmarkScale measures render, plan and write of 30 to 300 files, and
// copying the finished tree in process (os.CopyFS, the cp -r of Go) for
// comparison: how the cost of archgen grows with the file count.
func BenchmarkScale(b *testing.B) {
	for _, n := range []int{30, 100, 300} {
		tm, modules := scaleTemplate(b, n)
		b.Run(fmt.Sprintf("files=%d/new", n), func(b *testing.B) {
			base := b.TempDir()
			i := 0
			for b.Loop() {
				i++
				newScaled(b, tm, modules, filepath.Join(base, strconv.Itoa(i)))
			}
		})
		b.Run(fmt.Sprintf("files=%d/copy", n), func(b *testing.B) {
			base := b.TempDir()
			ref := filepath.Join(base, "ref")
			newScaled(b, tm, modules, ref)
			i := 0
			for b.Loop() {
				i++
				if err := os.CopyFS(filepath.Join(base, strconv.Itoa(i)), os.DirFS(ref)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// newScaled renders the scale template with modules and writes it to dir.
func newScaled(b *testing.B, tm *catalog.Template, modules []any, dir string) {
	b.Helper()
	a := &answers.Answers{Name: "demo", Params: map[string]any{"modules": modules}}
	if err := a.Complete(tm); err != nil {
		b.Fatal(err)
	}
	res, err := Project(tm, a, "dev")
	if err != nil {
		b.Fatal(err)
	}
	plan, err := writer.NewPlan(dir, res.Files, false)
	if err != nil {
		b.Fatal(err)
	}
	if err := plan.Write(context.Background()); err != nil {
		b.Fatal(err)
	}
}
