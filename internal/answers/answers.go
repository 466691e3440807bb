// Package answers holds the answers that select and fill a template, checks
// them against the template's manifest, and reads and writes them as the
// .archgen.yaml file every generated project carries.
package answers

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/naming"
)

// FileName is the answers file written into every generated project.
const FileName = ".archgen.yaml"

// Answers are everything needed to reproduce a project.
type Answers struct {
	Template string
	Name     string
	Module   string
	Params   map[string]any
}

// Complete validates the answers against t and fills in what is missing:
// the module from the name, the parameters from their defaults. Every error
// names the answer that was wrong.
func (a *Answers) Complete(t *catalog.Template) error {
	a.Template = t.ID
	if err := naming.ValidateName(a.Name); err != nil {
		return err
	}
	if a.Module == "" {
		a.Module = naming.DefaultModule(t.Lang, a.Name)
	}
	if err := naming.ValidateModule(t.Lang, a.Module); err != nil {
		return fmt.Errorf("%w (set it with --module)", err)
	}
	params := t.Defaults()
	for k, v := range a.Params {
		p, ok := t.Parameter(k)
		if !ok {
			return fmt.Errorf("template %s has no parameter %q; it takes %s", t.ID, k, strings.Join(paramNames(t), ", "))
		}
		val, err := p.Parse(fmt.Sprint(v))
		if err != nil {
			return err
		}
		params[k] = val
	}
	a.Params = params
	return nil
}

func paramNames(t *catalog.Template) []string {
	names := make([]string, len(t.Parameters))
	for i, p := range t.Parameters {
		names[i] = p.Name
	}
	return names
}

type fileFormat struct {
	Archgen  string        `yaml:"archgen"`
	Template string        `yaml:"template"`
	Name     string        `yaml:"name"`
	Module   string        `yaml:"module"`
	Params   yaml.MapSlice `yaml:"params,omitempty"`
}

// Marshal renders the answers file. Keys are sorted so the same answers
// always give the same bytes.
func (a *Answers) Marshal(version string) ([]byte, error) {
	f := fileFormat{Archgen: version, Template: a.Template, Name: a.Name, Module: a.Module}
	for _, k := range slices.Sorted(maps.Keys(a.Params)) {
		f.Params = append(f.Params, yaml.MapItem{Key: k, Value: a.Params[k]})
	}
	body, err := yaml.Marshal(f)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.WriteString("# Answers archgen used to generate this project.\n")
	buf.WriteString("# Recreate it with: archgen new --config " + FileName + " --dir DIR\n")
	buf.Write(body)
	return buf.Bytes(), nil
}
