package render

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/archgen/archgen/internal/naming"
)

// Source is one tree a project is composed of: a shared layer or the
// template's own files. Trees are overlaid in order.
type Source struct {
	// Name says where the tree comes from, in errors: "layer base".
	Name string
	// FS is the tree's files/ directory.
	FS fs.FS
	// When maps a source path (a file or a directory, slash-separated, as
	// it is in FS) to a condition over the data, a template pipeline such
	// as `eq .Params.db "postgres"`. A false condition leaves the file or
	// the whole directory out.
	When map[string]string
	// Each maps a source path to the name of a list parameter: the file or
	// directory is rendered once per item, with .Item holding the item's
	// names (naming.Forms). Its path must use .Item so the copies differ.
	Each map[string]string
	// Overrides lists rendered paths this tree may take over from an
	// earlier one. Any other path rendered twice is an error.
	Overrides []string
	// If is a condition on the whole tree (a conditional layer); "" is
	// always.
	If string
	// Under is the directory of the project the tree is rendered into
	// ("" is the root). When, Each and Only name paths of the tree itself;
	// Overrides names rendered paths, with Under.
	Under string
	// Module, when set, is a path the tree's files see appended to the
	// project's .Module ("api-gateway": "shop/api-gateway"): a tree
	// mounted as one Go module of several.
	Module string
	// Only lists the paths of the tree (files or directories) to render;
	// empty renders the whole tree.
	Only []string
}

// takes reports whether the source path is one Only lets through: a path
// listed, inside one listed, or a directory on the way to one.
func (s *Source) takes(src string) bool {
	if len(s.Only) == 0 {
		return true
	}
	for _, o := range s.Only {
		if src == o || strings.HasPrefix(src, o+"/") || strings.HasPrefix(o, src+"/") {
			return true
		}
	}
	return false
}

// Partials is one directory of shared templates: every *.tmpl file in it is
// parsed before any file of the project is executed, so the templates it
// defines ({{define "name"}}) are visible to every file, whatever the order.
type Partials struct {
	Name string
	FS   fs.FS
	// If is a condition on the whole directory, as Source.If.
	If string
}

// Spec is everything a project is rendered from.
type Spec struct {
	Sources  []Source
	Partials []Partials
	// Executable lists rendered paths written with mode 0755.
	Executable []string
	// Moves write parts of the project elsewhere when their conditions
	// hold. Every other path of the spec (Overrides, Executable, Under)
	// names a path before it is moved; templates learn where a path ends
	// up with the function place.
	Moves []Move
}

// Render renders the sources of spec with data, later sources overlaying
// earlier ones where they say so. The result is sorted by path.
func Render(spec Spec, data Data) ([]File, error) {
	r := &composer{set: NewSet(), spec: spec, index: map[string]int{}, raw: map[origin][]byte{}}
	placer, err := newPlacer(r.set, spec.Moves, data)
	if err != nil {
		return nil, err
	}
	r.placer = placer
	r.set.root.Funcs(map[string]any{"place": placer.Place})
	if err := r.partials(data); err != nil {
		return nil, err
	}
	for i := range spec.Sources {
		r.src = &spec.Sources[i]
		r.srcIdx = i
		ok, err := r.set.Holds(r.src.Name, r.src.If, data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.src.Name, err)
		}
		if !ok {
			continue
		}
		d := data
		if r.src.Module != "" {
			d.Module = data.Module + "/" + r.src.Module
		}
		if err := r.walk(".", d); err != nil {
			return nil, fmt.Errorf("%s: %w", r.src.Name, err)
		}
	}
	Sort(r.files)
	return r.files, nil
}

type composer struct {
	set    *Set
	spec   Spec
	src    *Source
	srcIdx int
	placer *Placer
	files  []File
	index  map[string]int // written path -> index in files
	from   []origin       // parallel to files
	// raw caches the checked content of each source file: an each
	// fan-out renders the same file once per item.
	raw map[origin][]byte
}

type origin struct {
	source int
	path   string
}

// defineRe finds the templates a text defines.
var defineRe = regexp.MustCompile(`\{\{-?\s*(?:define|block)\s+"([^"]+)"`)

func (r *composer) partials(data Data) error {
	defined := map[string]string{}
	for _, p := range r.spec.Partials {
		ok, err := r.set.Holds(p.Name, p.If, data)
		if err != nil {
			return fmt.Errorf("%s: %w", p.Name, err)
		}
		if !ok {
			continue
		}
		err = fs.WalkDir(p.FS, ".", func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !strings.HasSuffix(name, TemplateSuffix) {
				return nil
			}
			raw, err := fs.ReadFile(p.FS, name)
			if err != nil {
				return err
			}
			where := p.Name + "/" + name
			for _, m := range defineRe.FindAllStringSubmatch(string(raw), -1) {
				if prev, dup := defined[m[1]]; dup {
					return fmt.Errorf("partial %q is defined in both %s and %s", m[1], prev, where)
				}
				defined[m[1]] = where
			}
			_, err = r.set.root.New(where).Parse(string(raw))
			return err
		})
		if err != nil {
			return fmt.Errorf("partials of %s: %w", p.Name, err)
		}
	}
	return nil
}

// walk renders the entries of dir, applying when and each.
func (r *composer) walk(dir string, data Data) error {
	ents, err := fs.ReadDir(r.src.FS, dir)
	if err != nil {
		return err
	}
	for _, e := range ents {
		src := path.Join(dir, e.Name())
		if !r.src.takes(src) {
			continue
		}
		visit := func(d Data) error {
			if e.IsDir() {
				return r.walk(src, d)
			}
			if !e.Type().IsRegular() {
				return fmt.Errorf("%s: only regular files can be templates", src)
			}
			return r.file(src, d)
		}
		list, fan := r.src.Each[src]
		if !fan {
			ok, err := r.when(src, data)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			if err := visit(data); err != nil {
				return err
			}
			continue
		}
		items, err := listParam(data, list)
		if err != nil {
			return fmt.Errorf("each %s: %w", src, err)
		}
		index := 0
		for _, item := range items {
			d := data
			d.Item = naming.NewForms(item)
			// The condition sees the item, so that it can leave some out;
			// those do not count in .Index.
			ok, err := r.when(src, d)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			index++
			d.Index = index
			if err := visit(d); err != nil {
				return err
			}
		}
	}
	return nil
}

func (r *composer) when(src string, data Data) (bool, error) {
	ok, err := r.set.Holds(r.src.Name+"/"+src, r.src.When[src], data)
	if err != nil {
		return false, fmt.Errorf("when %s: %w", src, err)
	}
	return ok, nil
}

func listParam(data Data, name string) ([]string, error) {
	v, ok := data.Params[name]
	if !ok {
		return nil, fmt.Errorf("no parameter %q", name)
	}
	items, ok := v.([]string)
	if !ok {
		return nil, fmt.Errorf("parameter %q is not a list", name)
	}
	return items, nil
}

func (r *composer) file(src string, data Data) error {
	dst, err := r.set.Path(src, data)
	if err != nil {
		return err
	}
	if r.src.Under != "" {
		dst = path.Join(r.src.Under, dst)
	}
	raw, err := r.read(src)
	if err != nil {
		return err
	}
	content, rendered := raw, false
	if strings.HasSuffix(dst, TemplateSuffix) {
		dst = strings.TrimSuffix(dst, TemplateSuffix)
		if content, err = r.set.Text(r.src.Name+"/"+src, string(raw), data); err != nil {
			return err
		}
		rendered = true
	}
	mode := fs.FileMode(0o644)
	if slices.Contains(r.spec.Executable, dst) {
		mode = 0o755
	}
	placed := r.placer.Place(dst)
	f := File{Path: placed, Content: content, Mode: mode, Rendered: rendered}
	if i, dup := r.index[placed]; dup {
		prev := r.from[i]
		if prev.source == r.srcIdx {
			return fmt.Errorf("%s and %s both render to %s", prev.path, src, placed)
		}
		if !slices.Contains(r.src.Overrides, dst) {
			return fmt.Errorf("%s renders to %s, which %s already provides; list %s under overrides to replace it",
				src, placed, r.spec.Sources[prev.source].Name, dst)
		}
		r.files[i], r.from[i] = f, origin{source: r.srcIdx, path: src}
		return nil
	}
	r.index[placed] = len(r.files)
	r.files = append(r.files, f)
	r.from = append(r.from, origin{source: r.srcIdx, path: src})
	return nil
}

// read returns a source file's content, read and checked once.
func (r *composer) read(src string) ([]byte, error) {
	key := origin{source: r.srcIdx, path: src}
	if raw, ok := r.raw[key]; ok {
		return raw, nil
	}
	raw, err := fs.ReadFile(r.src.FS, src)
	if err != nil {
		return nil, err
	}
	if strings.HasSuffix(src, TemplateSuffix) {
		if m := defineRe.FindSubmatch(raw); m != nil {
			return nil, fmt.Errorf("%s defines the template %q; shared templates belong in partials/, where every file sees them", src, m[1])
		}
	}
	r.raw[key] = raw
	return raw, nil
}
