package catalog

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Tiers lists the architecture tiers in the order of the guide.
var Tiers = []string{"entry", "intermediate", "enterprise"}

// Langs lists the language styles archgen knows, in catalog order.
var Langs = []string{"go", "node", "python", "java"}

// Services lists the servers a manifest may ask for; the end-to-end
// harness provides each of them.
var Services = []string{"postgres"}

// Parameter types a manifest may declare.
const (
	TypeString = "string"
	TypeInt    = "int"
	TypeBool   = "bool"
)

// Manifest is a template's template.yaml.
type Manifest struct {
	ID          string      `yaml:"id" json:"id"`
	Tier        string      `yaml:"tier" json:"tier"`
	Lang        string      `yaml:"lang" json:"lang"`
	Style       string      `yaml:"style" json:"style"`
	Default     bool        `yaml:"default" json:"default"`
	Description string      `yaml:"description" json:"description"`
	Guide       string      `yaml:"guide" json:"guide,omitempty"`
	Toolchain   []string    `yaml:"toolchain" json:"toolchain,omitempty"`
	Executable  []string    `yaml:"executable" json:"-"`
	Parameters  []Parameter `yaml:"parameters" json:"parameters,omitempty"`
	Commands    Commands    `yaml:"commands" json:"commands"`
	Health      string      `yaml:"health" json:"health,omitempty"`
	Services    []string    `yaml:"services" json:"services,omitempty"`
}

// Commands are the shell command lines that install, verify, build and run a
// generated project. They are templates rendered with the project's data.
type Commands struct {
	Install string `yaml:"install" json:"install,omitempty"`
	Verify  string `yaml:"verify" json:"verify"`
	Build   string `yaml:"build" json:"build,omitempty"`
	Run     string `yaml:"run" json:"run"`
}

// Parameter is one answer a template takes besides the name and module.
type Parameter struct {
	Name        string   `yaml:"name" json:"name"`
	Description string   `yaml:"description" json:"description"`
	Type        string   `yaml:"type" json:"type"`
	Default     any      `yaml:"default" json:"default"`
	Min         *int     `yaml:"min" json:"min,omitempty"`
	Max         *int     `yaml:"max" json:"max,omitempty"`
	Pattern     string   `yaml:"pattern" json:"pattern,omitempty"`
	Choices     []string `yaml:"choices" json:"choices,omitempty"`
}

var (
	styleRe = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	paramRe = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

func (m *Manifest) validate(dir string) error {
	switch {
	case !slices.Contains(Tiers, m.Tier):
		return fmt.Errorf("tier %q is not one of %s", m.Tier, strings.Join(Tiers, ", "))
	case !slices.Contains(Langs, m.Lang):
		return fmt.Errorf("lang %q is not one of %s", m.Lang, strings.Join(Langs, ", "))
	case !styleRe.MatchString(m.Style):
		return fmt.Errorf("style %q must be lowercase words joined by hyphens", m.Style)
	case m.ID != m.Tier+"/"+m.Lang+"-"+m.Style:
		return fmt.Errorf("id %q must be %q", m.ID, m.Tier+"/"+m.Lang+"-"+m.Style)
	case dir != m.ID:
		return fmt.Errorf("id %q must match its directory %q", m.ID, dir)
	case m.Description == "":
		return fmt.Errorf("description is empty")
	case m.Commands.Verify == "" || m.Commands.Run == "":
		return fmt.Errorf("commands.verify and commands.run are required")
	}
	for _, svc := range m.Services {
		if !slices.Contains(Services, svc) {
			return fmt.Errorf("service %q is not one archgen can provide; use one of %s", svc, strings.Join(Services, ", "))
		}
	}
	seen := map[string]bool{}
	for i := range m.Parameters {
		p := &m.Parameters[i]
		if !paramRe.MatchString(p.Name) {
			return fmt.Errorf("parameter %q: name must match %s", p.Name, paramRe)
		}
		if seen[p.Name] {
			return fmt.Errorf("parameter %q is declared twice", p.Name)
		}
		seen[p.Name] = true
		def, err := p.Parse(fmt.Sprint(p.Default))
		if err != nil {
			return fmt.Errorf("the default of %w", err)
		}
		p.Default = def
	}
	return nil
}

// Parameter looks a parameter up by name.
func (m *Manifest) Parameter(name string) (Parameter, bool) {
	for _, p := range m.Parameters {
		if p.Name == name {
			return p, true
		}
	}
	return Parameter{}, false
}

// Defaults returns every parameter's default value.
func (m *Manifest) Defaults() map[string]any {
	out := make(map[string]any, len(m.Parameters))
	for _, p := range m.Parameters {
		out[p.Name] = p.Default
	}
	return out
}

// Parse converts a textual answer to the parameter's type and validates it.
// The error names the parameter and what it allows.
func (p Parameter) Parse(s string) (any, error) {
	switch p.Type {
	case TypeInt:
		n, err := strconv.Atoi(s)
		if err != nil {
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
	case TypeString, "":
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
		return nil, fmt.Errorf("parameter %q: unknown type %q (want string, int or bool)", p.Name, p.Type)
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
