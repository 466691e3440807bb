package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExampleAnswers generates a project from every answers file under
// examples/ with no terminal.
func TestExampleAnswers(t *testing.T) {
	paths, err := filepath.Glob("../../examples/answers/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "p")
			_, stderr := run(t, "new", "--config", p, "--dir", dir, "--no-input")
			assert.Contains(t, stderr, "Created "+dir)
			assert.FileExists(t, filepath.Join(dir, ".archgen.yaml"))
		})
	}
}

// TestExampleWorkflowParses keeps the bootstrap workflow valid YAML.
func TestExampleWorkflowParses(t *testing.T) {
	raw, err := os.ReadFile("../../examples/ci/bootstrap.yml")
	require.NoError(t, err)
	var v map[string]any
	require.NoError(t, yaml.Unmarshal(raw, &v))
	assert.Contains(t, v, "jobs")
}
