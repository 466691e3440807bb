// Package render turns a template tree and a set of answers into files in
// memory. It never touches the disk: writing is the writer's job.
package render

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"text/template"

	sprig "github.com/go-task/slim-sprig/v3"

	"github.com/archgen/archgen/internal/naming"
)

// TemplateSuffix marks a file whose content is executed as a template.
const TemplateSuffix = ".tmpl"

// File is one rendered file, its path relative to the project root in
// slash form.
type File struct {
	Path    string
	Content []byte
	Mode    fs.FileMode
	// Rendered is true when the content was executed as a template, false
	// when it was copied byte for byte.
	Rendered bool
}

// Commands are the shell command lines that install, migrate, verify,
// build and run a project: in a manifest they are templates, in Data they
// are rendered.
type Commands struct {
	Install string `yaml:"install" json:"install"`
	Migrate string `yaml:"migrate" json:"migrate,omitempty"`
	Verify  string `yaml:"verify" json:"verify"`
	Build   string `yaml:"build" json:"build"`
	Run     string `yaml:"run" json:"run"`
}

// Advice is the advisor's recommendation as a template sees it: the
// inputs given, in the advisor's order, and what the rules concluded.
type Advice struct {
	// Inputs are the inputs given, e.g. {users, 50,000}.
	Inputs []AdviceInput
	// Tier and Lang are what the rules recommend; the project's own
	// .Tier and .Lang may differ when the user chose otherwise.
	Tier, Lang string
	// Reasons say why, each naming the guide section and the input that
	// triggered it: "users 50,000 is in 1k–100k (§1.1) → intermediate".
	Reasons []string
	// Conflicts explain inputs that disagree with each other or with the
	// recommendation (a 2-person team with 5M users).
	Conflicts []string
}

// UpgradeSignal is a §6.2 row: "team > 10 people → microservices".
type UpgradeSignal struct {
	ID        string // code_files, build_time, team, dau, service_languages
	Name      string // code files
	Threshold string // > 50
	To        string // the guide's upgrade: intermediate, modular, microservices
	NextTier  string // the archgen tier it means: intermediate, enterprise
}

// AdviceInput is one input of the advisor as given.
type AdviceInput struct {
	Name  string // users, concurrency, dau, team, lang, workload, teams
	Value string // formatted for people: 50,000; go, python
}

// Data is what a template sees. See templates/README.md.
type Data struct {
	Name        string
	Module      string
	PackagePath string
	Group       string
	TemplateID  string
	Tier        string
	Lang        string
	Style       string
	Params      map[string]any
	Commands    Commands
	// Advice is what the advisor (archgen recommend) said for the inputs
	// the project was generated with; nil when none were given.
	Advice *Advice
	// Signals are the guide's §6.2 upgrade signals that apply at the
	// template's tier, from the advisor's table.
	Signals []UpgradeSignal
	// Item is the current item inside an each fan-out.
	Item naming.Forms
	// Index is the 1-based position of Item among the copies the each
	// renders: items its when rule leaves out are not counted.
	Index int
}

// funcs is sprig's hermetic map (no clock, randomness or environment) and
// archgen's own naming functions.
var funcs = func() map[string]any {
	m := sprig.HermeticTxtFuncMap()
	m["forms"] = naming.NewForms
	// place is where a path of the project is written; Render replaces it
	// with its moves (see Move). Outside Render nothing moves.
	m["place"] = func(p string) string { return p }
	return m
}()

// Sort orders files by path.
func Sort(files []File) {
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
}

// Set executes template texts that share one function map. Installing
// sprig's map is most of the cost of a small template, so a whole tree is
// rendered with one Set.
type Set struct {
	root *template.Template
	// parsed caches each text by name and content: an each fan-out
	// executes the same file and path once per item.
	parsed map[string]*template.Template
}

// NewSet returns a Set with sprig's hermetic functions, in which a missing
// key is an error, never "<no value>".
func NewSet() *Set {
	return &Set{root: template.New("").Funcs(funcs).Option("missingkey=error"), parsed: map[string]*template.Template{}}
}

// Text executes one template text with a fresh Set.
func Text(name, text string, data any) ([]byte, error) {
	return NewSet().Text(name, text, data)
}

// Holds evaluates a condition with a fresh Set; see Set.Holds.
func Holds(name, cond string, data any) (bool, error) {
	return NewSet().Holds(name, cond, data)
}

// Path renders a templated path with a fresh Set; see Set.Path.
func Path(src string, data any) (string, error) {
	return NewSet().Path(src, data)
}

// Holds evaluates a condition, a template pipeline over data such as
// `eq .Params.db "postgres"` (the when of a manifest); "" holds.
func (s *Set) Holds(name, cond string, data any) (bool, error) {
	if cond == "" {
		return true, nil
	}
	out, err := s.Text(name, "{{if "+cond+"}}true{{end}}", data)
	if err != nil {
		return false, err
	}
	return string(out) == "true", nil
}

// Text executes one template text. A later text of the same name replaces
// the earlier one, which has been executed by then.
func (s *Set) Text(name, text string, data any) ([]byte, error) {
	key := name + "\x00" + text
	t, ok := s.parsed[key]
	if !ok {
		var err error
		if t, err = s.root.New(name).Parse(text); err != nil {
			return nil, err
		}
		s.parsed[key] = t
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Path renders a slash-separated template path segment by segment and
// checks that the result stays a clean relative path inside the project.
func (s *Set) Path(src string, data any) (string, error) {
	segs := strings.Split(src, "/")
	out := make([]string, 0, len(segs))
	for _, seg := range segs {
		if strings.Contains(seg, "{{") {
			b, err := s.Text(src, seg, data)
			if err != nil {
				return "", err
			}
			seg = string(b)
		}
		// A rendered segment may hold slashes on purpose (a Java package
		// path); each piece is checked on its own.
		for piece := range strings.SplitSeq(seg, "/") {
			if err := checkSegment(src, piece); err != nil {
				return "", err
			}
			out = append(out, piece)
		}
	}
	p := strings.Join(out, "/")
	if !fs.ValidPath(p) || p == "." || path.Clean(p) != p {
		return "", fmt.Errorf("%s renders to %q, which is not a clean relative path", src, p)
	}
	return p, nil
}

func checkSegment(src, seg string) error {
	switch {
	case seg == "", seg == ".", seg == "..":
		return fmt.Errorf("%s renders to a path with the segment %q", src, seg)
	case strings.ContainsAny(seg, "\\\x00:"):
		return fmt.Errorf("%s renders to a path segment %q with a forbidden character", src, seg)
	case strings.Contains(seg, "{{") || strings.Contains(seg, "}}"):
		return fmt.Errorf("%s renders to a path segment %q that still holds template text", src, seg)
	}
	return nil
}
