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
// catalog, render, plan and write, without the cost of starting a process.
func BenchmarkNew(b *testing.B) {
	base := b.TempDir()
	i := 0
	for b.Loop() {
		i++
		ios, _, _, _ := iostreams.Test()
		dir := filepath.Join(base, strconv.Itoa(i))
		if code := Run(context.Background(), cmdutil.NewFactory(ios, "dev"), []string{"new", "demo", "--dir", dir}); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}
