package catalog

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/archgen/archgen/internal/naming"
)

// Parse converts a textual answer (a flag, --set, the wizard) to the
// parameter's type and validates it; a list is comma-separated. The error
// names the parameter and what it allows.
func (p Parameter) Parse(s string) (any, error) {
	switch p.Type {
	case TypeInt:
		n, err := strconv.Atoi(s)
		if err != nil {
			var num *strconv.NumError
			if errors.As(err, &num) && errors.Is(num.Err, strconv.ErrRange) {
				return nil, fmt.Errorf("parameter %q: %s is out of range %s", p.Name, s, p.rangeText())
			}
			return nil, fmt.Errorf("parameter %q: %q is not a whole number", p.Name, s)
		}
		if (p.Min != nil && n < *p.Min) || (p.Max != nil && n > *p.Max) {
			return nil, fmt.Errorf("parameter %q: %d is out of range %s", p.Name, n, p.rangeText())
		}
		return n, nil
	case TypeBool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return nil, fmt.Errorf("parameter %q: %q is not true or false", p.Name, s)
		}
		return b, nil
	case TypeList:
		var items []string
		for item := range strings.SplitSeq(s, ",") {
			if item = strings.TrimSpace(item); item != "" {
				items = append(items, item)
			}
		}
		return p.list(items)
	case TypeString, TypeChoice, "":
		if len(p.Choices) > 0 && !slices.Contains(p.Choices, s) {
			return nil, fmt.Errorf("parameter %q: %q is not one of %s", p.Name, s, strings.Join(p.Choices, ", "))
		}
		if p.Pattern != "" {
			re, err := regexp.Compile(`^(?:` + p.Pattern + `)$`)
			if err != nil {
				return nil, fmt.Errorf("parameter %q: bad pattern: %w", p.Name, err)
			}
			if !re.MatchString(s) {
				return nil, fmt.Errorf("parameter %q: %q does not match %s", p.Name, s, p.Pattern)
			}
		}
		return s, nil
	default:
		return nil, fmt.Errorf("parameter %q: unknown type %q (want string, choice, int, bool or list)", p.Name, p.Type)
	}
}

func (p Parameter) rangeText() string {
	lo, hi := "-inf", "+inf"
	if p.Min != nil {
		lo = strconv.Itoa(*p.Min)
	}
	if p.Max != nil {
		hi = strconv.Itoa(*p.Max)
	}
	return lo + ".." + hi
}

// Value converts an answer read from YAML (an answers file, a default) to
// the parameter's type and validates it. Unlike Parse it keeps types: a
// quoted "8080" is not an int, and a list must be a YAML list.
func (p Parameter) Value(v any) (any, error) {
	switch p.Type {
	case TypeInt:
		switch n := v.(type) {
		case int, int64, uint64:
			return p.Parse(fmt.Sprint(n))
		}
		return nil, fmt.Errorf("parameter %q: %s is not a whole number", p.Name, describe(v))
	case TypeBool:
		if b, ok := v.(bool); ok {
			return b, nil
		}
		return nil, fmt.Errorf("parameter %q: %s is not true or false", p.Name, describe(v))
	case TypeList:
		var items []string
		switch l := v.(type) {
		case nil:
		case []string:
			items = l
		case []any:
			for _, e := range l {
				s, ok := e.(string)
				if !ok {
					return nil, fmt.Errorf("parameter %q: the item %s is not a name", p.Name, describe(e))
				}
				items = append(items, s)
			}
		default:
			return nil, fmt.Errorf("parameter %q: %s is not a list", p.Name, describe(v))
		}
		return p.list(items)
	default:
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("parameter %q: %s is not a string", p.Name, describe(v))
		}
		return p.Parse(s)
	}
}

// listItemRe is the syntax of a list item: the resource names templates
// derive identifiers from (see naming.Forms).
var listItemRe = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

func (p Parameter) list(items []string) (any, error) {
	out := make([]string, 0, len(items))
	resource := map[string]string{} // plural spelling -> the item that has it
	for _, item := range items {
		forms := naming.NewForms(item)
		plural := forms.Plural.Kebab
		switch {
		case !listItemRe.MatchString(item):
			return nil, fmt.Errorf("parameter %q: %q is not a valid name; use lowercase words joined by hyphens, such as order-items", p.Name, item)
		case len(p.Choices) > 0 && !slices.Contains(p.Choices, item):
			return nil, fmt.Errorf("parameter %q: %q is not one of %s", p.Name, item, strings.Join(p.Choices, ", "))
		case slices.Contains(out, item):
			return nil, fmt.Errorf("parameter %q: %q is listed twice", p.Name, item)
		case resource[plural] != "":
			return nil, fmt.Errorf("parameter %q: %q and %q name the same resource (%s); keep one", p.Name, resource[plural], item, plural)
		case slices.Contains(p.Reserved, item) || slices.Contains(p.Reserved, plural) || slices.Contains(p.Reserved, forms.Kebab):
			return nil, fmt.Errorf("parameter %q: %q is reserved by the template (%s); choose another name", p.Name, item, strings.Join(p.Reserved, ", "))
		}
		if p.MaxLength != nil && len(plural) > *p.MaxLength {
			return nil, fmt.Errorf("parameter %q: %q is too long for this template: a name's plural (%s) may have at most %d characters, so that the generated code stays within its formatter's line width; choose a shorter name", p.Name, item, plural, *p.MaxLength)
		}
		if word, ok := p.language.Keyword(forms); ok {
			return nil, fmt.Errorf("parameter %q: %q would make the identifier %q, a reserved word in %s; choose another name", p.Name, item, word, p.language.Title)
		}
		resource[plural] = item
		out = append(out, item)
	}
	if (p.Min != nil && len(out) < *p.Min) || (p.Max != nil && len(out) > *p.Max) {
		return nil, fmt.Errorf("parameter %q: %d items is out of range %s", p.Name, len(out), p.rangeText())
	}
	return out, nil
}

func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "an empty value"
	case string:
		return fmt.Sprintf("the string %q", v)
	case []any, []string:
		return "a list"
	case map[string]any:
		return "a mapping"
	case float64:
		return fmt.Sprintf("the decimal number %v (written with a point)", v)
	default:
		return fmt.Sprint(v)
	}
}

// Text writes a parameter value the way --set reads it back: a list (as
// answers hold it, or as YAML decodes it) as its items joined by commas,
// anything else as itself.
func Text(v any) string {
	switch items := v.(type) {
	case []string:
		return strings.Join(items, ",")
	case []any:
		parts := make([]string, len(items))
		for i, item := range items {
			parts[i] = fmt.Sprint(item)
		}
		return strings.Join(parts, ",")
	}
	return fmt.Sprint(v)
}
