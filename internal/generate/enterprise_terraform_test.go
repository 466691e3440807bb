package generate

import (
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/render"
)

// tfModule is what TestEnterpriseTerraform reads of one Terraform
// directory: its variables (and whether each has a default), outputs,
// locals, module calls and the text of its files.
type tfModule struct {
	vars    map[string]bool
	outputs map[string]bool
	locals  map[string]bool
	calls   map[string]tfCall
	text    string
}

type tfCall struct {
	source string
	args   []string
}

var (
	tfBlockRe    = regexp.MustCompile(`(?ms)^(variable|output|module|locals)(?: "([^"]+)")? \{\n(.*?)^\}`)
	tfTopAttrRe  = regexp.MustCompile(`(?m)^  ([a-z_][a-z0-9_]*)\s+=`)
	tfSourceRe   = regexp.MustCompile(`(?m)^  source\s+= "([^"]+)"`)
	tfDescRe     = regexp.MustCompile(`(?m)^  description\s+= "[^"]+"`)
	tfVarRefRe   = regexp.MustCompile(`\bvar\.([a-z_][a-z0-9_]*)`)
	tfLocalRefRe = regexp.MustCompile(`\blocal\.([a-z_][a-z0-9_]*)`)
	tfModRefRe   = regexp.MustCompile(`\bmodule\.([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)`)
	// tfProseRe matches comments and the descriptions and messages, whose
	// words are not references.
	tfProseRe = regexp.MustCompile(`(?m)^\s*(#.*|(description|error_message)\s+= ".*")$`)
)

// readTerraform groups the rendered .tf files by directory.
func readTerraform(t *testing.T, files map[string]render.File) map[string]*tfModule {
	t.Helper()
	mods := map[string]*tfModule{}
	for p, f := range files {
		if !strings.HasPrefix(p, "infrastructure/terraform/") || path.Ext(p) != ".tf" {
			continue
		}
		m := mods[path.Dir(p)]
		if m == nil {
			m = &tfModule{vars: map[string]bool{}, outputs: map[string]bool{}, locals: map[string]bool{}, calls: map[string]tfCall{}}
			mods[path.Dir(p)] = m
		}
		text := string(f.Content)
		m.text += tfProseRe.ReplaceAllString(text, "")
		for _, b := range tfBlockRe.FindAllStringSubmatch(text, -1) {
			kind, name, body := b[1], b[2], b[3]
			switch kind {
			case "variable":
				m.vars[name] = strings.Contains(body, "\n  default ") || strings.HasPrefix(body, "  default ")
				assert.Regexp(t, tfDescRe, body, "%s: variable %s has no description", p, name)
			case "output":
				m.outputs[name] = true
				assert.Regexp(t, tfDescRe, body, "%s: output %s has no description", p, name)
			case "locals":
				for _, a := range tfTopAttrRe.FindAllStringSubmatch(body, -1) {
					m.locals[a[1]] = true
				}
			case "module":
				c := tfCall{}
				if s := tfSourceRe.FindStringSubmatch(body); s != nil {
					c.source = s[1]
				}
				for _, a := range tfTopAttrRe.FindAllStringSubmatch(body, -1) {
					if !slices.Contains([]string{"source", "version", "providers", "depends_on", "count", "for_each"}, a[1]) {
						c.args = append(c.args, a[1])
					}
				}
				m.calls[name] = c
			}
		}
	}
	return mods
}

// TestEnterpriseTerraform checks, without OpenTofu or the AWS provider,
// what "tofu validate" would check of the modules' interfaces: every
// var.X, local.X and module.M.O names something declared, every module
// call passes only variables the module declares and every one it
// requires, every variable and output has a description and each
// module's README lists them. The resources' own arguments need the
// provider's schema: TestEnterpriseInfraTools says what it can check.
func TestEnterpriseTerraform(t *testing.T) {
	files := renderEnterprise(t, "big-platform")
	mods := readTerraform(t, files)
	for _, dir := range []string{"modules/eks", "modules/rds-postgres", "modules/elasticache-redis", "environments/prod"} {
		require.Contains(t, mods, "infrastructure/terraform/"+dir)
	}
	for dir, m := range mods {
		for _, r := range tfVarRefRe.FindAllStringSubmatch(m.text, -1) {
			assert.Contains(t, m.vars, r[1], "%s uses var.%s, which it does not declare", dir, r[1])
		}
		for _, r := range tfLocalRefRe.FindAllStringSubmatch(m.text, -1) {
			assert.Contains(t, m.locals, r[1], "%s uses local.%s, which it does not define", dir, r[1])
		}
		for _, r := range tfModRefRe.FindAllStringSubmatch(m.text, -1) {
			call, ok := m.calls[r[1]]
			if assert.True(t, ok, "%s uses module.%s, which it does not call", dir, r[1]) {
				callee := mods[path.Join(dir, call.source)]
				if assert.NotNil(t, callee, "%s: module %s's source %s is not in the tree", dir, r[1], call.source) {
					assert.Contains(t, callee.outputs, r[2], "%s uses module.%s.%s, which %s does not output", dir, r[1], r[2], call.source)
				}
			}
		}
		for name, call := range m.calls {
			callee := mods[path.Join(dir, call.source)]
			if !assert.NotNil(t, callee, "%s: module %s's source %s is not in the tree", dir, name, call.source) {
				continue
			}
			for _, a := range call.args {
				assert.Contains(t, callee.vars, a, "%s passes %s to module %s, which does not declare it", dir, a, name)
			}
			for v, hasDefault := range callee.vars {
				if !hasDefault {
					assert.Contains(t, call.args, v, "%s does not pass %s, which module %s requires", dir, v, name)
				}
			}
		}
		readme := dir + "/README.md"
		if strings.HasPrefix(dir, "infrastructure/terraform/environments/") {
			readme = "infrastructure/terraform/README.md"
		}
		doc, ok := files[readme]
		if assert.True(t, ok, "%s has no README", dir) {
			for name := range m.vars {
				assert.Contains(t, string(doc.Content), "| `"+name+"` |", "%s does not list the variable %s", readme, name)
			}
			for name := range m.outputs {
				assert.Contains(t, string(doc.Content), "| `"+name+"` |", "%s does not list the output %s", readme, name)
			}
		}
	}
}

var (
	tfVariableRe = regexp.MustCompile(`(?ms)^variable "([^"]+)" \{\n(.*?)^\}`)
	tfDefaultRe  = regexp.MustCompile(`(?m)^  default\s+= "([^"]*)"$`)
	tfRegexRe    = regexp.MustCompile(`(?m)^    condition\s+= can\(regex\("((?:[^"\\]|\\.)*)", var\.([a-z_]+)\)\)`)
)

// tfValidations returns, per variable of a module, its default (when a
// string) and the regular expression its validation holds it to (when it
// starts with can(regex(...))). HCL's regex is RE2, Go's.
func tfValidations(t *testing.T, files map[string]render.File, dir string) (defaults map[string]string, res map[string]*regexp.Regexp) {
	t.Helper()
	defaults, res = map[string]string{}, map[string]*regexp.Regexp{}
	f, ok := files[dir+"/variables.tf"]
	require.True(t, ok, "%s has no variables.tf", dir)
	for _, v := range tfVariableRe.FindAllStringSubmatch(string(f.Content), -1) {
		if d := tfDefaultRe.FindStringSubmatch(v[2]); d != nil {
			defaults[v[1]] = d[1]
		}
		if r := tfRegexRe.FindStringSubmatch(v[2]); r != nil && r[2] == v[1] {
			expr, err := strconv.Unquote(`"` + r[1] + `"`)
			require.NoError(t, err, "%s: variable %s", dir, v[1])
			res[v[1]] = regexp.MustCompile(expr)
		}
	}
	return defaults, res
}

// TestEnterpriseTerraformDefaults: with the environment's defaults, for
// every project name, each variable's default passes its own validation,
// and the names the environment derives from the platform's (the cluster,
// the database instance, the cache) pass the modules' validations, so a
// first plan does not stop on them.
func TestEnterpriseTerraformDefaults(t *testing.T) {
	for _, name := range platformNames {
		t.Run(name, func(t *testing.T) {
			files := renderEnterprise(t, name)
			env := "infrastructure/terraform/environments/prod"
			defaults, _ := tfValidations(t, files, env)
			platform, environment := defaults["platform"], defaults["environment"]
			require.NotEmpty(t, platform)
			require.NotEmpty(t, environment)
			derived := map[string]map[string]string{
				"modules/eks":               {"cluster_name": platform + "-" + environment},
				"modules/rds-postgres":      {"identifier": platform + "-" + environment + "-postgres"},
				"modules/elasticache-redis": {"name": platform + "-" + environment + "-redis"},
				"environments/prod":         {},
			}
			for dir, values := range derived {
				defaults, res := tfValidations(t, files, "infrastructure/terraform/"+dir)
				for v, re := range res {
					value, ok := values[v]
					if !ok {
						value, ok = defaults[v]
					}
					if ok {
						assert.Regexp(t, re, value, "%s: %s = %q fails its validation", dir, v, value)
					}
				}
				for v := range values {
					assert.Contains(t, res, v, "%s: %s has no regex validation", dir, v)
				}
			}
		})
	}
}
