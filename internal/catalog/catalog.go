// Package catalog discovers the embedded templates from their manifests and
// resolves a tier, language and style to one of them.
package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/goccy/go-yaml"

	"github.com/archgen/archgen/internal/lang"
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
		manifests, err := decodeManifests(fsys, paths)
		if err != nil {
			return nil, err
		}
		for k, p := range paths {
			t, err := loadTemplate(fsys, p, manifests[k], layers, lookup)
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

// decodeManifests reads and decodes the manifests at paths, spread over
// the processors: decoding YAML is most of the cost of loading a catalog,
// which every command does once.
func decodeManifests(fsys fs.FS, paths []string) ([]Manifest, error) {
	out := make([]Manifest, len(paths))
	errs := make([]error, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(paths)) {
		wg.Go(func() {
			for k := range next {
				raw, err := fs.ReadFile(fsys, paths[k])
				if err == nil {
					err = yaml.NewDecoder(bytes.NewReader(raw), yaml.Strict()).Decode(&out[k])
				}
				if err != nil {
					errs[k] = fmt.Errorf("template %s: %w", paths[k], err)
				}
			}
		})
	}
	for k := range paths {
		next <- k
	}
	close(next)
	wg.Wait()
	return out, errors.Join(errs...)
}

func loadTemplate(fsys fs.FS, manifestPath string, m Manifest, layers map[string]*Layer, lookup []fs.FS) (*Template, error) {
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
		if err := checkMount(ref, l); err != nil {
			return nil, err
		}
		t.Layers = append(t.Layers, l)
	}
	if err := checkRules(files, "files", m.When, m.Each); err != nil {
		return nil, err
	}
	if err := checkMoves(t); err != nil {
		return nil, err
	}
	return t, nil
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

// Language is what archgen knows about the template's language (the
// manifest's lang is checked against the registry when the catalog loads).
func (t *Template) Language() lang.Language {
	l, _ := lang.Get(t.Lang)
	return l
}
