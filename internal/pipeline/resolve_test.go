package pipeline

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNewerVersionWarns(t *testing.T) {
	assert.Contains(t, newerVersion("a.yaml", "v1.3.0", "v1.2.9"), "a.yaml was written by archgen v1.3.0, newer than this archgen v1.2.9")
	for _, c := range [][2]string{{"v1.2.0", "v1.2.0"}, {"v1.1.0", "v1.2.0"}, {"dev", "v1.2.0"}, {"v9.0.0", "dev"}, {"", "v1.0.0"}} {
		assert.Empty(t, newerVersion("a.yaml", c[0], c[1]), c)
	}
}

func TestNewerVersionWithoutV(t *testing.T) {
	assert.Contains(t, newerVersion("a.yaml", "9.9.9", "v1.0.0"), "written by archgen v9.9.9")
}
