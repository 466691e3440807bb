package cmdutil

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestExitCode(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, ExitOK},
		{"plain error", errors.New("boom"), ExitError},
		{"usage", Usagef("bad flag %q", "--x"), ExitUsage},
		{"check", Checkf("upgrade due: %s", "code files 60 > 50"), ExitCheck},
		{"wrapped check", fmt.Errorf("inspect: %w", Checkf("upgrade due")), ExitCheck},
		{"cancelled", ErrCancelled, ExitCancelled},
		{"context cancelled", context.Canceled, ExitCancelled},
		{"cancel beats check", errors.Join(ErrCancelled, Checkf("upgrade due")), ExitCancelled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, ExitCode(tc.err))
		})
	}
	assert.Equal(t, "upgrade due: x", Checkf("upgrade due: %s", "x").Error())
}
