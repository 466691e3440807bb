package cli

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/archgen/archgen/internal/cmdutil"
	"github.com/archgen/archgen/internal/iostreams"
)

// BenchmarkNew measures a whole `archgen new` in process: command tree,
// catalog, render, plan and write, without the cost of starting a process,
// for the smallest project (the entry default) and the largest (the
// enterprise platform).
func BenchmarkNew(b *testing.B) {
	for _, tier := range []string{"entry", "enterprise"} {
		b.Run(tier, func(b *testing.B) {
			base := b.TempDir()
			i := 0
			for b.Loop() {
				i++
				ios, _, _, _ := iostreams.Test()
				dir := filepath.Join(base, strconv.Itoa(i))
				args := []string{"new", "demo", "--tier", tier, "--dir", dir, "--no-input"}
				if code := Run(context.Background(), cmdutil.NewFactory(ios, "dev"), args); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}
