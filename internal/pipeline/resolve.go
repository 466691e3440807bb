package pipeline

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"golang.org/x/mod/semver"

	"github.com/archgen/archgen/internal/advisor"
	"github.com/archgen/archgen/internal/answers"
	"github.com/archgen/archgen/internal/cmdutil"
)

// Resolve merges the answers file, --set and the flags, in rising order of
// precedence, picks the template and completes the answers. Every error is
// a usage error naming the file, key or flag that was wrong.
type Resolve struct{}

func (Resolve) String() string { return "resolve" }

// Run resolves c.Input into c.Template and c.Answers. A Template set
// beforehand (the end-to-end harness proves a given one) is kept, and only
// the answers are resolved.
func (Resolve) Run(c *Context) error {
	in := &c.Input
	given := func(flag string) bool { return slices.Contains(in.Given, flag) }
	tier, lang, style := in.Tier, in.Lang, in.Style
	ans := &answers.Answers{Params: map[string]any{}}
	fileLang := ""
	if in.Config != "" {
		loaded, err := answers.Load(in.Config)
		if err != nil {
			return cmdutil.AsUsage(err)
		}
		t, ok := c.Catalog.Get(loaded.Template)
		if !ok {
			return cmdutil.Usagef("%s: key \"template\": %q is not in the catalog; choose one of %s", in.Config, loaded.Template, strings.Join(c.Catalog.IDs(), ", "))
		}
		if w := newerVersion(in.Config, loaded.Version, c.Version); w != "" {
			c.Warnings = append(c.Warnings, w)
		}
		ans, fileLang = loaded, t.Lang
		if !given("tier") {
			tier = t.Tier
		}
		if !given("lang") {
			lang = t.Lang
		}
		if !given("tier") && !given("lang") && !given("style") {
			style = t.Style
		}
	}
	for _, kv := range in.Set {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return cmdutil.Usagef("--set %q: use key=value, e.g. --set port=9090", kv)
		}
		switch k {
		case "name":
			ans.Name = v
		case "module":
			ans.Module = v
		default:
			ans.SetText(k, v, "--set "+kv)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(in.Params)) {
		ans.SetText(k, in.Params[k], "--"+k)
	}
	if in.Advice != "" {
		adv, err := advisor.ParseAdvice(in.Advice)
		if err != nil {
			return cmdutil.Usagef("--advice %q: %w", in.Advice, err)
		}
		ans.Advice = &adv
	}
	if in.Name != "" {
		ans.Name = in.Name
	}
	if in.Module != "" {
		ans.Module = in.Module
	}
	if ans.Name == "" {
		if in.Config != "" {
			return cmdutil.Usagef("missing project name: %s has no key \"name\"; add it, or pass NAME or --set name=NAME", in.Config)
		}
		return cmdutil.Usagef("missing project name; run: archgen new NAME")
	}
	t := c.Template
	if t == nil {
		var err error
		if t, err = c.Catalog.Resolve(tier, lang, style); err != nil {
			return cmdutil.AsUsage(err)
		}
	}
	moduleGiven := given("module") || setsKey(in.Set, "module")
	if t.Module == "none" && moduleGiven {
		flag := "--module"
		if !given("module") {
			flag = "--set module"
		}
		return cmdutil.Usagef("%s: %s takes no module (nothing in it uses one); drop it", flag, t.ID)
	}
	if fileLang != "" && fileLang != t.Lang && !moduleGiven {
		// A module is language-specific: derive a new one from the name.
		ans.Module = ""
	}
	if err := ans.Complete(t); err != nil {
		if in.Config != "" {
			err = fmt.Errorf("%w (answers from %s)", err, in.Config)
		}
		return cmdutil.AsUsage(err)
	}
	c.Template, c.Answers = t, ans
	return nil
}

// newerVersion warns when an answers file was written by a newer archgen,
// whose templates may hold answers this one does not know.
func newerVersion(file, theirs, ours string) string {
	theirs, ours = withV(theirs), withV(ours)
	if !semver.IsValid(theirs) || !semver.IsValid(ours) || semver.Compare(theirs, ours) <= 0 {
		return ""
	}
	return fmt.Sprintf("%s was written by archgen %s, newer than this archgen %s; the project may differ (update archgen to replay it exactly)", file, theirs, ours)
}

func setsKey(set []string, key string) bool {
	for _, kv := range set {
		if k, _, _ := strings.Cut(kv, "="); k == key {
			return true
		}
	}
	return false
}

// withV accepts "1.2.3" for "v1.2.3".
func withV(v string) string {
	if v != "" && v[0] >= '0' && v[0] <= '9' {
		return "v" + v
	}
	return v
}
