package inspect

import "github.com/archgen/archgen/internal/advisor"

// ParseDAU reads a count of daily active users as people write it:
// 100000, 100,000, 100_000, 100k, 1.5M, 2B — the advisor's counts.
func ParseDAU(s string) (int64, error) {
	return advisor.ParseCount(s)
}
