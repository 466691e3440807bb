package inspect

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseDAU(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		err  string
	}{
		{"100000", 100_000, ""}, {"100,000", 100_000, ""}, {"100_000", 100_000, ""}, {"100k", 100_000, ""},
		{"100K", 100_000, ""}, {"1.5M", 1_500_000, ""}, {"1.5m", 1_500_000, ""}, {"2B", 2_000_000_000, ""},
		{" 0 ", 0, ""}, {"100001", 100_001, ""},
		{"", 0, "is not a count"}, {"k", 0, "is not a count"}, {"lots", 0, "is not a count"}, {"1e5", 0, "is not a count"},
		{"-5", 0, "is not a count"}, {"1.5", 0, "is not a count"}, {"1.2345k", 0, "is not a count"}, {"NaN", 0, "is not a count"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseDAU(tc.in)
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

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
