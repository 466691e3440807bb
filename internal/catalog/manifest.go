package catalog

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/archgen/archgen/internal/lang"
	"github.com/archgen/archgen/internal/render"
)

// Tiers lists the architecture tiers in the order of the guide.
var Tiers = []string{"entry", "intermediate", "enterprise"}

// Langs lists the language styles archgen knows, in catalog order.
var Langs = lang.IDs()

// Services lists the servers a manifest may ask for; the end-to-end
// harness provides each of them on 127.0.0.1 (see internal/e2e): postgres,
// etcd, redis and nats from Debian's packages, and otlp, its own OTLP/HTTP
// trace receiver.
var Services = []string{"postgres", "etcd", "redis", "nats", "otlp"}

// Parameter types a manifest may declare.
const (
	TypeString = "string"
	TypeInt    = "int"
	TypeBool   = "bool"
	TypeChoice = "choice" // a string that must be one of Choices
	TypeList   = "list"   // a list of names, each a valid resource name
)

// ModuleNone is the module value of a manifest whose projects take no
// module answer (nothing in their files uses one).
const ModuleNone = "none"

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
	// Module is "none" when the template takes no module answer.
	Module string `yaml:"module" json:"module,omitempty"`
	// Commands are templates rendered with the project's data.
	Commands render.Commands `yaml:"commands" json:"commands"`
	Health   string          `yaml:"health" json:"health,omitempty"`
	// Services are the servers the project needs, each with an optional
	// condition over the answers (postgres only when db is postgres).
	Services []Ref `yaml:"services" json:"services,omitempty"`
	// Processes describe a project that runs more than one server; empty
	// means one process, commands.run answering on health.
	Processes []Process `yaml:"processes" json:"processes,omitempty"`
	// Runs are answer sets the end-to-end harness proves besides the
	// defaults (another database, another module list).
	Runs []Run `yaml:"runs" json:"runs,omitempty"`

	// Composition: the shared layers under templates/_layers overlaid in
	// order beneath the template's own files/, and the rules on them.
	Layers    []Ref             `yaml:"layers" json:"layers,omitempty"`
	Overrides []string          `yaml:"overrides" json:"-"`
	When      map[string]string `yaml:"when" json:"-"`
	Each      map[string]string `yaml:"each" json:"-"`
	// Moves write parts of the project elsewhere when a condition holds
	// (a layout choice).
	Moves []render.Move `yaml:"moves" json:"-"`
}

// Process is one server of a project with several.
type Process struct {
	Name string `yaml:"name" json:"name"`
	// Dir is where Run runs, relative to the project root ("" is the root).
	Dir string `yaml:"dir" json:"dir,omitempty"`
	// Run starts the process in the foreground; a template like commands.
	Run string `yaml:"run" json:"run"`
	// Port is the environment variable that receives its port.
	Port string `yaml:"port" json:"port"`
	// Health answers 200 once the process is up.
	Health string `yaml:"health" json:"health"`
	// Ports are more environment variables, each receiving a free port
	// of its own (a gRPC port beside the HTTP one).
	Ports []string `yaml:"ports" json:"ports,omitempty"`
	// Database names the database the process owns: the harness creates
	// it and hands its address as DATABASE_URL.
	Database string `yaml:"database" json:"database,omitempty"`
	// Migrate runs in Dir before the process starts, with its database.
	Migrate string `yaml:"migrate" json:"migrate,omitempty"`
	// Entry marks the public entry every check talks to (default: the
	// first process).
	Entry bool `yaml:"entry" json:"entry,omitempty"`
}

// Run is one extra answer set the end-to-end harness proves.
type Run struct {
	Name   string         `yaml:"name" json:"name"`
	Params map[string]any `yaml:"params" json:"params"`
}

// Ref names a layer or a service, with an optional condition over the
// answers.
type Ref struct {
	Name string `yaml:"name" json:"name"`
	When string `yaml:"when" json:"when,omitempty"`
	// Under mounts a layer's files in a directory of the project instead
	// of its root (a layer that is one module of several).
	Under string `yaml:"under" json:"under,omitempty"`
	// Module, with Under, is the Go module suffix the mounted files see:
	// inside them .Module is "<module>/<Module>".
	Module string `yaml:"module" json:"module,omitempty"`
	// Only lists the paths of the layer's tree (files or directories, as
	// in the tree) to take; empty takes all.
	Only []string `yaml:"only" json:"only,omitempty"`
}

// UnmarshalYAML accepts a bare name or a mapping with name and when.
func (l *Ref) UnmarshalYAML(unmarshal func(any) error) error {
	var name string
	if err := unmarshal(&name); err == nil {
		l.Name = name
		return nil
	}
	type plain Ref
	return unmarshal((*plain)(l))
}

// ProcessList returns the processes to start: the declared ones, or the
// single process of commands.run.
func (m *Manifest) ProcessList() []Process {
	if len(m.Processes) > 0 {
		return m.Processes
	}
	health := m.Health
	if health == "" {
		health = "/health"
	}
	return []Process{{Name: "server", Run: m.Commands.Run, Port: "PORT", Health: health}}
}

// EntryProcess returns the index in ProcessList of the public entry every
// check talks to: the process marked entry, else the first.
func (m *Manifest) EntryProcess() int {
	for i, p := range m.ProcessList() {
		if p.Entry {
			return i
		}
	}
	return 0
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
	// Reserved lists names a list may not hold (singular or plural), such
	// as those the template's own files already use.
	Reserved []string `yaml:"reserved" json:"reserved,omitempty"`
	// MaxLength bounds a list item: its plural in kebab case (the longest
	// form the templates derive names from) may have at most this many
	// characters. A template whose formatter has a line width sets it to
	// the longest name its generated code is proven to format cleanly with.
	MaxLength *int `yaml:"max_length" json:"max_length,omitempty"`

	// language refuses list items whose identifiers would be keywords of
	// the template's language.
	language lang.Language
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
	case m.Commands.Verify == "":
		return fmt.Errorf("commands.verify is required")
	case m.Commands.Run == "" && len(m.Processes) == 0:
		return fmt.Errorf("commands.run or processes is required")
	case m.Module != "" && m.Module != ModuleNone:
		return fmt.Errorf("module %q: leave it out, or say none when the template takes no module", m.Module)
	}
	if err := validateProcesses(m.Processes, m.Services); err != nil {
		return err
	}
	for i, mv := range m.Moves {
		if len(mv.Paths) == 0 {
			return fmt.Errorf("moves[%d]: paths is empty; give each moved path and where it goes", i)
		}
		for from, to := range mv.Paths {
			if err := render.CheckMove(from, to); err != nil {
				return fmt.Errorf("moves[%d]: %w", i, err)
			}
		}
	}
	runs := map[string]bool{}
	for _, r := range m.Runs {
		if !paramRe.MatchString(r.Name) || runs[r.Name] {
			return fmt.Errorf("run %q: a run needs a unique name matching %s", r.Name, paramRe)
		}
		runs[r.Name] = true
	}
	for _, svc := range m.Services {
		if !slices.Contains(Services, svc.Name) {
			return fmt.Errorf("service %q is not one archgen can provide; use one of %s", svc.Name, strings.Join(Services, ", "))
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
		p.language, _ = lang.Get(m.Lang)
		if p.Type == TypeChoice && len(p.Choices) == 0 {
			return fmt.Errorf("parameter %q: a choice needs choices", p.Name)
		}
		if p.MaxLength != nil && (p.Type != TypeList || *p.MaxLength < 1) {
			return fmt.Errorf("parameter %q: max_length is a positive number of characters, for a list", p.Name)
		}
		def, err := p.Value(p.Default)
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

// envRe is what a process's port variables must look like: an
// environment variable name as the shells write them.
var envRe = regexp.MustCompile(`^[A-Z_][A-Z0-9_]*$`)

// databaseRe is what a process's database name must look like; the harness
// prefixes it with the run's id, within PostgreSQL's 63 characters.
var databaseRe = regexp.MustCompile(`^[a-z][a-z0-9_]{0,29}$`)

func validateProcesses(ps []Process, services []Ref) error {
	seen, databases := map[string]bool{}, map[string]string{}
	entry := ""
	for _, p := range ps {
		switch {
		case !paramRe.MatchString(p.Name):
			return fmt.Errorf("process %q: name must match %s", p.Name, paramRe)
		case seen[p.Name]:
			return fmt.Errorf("process %q is declared twice", p.Name)
		case p.Run == "" || p.Port == "" || p.Health == "":
			return fmt.Errorf("process %q: run, port and health are required", p.Name)
		case p.Dir != "" && (!fs.ValidPath(p.Dir) || path.IsAbs(p.Dir)):
			return fmt.Errorf("process %q: dir %q must be a relative path inside the project", p.Name, p.Dir)
		case p.Entry && entry != "":
			return fmt.Errorf("process %q: %q is already the entry; at most one process has entry: true", p.Name, entry)
		}
		if err := validatePorts(p); err != nil {
			return err
		}
		if p.Database != "" {
			if err := validateDatabase(p, databases, services); err != nil {
				return err
			}
			databases[p.Database] = p.Name
		}
		if p.Entry {
			entry = p.Name
		}
		seen[p.Name] = true
	}
	return nil
}

// validatePorts requires port and ports to be environment variable names,
// none twice.
func validatePorts(p Process) error {
	vars := map[string]bool{}
	for _, v := range append([]string{p.Port}, p.Ports...) {
		switch {
		case !envRe.MatchString(v):
			return fmt.Errorf("process %q: port variable %q must be an environment variable name matching %s", p.Name, v, envRe)
		case vars[v]:
			return fmt.Errorf("process %q: port variable %q is named twice; each port needs a variable of its own", p.Name, v)
		}
		vars[v] = true
	}
	return nil
}

// validateDatabase requires a well-formed database name that no other
// process owns, in a manifest that asks for postgres.
func validateDatabase(p Process, owners map[string]string, services []Ref) error {
	switch {
	case !databaseRe.MatchString(p.Database):
		return fmt.Errorf("process %q: database %q must match %s", p.Name, p.Database, databaseRe)
	case owners[p.Database] != "":
		return fmt.Errorf("process %q: database %q is already %q's; each process owns its database", p.Name, p.Database, owners[p.Database])
	case !slices.ContainsFunc(services, func(r Ref) bool { return r.Name == "postgres" }):
		return fmt.Errorf("process %q: database %q needs the service postgres; add it to services", p.Name, p.Database)
	}
	return nil
}
