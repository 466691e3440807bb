package newcmd

import (
	"fmt"
	"slices"
	"strings"

	"github.com/archgen/archgen/internal/answers"
	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/cmdutil"
)

// resolve merges the answers file, --set and the flags, in rising order of
// precedence, picks the template and completes the answers. Every error is
// a usage error naming the file, key or flag that was wrong.
func resolve(o *Options, cat *catalog.Catalog) (*catalog.Template, *answers.Answers, error) {
	ans := &answers.Answers{Params: map[string]any{}}
	fileLang := ""
	if o.Config != "" {
		loaded, err := answers.Load(o.Config)
		if err != nil {
			return nil, nil, cmdutil.AsUsage(err)
		}
		t, ok := cat.Get(loaded.Template)
		if !ok {
			return nil, nil, cmdutil.Usagef("%s: key \"template\": %q is not in the catalog; choose one of %s", o.Config, loaded.Template, strings.Join(cat.IDs(), ", "))
		}
		ans, fileLang = loaded, t.Lang
		o.setDefault("tier", &o.Tier, t.Tier)
		o.setDefault("lang", &o.Lang, t.Lang)
		if !o.flagSet("tier") && !o.flagSet("lang") {
			o.setDefault("style", &o.Style, t.Style)
		}
	}
	for _, kv := range o.Set {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, nil, cmdutil.Usagef("--set %q: use key=value, e.g. --set port=9090", kv)
		}
		switch k {
		case "name":
			ans.Name = v
		case "module":
			ans.Module = v
		default:
			ans.Params[k] = v
		}
	}
	if o.Name != "" {
		ans.Name = o.Name
	}
	if o.Module != "" {
		ans.Module = o.Module
	}
	if ans.Name == "" {
		if o.Config != "" {
			return nil, nil, cmdutil.Usagef("missing project name: %s has no key \"name\"; add it, or pass NAME or --set name=NAME", o.Config)
		}
		return nil, nil, cmdutil.Usagef("missing project name; run: archgen new NAME")
	}
	t, err := cat.Resolve(o.Tier, o.Lang, o.Style)
	if err != nil {
		return nil, nil, cmdutil.AsUsage(err)
	}
	if fileLang != "" && fileLang != t.Lang && !o.flagSet("module") && !setsKey(o.Set, "module") {
		// A module is language-specific: derive a new one from the name.
		ans.Module = ""
	}
	if err := ans.Complete(t); err != nil {
		if o.Config != "" {
			err = fmt.Errorf("%w (answers from %s)", err, o.Config)
		}
		return nil, nil, cmdutil.AsUsage(err)
	}
	return t, ans, nil
}

// setDefault sets *dst from an answers file unless its flag was given.
func (o *Options) setDefault(flag string, dst *string, v string) {
	if !o.flagSet(flag) {
		*dst = v
	}
}

// flagSet reports whether a flag was given on the command line.
func (o *Options) flagSet(flag string) bool { return slices.Contains(o.changed, flag) }

func setsKey(set []string, key string) bool {
	for _, kv := range set {
		if k, _, _ := strings.Cut(kv, "="); k == key {
			return true
		}
	}
	return false
}
