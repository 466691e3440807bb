package list

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/iostreams"
	"github.com/archgen/archgen/templates"
)

// On an 80-column terminal every line of the table fits, cut with "…".
func TestTableFitsTheTerminal(t *testing.T) {
	ios, _, out, _ := iostreams.Test()
	ios.SetTTY(false, true, false)
	ios.SetWidth(80)
	o := &Options{IO: ios, Catalog: func() (*catalog.Catalog, error) { return catalog.Load(templates.FS()) }}
	require.NoError(t, Run(o))
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	require.Greater(t, len(lines), 1)
	cut := 0
	for _, l := range lines {
		assert.LessOrEqual(t, len([]rune(l)), 80, l)
		if strings.HasSuffix(l, "…") {
			cut++
		}
	}
	assert.Positive(t, cut, "the long descriptions are cut")
	assert.Equal(t, "abc", fitLine("abc", 0))
	assert.Equal(t, "ab…", fitLine("abcdef", 3))
}
