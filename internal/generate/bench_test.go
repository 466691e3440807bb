package generate

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/archgen/archgen/internal/answers"
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
