package catalog

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/archgen/archgen/internal/render"
)

// Layer is a shared tree under templates/_layers/<name>: files/, an
// optional partials/ and an optional layer.yaml with its rules.
type Layer struct {
	Name        string            `yaml:"-"`
	Description string            `yaml:"description"`
	Overrides   []string          `yaml:"overrides"`
	When        map[string]string `yaml:"when"`
	Each        map[string]string `yaml:"each"`
	Files       fs.FS             `yaml:"-"`
	Partials    fs.FS             `yaml:"-"`
	dir         string
	fsys        fs.FS
}

var layerNameRe = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// findLayer loads the layer from the first root that has it.
func findLayer(roots []fs.FS, name string) (*Layer, error) {
	for _, fsys := range roots[:len(roots)-1] {
		if _, err := fs.Stat(fsys, path.Join(LayersDir, name)); err == nil {
			return loadLayer(fsys, name)
		}
	}
	return loadLayer(roots[len(roots)-1], name)
}

func loadLayer(fsys fs.FS, name string) (*Layer, error) {
	if !layerNameRe.MatchString(name) {
		return nil, fmt.Errorf("layer %q: a layer name is lowercase words joined by hyphens", name)
	}
	dir := path.Join(LayersDir, name)
	l := &Layer{}
	raw, err := fs.ReadFile(fsys, path.Join(dir, LayerManifestName))
	switch {
	case err == nil:
		if err := yaml.NewDecoder(bytes.NewReader(raw), yaml.Strict()).Decode(l); err != nil {
			return nil, fmt.Errorf("layer %s: %w", name, err)
		}
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("layer %s: %w", name, err)
	}
	l.Name, l.dir, l.fsys = name, dir, fsys
	l.Files = optionalSub(fsys, path.Join(dir, "files"))
	l.Partials = optionalSub(fsys, path.Join(dir, "partials"))
	if l.Files == nil && l.Partials == nil {
		return nil, fmt.Errorf("layer %q: templates/%s has neither files/ nor partials/", name, dir)
	}

	if l.Files == nil && (len(l.When) > 0 || len(l.Each) > 0 || len(l.Overrides) > 0) {
		return nil, fmt.Errorf("layer %q has rules but no files/", name)
	}
	if err := checkRules(l.Files, "layer "+name, l.When, l.Each); err != nil {
		return nil, err
	}
	return l, nil
}

func optionalSub(fsys fs.FS, dir string) fs.FS {
	if _, err := fs.Stat(fsys, dir); err != nil {
		return nil
	}
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil
	}
	return sub
}

// checkMount checks a layer entry's under, module and only: a directory
// inside the project, a module only with a directory, and paths the
// layer's tree has.
func checkMount(ref Ref, l *Layer) error {
	switch {
	case ref.Under != "" && (!fs.ValidPath(ref.Under) || ref.Under == "."):
		return fmt.Errorf("layer %s: under %q must be a relative directory inside the project", ref.Name, ref.Under)
	case ref.Module != "" && ref.Under == "":
		return fmt.Errorf("layer %s: module %q needs under, the directory the module is in", ref.Name, ref.Module)
	case ref.Module != "" && !fs.ValidPath(ref.Module):
		return fmt.Errorf("layer %s: module %q must be a slash-separated path", ref.Name, ref.Module)
	case len(ref.Only) > 0 && l.Files == nil:
		return fmt.Errorf("layer %s: only needs files/ to choose from", ref.Name)
	}
	for _, p := range ref.Only {
		if _, err := fs.Stat(l.Files, p); err != nil || !fs.ValidPath(p) {
			return fmt.Errorf("layer %s: only names %q, which is not in the tree", ref.Name, p)
		}
	}
	return nil
}

// checkMoves requires every path a move takes to be in the template's
// own tree or in a layer mounted at or above it, so a renamed directory
// cannot silently stay where it was.
func checkMoves(t *Template) error {
	for i, mv := range t.Moves {
		for from := range mv.Paths {
			if !t.hasPath(from) {
				return fmt.Errorf("moves[%d]: %q is not a path of the template's tree or of a layer", i, from)
			}
		}
	}
	return nil
}

// hasPath reports whether p is a path of the project's tree before moves:
// of the template's own files, or of a layer's under its mount.
func (t *Template) hasPath(p string) bool {
	if exists(t.Files, p) {
		return true
	}
	for j, l := range t.Layers {
		under := t.Manifest.Layers[j].Under
		switch {
		case l.Files == nil:
		case under == "":
			if exists(l.Files, p) {
				return true
			}
		case p == under:
			return true
		default:
			if rel, ok := strings.CutPrefix(p, under+"/"); ok && exists(l.Files, rel) {
				return true
			}
		}
	}
	return false
}

// exists reports whether p is a directory or a file of the tree, as it is
// or as a template (p.tmpl).
func exists(files fs.FS, p string) bool {
	if _, err := fs.Stat(files, p); err == nil {
		return true
	}
	_, err := fs.Stat(files, p+render.TemplateSuffix)
	return err == nil
}

// checkRules requires every path a when or each rule names to exist, so a
// renamed file cannot silently lose its rule.
func checkRules(files fs.FS, where string, rules ...map[string]string) error {
	for _, r := range rules {
		for p := range r {
			if _, err := fs.Stat(files, p); err != nil {
				return fmt.Errorf("%s: a rule names %q, which is not in the tree", where, p)
			}
		}
	}
	return nil
}

// Spec returns what render.Render needs to render the template: its layers
// in order (a conditional layer carries its condition, which the renderer
// evaluates), then its own files, and every partial.
func (t *Template) Spec() render.Spec {
	spec := render.Spec{Executable: t.Executable, Moves: t.Moves}
	partials := map[string]bool{}
	for i, l := range t.Layers {
		ref := t.Manifest.Layers[i]
		if l.Files != nil {
			src := render.Source{Name: "layer " + l.Name, FS: l.Files, When: l.When, Each: l.Each, Overrides: l.Overrides, If: ref.When,
				Under: ref.Under, Module: ref.Module, Only: ref.Only}
			if ref.Under != "" {
				src.Name += " under " + ref.Under
				overrides := make([]string, len(l.Overrides))
				for j, o := range l.Overrides {
					overrides[j] = path.Join(ref.Under, o)
				}
				src.Overrides = overrides
			}
			src.Module = ref.Module
			spec.Sources = append(spec.Sources, src)
		}
		// A layer mounted twice (at the root and under a directory, say)
		// defines its partials once.
		if l.Partials != nil && !partials[l.Name] {
			partials[l.Name] = true
			spec.Partials = append(spec.Partials, render.Partials{Name: "layer " + l.Name + " partials", FS: l.Partials, If: ref.When})
		}
	}
	spec.Sources = append(spec.Sources, render.Source{Name: t.ID, FS: t.Files, When: t.When, Each: t.Each, Overrides: t.Overrides})
	if t.Partials != nil {
		spec.Partials = append(spec.Partials, render.Partials{Name: t.ID + " partials", FS: t.Partials})
	}
	return spec
}

// Digest is the SHA-256 of everything the template renders from: its
// manifest, partials and files and those of its layers, so an answers file
// can tell whether a template changed since a project was generated.
func (t *Template) Digest() (string, error) {
	h := sha256.New()
	type tree struct {
		fsys fs.FS
		dir  string
	}
	trees := []tree{{t.fsys, t.dir}}
	for _, l := range t.Layers {
		trees = append(trees, tree{l.fsys, l.dir})
	}
	for _, tr := range trees {
		err := fs.WalkDir(tr.fsys, tr.dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			raw, err := fs.ReadFile(tr.fsys, p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%s\x00%d\x00", p, len(raw))
			h.Write(raw)
			return nil
		})
		if err != nil {
			return "", err
		}
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
}
