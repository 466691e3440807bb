package termcolor

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDarkBackground(t *testing.T) {
	for in, dark := range map[string]bool{"": true, "15;0": true, "0;15": false, "0;7": false, "12;default;0": true, "0;default;15": false, "junk": true} {
		assert.Equal(t, dark, DarkBackground(in), in)
	}
}
