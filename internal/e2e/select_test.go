//go:build e2e

package e2e

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/templates"
)

// TestSelectTemplates: ARCHGEN_E2E_ONLY picks templates with all their
// runs, one run, or the defaults alone, and names what it does not know.
func TestSelectTemplates(t *testing.T) {
	cat, err := catalog.Load(templates.FS())
	require.NoError(t, err)
	names := func(sel []selection) []string {
		var out []string
		for _, s := range sel {
			for _, r := range s.runs {
				name := s.tmpl.ID
				if r != nil {
					name += "@" + r.Name
				}
				out = append(out, name)
			}
		}
		return out
	}
	sel, err := selectTemplates(cat, "intermediate/go-gin")
	require.NoError(t, err)
	assert.Equal(t, []string{"intermediate/go-gin", "intermediate/go-gin@sqlite", "intermediate/go-gin@invoices"}, names(sel))
	sel, err = selectTemplates(cat, " intermediate/go-gin@sqlite , entry/go-stdlib@defaults")
	require.NoError(t, err)
	assert.Equal(t, []string{"intermediate/go-gin@sqlite", "entry/go-stdlib"}, names(sel))
	sel, err = selectTemplates(cat, "")
	require.NoError(t, err)
	assert.Len(t, sel, len(cat.All()))
	_, err = selectTemplates(cat, "intermediate/go-gin@nope")
	require.ErrorContains(t, err, `declares no run "nope"`)
	_, err = selectTemplates(cat, "nope/nope")
	require.ErrorContains(t, err, "not in the catalog")
}
