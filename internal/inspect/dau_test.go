package inspect

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// DAU is a signal of the intermediate tier: 100,000 is ok, 100,001 is due.
func TestDAUSignal(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"internal/domain/a.go": "package domain\n", "internal/usecase/b.go": "package usecase\n"})
	for _, tc := range []struct {
		dau     int64
		verdict string
	}{{100_000, VerdictOK}, {100_001, VerdictUpgradeDue}} {
		r, err := Inspect(context.Background(), dir, Options{DAU: &tc.dau})
		require.NoError(t, err)
		s := signal(t, r, "dau")
		assert.Equal(t, tc.verdict, s.Verdict, tc.dau)
	}
	r, err := Inspect(context.Background(), dir, Options{})
	require.NoError(t, err)
	s := signal(t, r, "dau")
	assert.Equal(t, "not measured (give --dau N)", s.Shown)
	assert.Equal(t, VerdictNotMeasured, s.Verdict)
}
