package inspect

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ParseDAU reads a count of daily active users as people write it:
// 100000, 100,000, 100_000, 100k, 1.5M, 2B (k, M and B are thousands,
// millions and billions, in either case). The result must be a whole,
// non-negative number.
func ParseDAU(s string) (int64, error) {
	text := strings.TrimSpace(s)
	num := strings.NewReplacer(",", "", "_", "").Replace(text)
	mult := 1.0
	if num != "" {
		switch num[len(num)-1] {
		case 'k', 'K':
			mult = 1e3
		case 'm', 'M':
			mult = 1e6
		case 'b', 'B':
			mult = 1e9
		}
		if mult != 1 {
			num = num[:len(num)-1]
		}
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || num == "" || strings.ContainsAny(num, "eEnNxXpP+") {
		return 0, fmt.Errorf("%q is not a number of users; write it like 100000, 100,000, 100k or 1.5M", s)
	}
	v *= mult
	switch {
	case v < 0:
		return 0, fmt.Errorf("%q is negative; give the number of daily active users, 0 or more", s)
	case v != math.Trunc(v):
		return 0, fmt.Errorf("%q is not a whole number of users", s)
	case v > 1e15:
		return 0, fmt.Errorf("%q is more users than there are people", s)
	}
	return int64(v), nil
}
