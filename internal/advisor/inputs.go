// Package advisor turns the architecture guide's selection tables into
// rules: §1.1 (tier by users and concurrency), §1.2 and §7 (language by
// the team and the workload), §3.1/§4.1 (multi-team collaboration) and
// §6.2 (the signals that move a project up a tier). Every rule is a row
// of a table in rules.go; Decide applies them and says which row fired,
// on which input, and why the close alternatives lost.
package advisor

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Inputs are what the advisor is told. A nil count was not given.
type Inputs struct {
	Users       *int64   `json:"users,omitempty"`
	Concurrency *int64   `json:"concurrency,omitempty"`
	DAU         *int64   `json:"dau,omitempty"`
	Team        *int64   `json:"team,omitempty"`
	Teams       *int64   `json:"teams,omitempty"`
	Langs       []string `json:"lang,omitempty"`
	Workload    string   `json:"workload,omitempty"`
}

// Empty reports whether nothing was given.
func (in Inputs) Empty() bool {
	return in.Users == nil && in.Concurrency == nil && in.DAU == nil && in.Team == nil &&
		in.Teams == nil && len(in.Langs) == 0 && in.Workload == ""
}

// Count returns a pointer to n, for building Inputs.
func Count(n int64) *int64 { return &n }

// countInputs are the numeric inputs in the order they are listed.
var countInputs = []string{"users", "concurrency", "dau", "team", "teams"}

func (in *Inputs) count(name string) **int64 {
	switch name {
	case "users":
		return &in.Users
	case "concurrency":
		return &in.Concurrency
	case "dau":
		return &in.DAU
	case "team":
		return &in.Team
	case "teams":
		return &in.Teams
	}
	return nil
}

// Workloads are the accepted --workload values (§7).
func Workloads() []string {
	ids := make([]string, len(workloads))
	for i, w := range workloads {
		ids[i] = w.ID
	}
	return ids
}

// Set records one input given as text, validating it: name is one of
// users, concurrency, dau, team, teams, lang (repeatable) or workload.
func (in *Inputs) Set(name, value string) error {
	switch name {
	case "lang":
		id, err := ParseLang(value)
		if err != nil {
			return err
		}
		if !slices.Contains(in.Langs, id) {
			in.Langs = append(in.Langs, id)
		}
		return nil
	case "workload":
		w := strings.ToLower(strings.TrimSpace(value))
		if _, ok := workloadOf(w); !ok {
			return fmt.Errorf("workload %q is not one of %s (guide §7: io → Node.js, data → Python, compute → Go, enterprise → Java)", value, strings.Join(Workloads(), ", "))
		}
		in.Workload = w
		return nil
	}
	p := in.count(name)
	if p == nil {
		return fmt.Errorf("unknown input %q; use %s, lang or workload", name, strings.Join(countInputs, ", "))
	}
	n, err := ParseCount(value)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if (name == "team" || name == "teams") && n < 1 {
		return fmt.Errorf("%s %q: give at least 1", name, value)
	}
	*p = &n
	return nil
}

// ParseAdvice reads the inputs as one string, the form `archgen new
// --advice` takes and `archgen recommend` prints:
// users=50000,concurrency=800,team=4,lang=go,lang=python,workload=io.
func ParseAdvice(s string) (Inputs, error) {
	var in Inputs
	if strings.TrimSpace(s) == "" {
		return in, errors.New("no inputs; give key=value pairs such as users=50000,team=4")
	}
	for _, kv := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(kv), "=")
		if !ok || k == "" || v == "" {
			return in, fmt.Errorf("%q is not key=value; write e.g. users=50000,concurrency=800,team=4,lang=go", kv)
		}
		if err := in.Set(strings.ToLower(k), v); err != nil {
			return in, err
		}
	}
	return in, nil
}

// String is the canonical --advice form of the inputs (counts as plain
// digits, so it reads back with ParseAdvice).
func (in Inputs) String() string {
	var parts []string
	for _, name := range countInputs {
		if p := *in.count(name); p != nil {
			parts = append(parts, name+"="+strconv.FormatInt(*p, 10))
		}
	}
	for _, l := range in.Langs {
		parts = append(parts, "lang="+l)
	}
	if in.Workload != "" {
		parts = append(parts, "workload="+in.Workload)
	}
	return strings.Join(parts, ",")
}

// Fields lists the given inputs for people, in the advisor's order:
// {users, 50,000}, {lang, go, python}.
func (in Inputs) Fields() [][2]string {
	var out [][2]string
	for _, name := range countInputs {
		if p := *in.count(name); p != nil {
			out = append(out, [2]string{name, Human(*p)})
		}
	}
	if len(in.Langs) > 0 {
		out = append(out, [2]string{"lang", strings.Join(in.Langs, ", ")})
	}
	if in.Workload != "" {
		out = append(out, [2]string{"workload", in.Workload})
	}
	return out
}

// ParseCount reads a count as people write it: 50000, 50,000, 50_000,
// 50k, 1.5M, 2B. It must be a whole number of at least 0.
func ParseCount(s string) (int64, error) {
	t := strings.TrimSpace(s)
	t = strings.NewReplacer(",", "", "_", "").Replace(t)
	mult := 1.0
	if t != "" {
		switch t[len(t)-1] {
		case 'k', 'K':
			mult = 1e3
		case 'm', 'M':
			mult = 1e6
		case 'b', 'B':
			mult = 1e9
		}
		if mult != 1 {
			t = t[:len(t)-1]
		}
	}
	bad := fmt.Errorf("%q is not a count; write a whole number such as 50000, 50,000, 50k or 1.5M", s)
	if t == "" || strings.ContainsAny(t, "eE+-") {
		return 0, bad
	}
	if mult == 1 {
		n, err := strconv.ParseInt(t, 10, 64)
		if err != nil {
			return 0, bad
		}
		return n, nil
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, bad
	}
	v := f * mult
	if v != math.Trunc(v) || v > math.MaxInt64/2 {
		return 0, bad
	}
	return int64(v), nil
}

// Human writes a count with thousands separators: 50,000.
func Human(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// ParseLang accepts a language id or a common name of it (nodejs,
// typescript, golang, py).
func ParseLang(s string) (string, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	for _, l := range languages {
		if k == l.ID || slices.Contains(l.Aliases, k) {
			return l.ID, nil
		}
	}
	ids := make([]string, len(languages))
	for i, l := range languages {
		ids[i] = l.ID
	}
	return "", fmt.Errorf("language %q is not one archgen generates; use %s", s, strings.Join(ids, ", "))
}
