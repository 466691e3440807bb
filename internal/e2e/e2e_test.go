//go:build e2e

package e2e

import (
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/templates"
)

// TestTemplates proves every template of the embedded catalog, each in a
// subtest named by its id: -run 'TestTemplates/entry/go-stdlib' runs one.
func TestTemplates(t *testing.T) {
	cat, err := catalog.Load(templates.FS())
	require.NoError(t, err, "loading the embedded catalog")
	results := runCatalog(t, cat, os.Getenv("ARCHGEN_E2E_ONLY"))
	if path := os.Getenv("ARCHGEN_E2E_REPORT"); path != "" {
		err := os.WriteFile(path, Markdown(results, time.Now()), 0o644) //nolint:gosec // the path is the caller's choice
		require.NoError(t, err, "writing ARCHGEN_E2E_REPORT")
		t.Logf("results table written to %s", path)
	}
}
