// Package catalog discovers the embedded templates from their manifests and
// resolves a tier, language and style to one of them.
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
	"slices"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/archgen/archgen/internal/render"
)

// ManifestName is the file that makes a directory a template.
const ManifestName = "template.yaml"

// LayersDir holds the shared layers a manifest may name.
const LayersDir = "_layers"

// LayerManifestName is a layer's optional manifest.
const LayerManifestName = "layer.yaml"

// Template is a manifest together with the trees it renders.
type Template struct {
	Manifest
	// Files is the template's own tree, rooted at its files/ directory.
	Files fs.FS
	// Layers are the shared layers it names, in order.
	Layers []*Layer
	// Partials is the template's own partials/ directory (nil if none).
	Partials fs.FS

	// dir is the template's directory in the catalog's file system.
	dir  string
	fsys fs.FS
}

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

// Catalog is the set of available templates.
type Catalog struct {
	templates []*Template
}

// Load reads every <tier>/<lang>-<style>/template.yaml in each root, in
// order (archgen's own templates, then directories a template author
// adds). A template's layers are looked up in its own root first, then in
// the roots before it; an id defined in two roots is an error.
func Load(roots ...fs.FS) (*Catalog, error) {
	c := &Catalog{}
	seen := map[string]bool{}
	for i, fsys := range roots {
		paths, err := fs.Glob(fsys, "*/*/"+ManifestName)
		if err != nil {
			return nil, err
		}
		layers := map[string]*Layer{}
		lookup := []fs.FS{fsys}
		for j := i - 1; j >= 0; j-- {
			lookup = append(lookup, roots[j])
		}
		for _, p := range paths {
			t, err := loadTemplate(fsys, p, layers, lookup)
			if err != nil {
				return nil, fmt.Errorf("template %s: %w", p, err)
			}
			if seen[t.ID] {
				return nil, fmt.Errorf("template %s is defined twice; rename one (the id is its directory)", t.ID)
			}
			seen[t.ID] = true
			c.templates = append(c.templates, t)
		}
	}
	slices.SortFunc(c.templates, func(a, b *Template) int {
		if d := slices.Index(Tiers, a.Tier) - slices.Index(Tiers, b.Tier); d != 0 {
			return d
		}
		if d := slices.Index(Langs, a.Lang) - slices.Index(Langs, b.Lang); d != 0 {
			return d
		}
		if a.Default != b.Default {
			// The default style comes first.
			if a.Default {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Style, b.Style)
	})
	return c, c.checkDefaults()
}

func loadTemplate(fsys fs.FS, manifestPath string, layers map[string]*Layer, lookup []fs.FS) (*Template, error) {
	raw, err := fs.ReadFile(fsys, manifestPath)
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := yaml.NewDecoder(bytes.NewReader(raw), yaml.Strict()).Decode(&m); err != nil {
		return nil, err
	}
	dir := path.Dir(manifestPath)
	if err := m.validate(dir); err != nil {
		return nil, err
	}
	files, err := fs.Sub(fsys, path.Join(dir, "files"))
	if err != nil {
		return nil, err
	}
	t := &Template{Manifest: m, Files: files, Partials: optionalSub(fsys, path.Join(dir, "partials")), dir: dir, fsys: fsys}
	for _, ref := range m.Layers {
		l, ok := layers[ref.Name]
		if !ok {
			if l, err = findLayer(lookup, ref.Name); err != nil {
				return nil, err
			}
			layers[ref.Name] = l
		}
		t.Layers = append(t.Layers, l)
	}
	if err := checkRules(files, "files", m.When, m.Each); err != nil {
		return nil, err
	}
	return t, nil
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
// in order (a conditional layer only when its condition holds, evaluated by
// the caller through include), then its own files, and every partial.
func (t *Template) Spec(include func(cond string) (bool, error)) (render.Spec, error) {
	spec := render.Spec{Executable: t.Executable}
	for i, l := range t.Layers {
		if cond := t.Manifest.Layers[i].When; cond != "" {
			ok, err := include(cond)
			if err != nil {
				return spec, fmt.Errorf("layer %s: %w", l.Name, err)
			}
			if !ok {
				continue
			}
		}
		if l.Files != nil {
			spec.Sources = append(spec.Sources, render.Source{Name: "layer " + l.Name, FS: l.Files, When: l.When, Each: l.Each, Overrides: l.Overrides})
		}
		if l.Partials != nil {
			spec.Partials = append(spec.Partials, render.Partials{Name: "layer " + l.Name + " partials", FS: l.Partials})
		}
	}
	spec.Sources = append(spec.Sources, render.Source{Name: t.ID, FS: t.Files, When: t.When, Each: t.Each, Overrides: t.Overrides})
	if t.Partials != nil {
		spec.Partials = append(spec.Partials, render.Partials{Name: t.ID + " partials", FS: t.Partials})
	}
	return spec, nil
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

func (c *Catalog) checkDefaults() error {
	defaults := map[string]string{}
	for _, t := range c.templates {
		if !t.Default {
			continue
		}
		key := t.Tier + "/" + t.Lang
		if other, dup := defaults[key]; dup {
			return fmt.Errorf("templates %s and %s are both the default for %s", other, t.ID, key)
		}
		defaults[key] = t.ID
	}
	return nil
}

// All returns every template, ordered by tier and language, then the
// default style first and the others by name.
func (c *Catalog) All() []*Template { return slices.Clone(c.templates) }

// Select returns the templates of a tier and language, in catalog order;
// an empty tier or language matches any.
func (c *Catalog) Select(tier, lang string) []*Template {
	var out []*Template
	for _, t := range c.templates {
		if (tier == "" || t.Tier == tier) && (lang == "" || t.Lang == lang) {
			out = append(out, t)
		}
	}
	return out
}

// IDs returns every template id, in catalog order.
func (c *Catalog) IDs() []string {
	ids := make([]string, len(c.templates))
	for i, t := range c.templates {
		ids[i] = t.ID
	}
	return ids
}

// Get returns the template with the given id.
func (c *Catalog) Get(id string) (*Template, bool) {
	for _, t := range c.templates {
		if t.ID == id {
			return t, true
		}
	}
	return nil, false
}

// lowerHint suggests the lowercase spelling when that is a valid value.
func lowerHint(v string, valid []string) string {
	if low := strings.ToLower(v); low != v && slices.Contains(valid, low) {
		return fmt.Sprintf(" (did you mean %q?)", low)
	}
	return ""
}

// otherLangHint names the languages of the tier that do have the style.
func (c *Catalog) otherLangHint(tier, style string) string {
	var hints []string
	for _, t := range c.templates {
		if t.Tier == tier && t.Style == style {
			hints = append(hints, fmt.Sprintf("%s with --lang %s", t.ID, t.Lang))
		}
	}
	if len(hints) == 0 {
		return ""
	}
	return fmt.Sprintf(" (%s exists)", strings.Join(hints, "; "))
}

// ErrNoTemplate is wrapped by every Resolve error.
var ErrNoTemplate = errors.New("no such template")

// Resolve picks the template for a tier, language and style. An empty style
// means the default style of the tier and language. The error names what was
// asked for and lists what exists.
func (c *Catalog) Resolve(tier, lang, style string) (*Template, error) {
	if !slices.Contains(Tiers, tier) {
		return nil, fmt.Errorf("%w: unknown tier %q; choose one of %s%s", ErrNoTemplate, tier, strings.Join(Tiers, ", "), lowerHint(tier, Tiers))
	}
	if !slices.Contains(Langs, lang) {
		return nil, fmt.Errorf("%w: unknown language %q; choose one of %s%s", ErrNoTemplate, lang, strings.Join(Langs, ", "), lowerHint(lang, Langs))
	}
	var candidates []*Template
	for _, t := range c.templates {
		if t.Tier == tier && t.Lang == lang {
			if style == "" && t.Default || style == t.Style {
				return t, nil
			}
			candidates = append(candidates, t)
		}
	}
	if len(candidates) > 0 {
		styles := make([]string, len(candidates))
		for i, t := range candidates {
			styles[i] = t.Style
		}
		if style == "" {
			return nil, fmt.Errorf("%w: %s/%s has no default style; use --style with one of %s", ErrNoTemplate, tier, lang, strings.Join(styles, ", "))
		}
		return nil, fmt.Errorf("%w: style %q does not exist for %s/%s; use --style with one of %s%s", ErrNoTemplate, style, tier, lang, strings.Join(styles, ", "), c.otherLangHint(tier, style))
	}
	what := tier + "/" + lang
	if style != "" {
		what += "-" + style
	}
	return nil, fmt.Errorf("%w: there is no %s template yet; available: %s (see archgen list)", ErrNoTemplate, what, strings.Join(c.IDs(), ", "))
}
