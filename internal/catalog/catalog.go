// Package catalog discovers the embedded templates from their manifests and
// resolves a tier, language and style to one of them.
package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"
)

// ManifestName is the file that makes a directory a template.
const ManifestName = "template.yaml"

// Template is a manifest together with the tree it renders.
type Template struct {
	Manifest
	// Files is the template's tree, rooted at its files/ directory.
	Files fs.FS
}

// Catalog is the set of available templates.
type Catalog struct {
	templates []*Template
}

// Load reads every <tier>/<lang>-<style>/template.yaml in fsys.
func Load(fsys fs.FS) (*Catalog, error) {
	paths, err := fs.Glob(fsys, "*/*/"+ManifestName)
	if err != nil {
		return nil, err
	}
	c := &Catalog{}
	for _, p := range paths {
		t, err := loadTemplate(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", p, err)
		}
		c.templates = append(c.templates, t)
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

func loadTemplate(fsys fs.FS, manifestPath string) (*Template, error) {
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
	return &Template{Manifest: m, Files: files}, nil
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
			hints = append(hints, "--lang "+t.Lang)
		}
	}
	if len(hints) == 0 {
		return ""
	}
	return fmt.Sprintf(" (%s/%s exists with %s)", tier, style, strings.Join(hints, " or "))
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
