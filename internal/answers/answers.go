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

	"github.com/archgen/archgen/internal/advisor"
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
	// Params are typed answers, as an answers file holds them; after
	// Complete, every parameter of the template with its value.
	Params map[string]any
	// Text are answers typed as text (--set, flags, the wizard), parsed by
	// Complete; they win over Params. Origin names where they came from.
	Text   map[string]string
	Origin map[string]string
	// Version is the archgen version that wrote a loaded answers file.
	Version string
	// Advice are the advisor's inputs the project was generated with
	// (archgen new --advice), recorded in its decision record; nil if none.
	Advice *advisor.Inputs
}

// SetText records a textual answer and where it came from ("--set").
func (a *Answers) SetText(key, value, origin string) {
	if a.Text == nil {
		a.Text, a.Origin = map[string]string{}, map[string]string{}
	}
	a.Text[key], a.Origin[key] = value, origin
}

// Complete validates the answers against t and fills in what is missing:
// the module from the name, the parameters from their defaults. Every error
// names the answer that was wrong.
func (a *Answers) Complete(t *catalog.Template) error {
	a.Template = t.ID
	if err := naming.ValidateName(a.Name); err != nil {
		return err
	}
	switch {
	case t.Module == catalog.ModuleNone:
		// Nothing in the template uses a module; none is recorded.
		a.Module = ""
	case a.Module == "":
		a.Module = t.Language().DefaultModule(a.Name)
	}
	if a.Module != "" {
		if err := t.Language().ValidateModule(a.Module); err != nil {
			return fmt.Errorf("%w (set it with --module)", err)
		}
	}
	params := t.Defaults()
	for _, k := range slices.Sorted(maps.Keys(a.Params)) {
		p, err := parameter(t, k)
		if err != nil {
			return err
		}
		if params[k], err = p.Value(a.Params[k]); err != nil {
			return err
		}
	}
	for _, k := range slices.Sorted(maps.Keys(a.Text)) {
		p, err := parameter(t, k)
		if err == nil {
			params[k], err = p.Parse(a.Text[k])
		}
		if err != nil {
			if o := a.Origin[k]; o != "" {
				return fmt.Errorf("%s: %w", o, err)
			}
			return err
		}
	}
	a.Params, a.Text, a.Origin = params, nil, nil
	return nil
}

func parameter(t *catalog.Template, name string) (catalog.Parameter, error) {
	if p, ok := t.Parameter(name); ok {
		return p, nil
	}
	names := make([]string, len(t.Parameters))
	for i, p := range t.Parameters {
		names[i] = p.Name
	}
	if len(names) == 0 {
		return catalog.Parameter{}, fmt.Errorf("template %s has no parameter %q; it takes none", t.ID, name)
	}
	return catalog.Parameter{}, fmt.Errorf("template %s has no parameter %q; it takes %s", t.ID, name, strings.Join(names, ", "))
}

type fileFormat struct {
	Archgen        string        `yaml:"archgen"`
	Template       string        `yaml:"template"`
	TemplateDigest string        `yaml:"template_digest,omitempty"`
	Name           string        `yaml:"name"`
	Module         string        `yaml:"module,omitempty"`
	Params         yaml.MapSlice `yaml:"params,omitempty"`
	Advice         yaml.MapSlice `yaml:"advice,omitempty"`
	Files          yaml.MapSlice `yaml:"files,omitempty"`
}

// Record is what the answers file records besides the answers, so that
// the generation can be rebuilt exactly (the base of a later upgrade).
type Record struct {
	// Version is archgen's version.
	Version string
	// Digest is the template's digest (catalog.Template.Digest).
	Digest string
	// Files maps every generated path to its SHA-256, hex-encoded.
	Files map[string]string
}

// Marshal renders the answers file. Keys are sorted so the same answers
// always give the same bytes.
func (a *Answers) Marshal(rec Record) ([]byte, error) {
	f := fileFormat{Archgen: rec.Version, Template: a.Template, TemplateDigest: rec.Digest, Name: a.Name, Module: a.Module}
	for _, k := range slices.Sorted(maps.Keys(a.Params)) {
		f.Params = append(f.Params, yaml.MapItem{Key: k, Value: a.Params[k]})
	}
	if a.Advice != nil {
		f.Advice = adviceItems(*a.Advice)
	}
	for _, k := range slices.Sorted(maps.Keys(rec.Files)) {
		f.Files = append(f.Files, yaml.MapItem{Key: k, Value: "sha256:" + rec.Files[k]})
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

// adviceItems lists the advisor's inputs in its own order (counts, lang,
// workload), counts as numbers and languages as a list.
func adviceItems(in advisor.Inputs) yaml.MapSlice {
	var items yaml.MapSlice
	for _, kv := range strings.Split(in.String(), ",") {
		k, v, _ := strings.Cut(kv, "=")
		if n, err := advisor.ParseCount(v); err == nil && k != "lang" && k != "workload" {
			items = append(items, yaml.MapItem{Key: k, Value: n})
		}
	}
	if len(in.Langs) > 0 {
		items = append(items, yaml.MapItem{Key: "lang", Value: in.Langs})
	}
	if in.Workload != "" {
		items = append(items, yaml.MapItem{Key: "workload", Value: in.Workload})
	}
	return items
}
