package generate

import (
	"fmt"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/advisor"
	"github.com/archgen/archgen/internal/answers"
	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/golden"
	"github.com/archgen/archgen/internal/naming"
	"github.com/archgen/archgen/internal/render"
)

// adrPath is where a project of tier keeps its architecture decision
// record.
func adrPath(tier string) string {
	return "docs/adr/0001-" + tier + "-architecture.md"
}

// placedADR is where the template's moves write the record for data d (a
// polyrepo platform keeps its docs in platform-infra).
func placedADR(t *testing.T, tm *catalog.Template, d render.Data) string {
	t.Helper()
	p, err := render.NewPlacer(tm.Spec().Moves, d)
	require.NoError(t, err)
	return p.Place(adrPath(tm.Tier))
}

// renderADR renders tm with the answers of run (nil: the defaults) and
// the advisor's advice (nil: none), the way Project does, and returns the
// decision record and the README.
func renderADR(t *testing.T, tm *catalog.Template, run *catalog.Run, advice *render.Advice) (adr, readme string, d render.Data) {
	t.Helper()
	a := &answers.Answers{Name: "demo"}
	if run != nil {
		a.Params = run.Params
	}
	require.NoError(t, a.Complete(tm))
	d, err := Data(tm, a)
	require.NoError(t, err)
	d.Advice = advice
	files, err := render.Render(tm.Spec(), d)
	require.NoError(t, err)
	byPath := map[string]string{}
	for _, f := range files {
		byPath[f.Path] = string(f.Content)
	}
	at := placedADR(t, tm, d)
	require.Contains(t, byPath, at, "%s has no decision record", tm.ID)
	return byPath[at], byPath["README.md"], d
}

// checkMarkdown holds a document to clean Markdown: no trailing spaces,
// no run of blank lines, no template text left, one final newline.
func checkMarkdown(t *testing.T, name, doc string) {
	t.Helper()
	assert.NotContains(t, doc, "{{", "%s holds template text", name)
	assert.NotContains(t, doc, "<no value>", name)
	assert.NotContains(t, doc, "\n\n\n", "%s has two blank lines in a row", name)
	assert.True(t, strings.HasSuffix(doc, "\n") && !strings.HasSuffix(doc, "\n\n"), "%s must end with one newline", name)
	for i, line := range strings.Split(doc, "\n") {
		assert.Equal(t, strings.TrimRight(line, " \t"), line, "%s:%d has trailing white space", name, i+1)
	}
}

// hasParam reports whether tm takes the parameter name.
func hasParam(tm *catalog.Template, name string) bool {
	return slices.ContainsFunc(tm.Parameters, func(p catalog.Parameter) bool { return p.Name == name })
}

// oneLine joins a document's words with single spaces, so that a check
// does not depend on where the text wraps.
func oneLine(doc string) string {
	return strings.Join(strings.Fields(doc), " ")
}

// TestADR: every template's output, with its defaults and with each
// answer set the end-to-end suite proves, carries its decision record in
// the standard shape, naming the template, the database and every module,
// and the README points to it.
func TestADR(t *testing.T) {
	for _, tm := range loadCatalog(t).All() {
		runs := []*catalog.Run{nil} // the defaults
		for i := range tm.Runs {
			runs = append(runs, &tm.Runs[i])
		}
		for _, run := range runs {
			name := tm.ID
			if run != nil {
				name += "@" + run.Name
			}
			t.Run(name, func(t *testing.T) {
				adr, readme, d := renderADR(t, tm, run, nil)
				checkMarkdown(t, adrPath(tm.Tier), adr)
				assert.True(t, strings.HasPrefix(adr, "# 1. "), "the record starts with its number and title")
				for _, s := range []string{"## Status\n\nAccepted.\n", "\n## Context\n", "\n## Decision\n", "\n## Consequences\n",
					"`" + tm.ID + "`", "§1.1", "§1.2", "§6.2",
					"archgen recommend --users N --concurrency N --team N --lang " + tm.Lang} {
					assert.Contains(t, adr, s)
				}
				// The §6.2 signals of the tier, as the advisor's table has
				// them, and the commands that check them; the last tier has
				// none and says so.
				if tm.Tier == "enterprise" {
					require.Empty(t, d.Signals)
					assert.Contains(t, oneLine(adr), "The guide's tiers end here: §6.2 has no signal past this tier.")
					assert.NotContains(t, adr, "archgen inspect")
				} else {
					require.NotEmpty(t, d.Signals)
					assert.Contains(t, adr, "archgen inspect .")
					assert.Contains(t, adr, "archgen inspect . --check")
				}
				for _, sig := range advisor.Signals {
					line := "- " + sig.Signal + " " + sig.Threshold + " → " + sig.To
					if slices.Contains(sig.AppliesAt, tm.Tier) {
						assert.Contains(t, adr, line)
					} else {
						assert.NotContains(t, adr, line)
					}
				}
				if hasParam(tm, "db") {
					db, ok := d.Params["db"].(string)
					require.True(t, ok, "db is a string")
					assert.Contains(t, adr, "(`db="+db+"`)", "the record names the database")
				}
				if hasParam(tm, "modules") {
					mods, ok := d.Params["modules"].([]string)
					require.True(t, ok, "modules is a list of strings")
					for _, m := range append([]string{"users"}, mods...) {
						f := naming.NewForms(m)
						assert.Contains(t, adr, "`/api/v1/"+f.Plural.Kebab+"`", "the record names module %s", m)
					}
				}
				assert.Contains(t, readme, "("+placedADR(t, tm, d)+")", "the README links the record")
			})
		}
	}
}

// TestADRWithAdvice: when the project was generated with the advisor's
// inputs, the record shows them with the reasons and conflicts, and calls
// out a tier or language that differs from the recommendation.
func TestADRWithAdvice(t *testing.T) {
	for _, tm := range loadCatalog(t).All() {
		t.Run(tm.ID, func(t *testing.T) {
			advice := &render.Advice{
				Inputs: []render.AdviceInput{{Name: "users", Value: "50,000"}, {Name: "team", Value: "2"}, {Name: "lang", Value: tm.Lang}},
				Tier:   tm.Tier, Lang: tm.Lang,
				Reasons:   []string{"users 50,000 is in 1k–100k (§1.1) → intermediate"},
				Conflicts: []string{"a 2-person team for 50,000 users"},
			}
			adr, _, _ := renderADR(t, tm, nil, advice)
			checkMarkdown(t, adrPath(tm.Tier), adr)
			for _, s := range []string{"- users: 50,000\n", "- team: 2\n", "- users 50,000 is in 1k–100k (§1.1) → intermediate\n",
				"- a 2-person team for 50,000 users\n"} {
				assert.Contains(t, adr, s)
			}
			assert.NotContains(t, adr, "than recommended", "the project follows the advice")
			assert.NotContains(t, adr, "without the advisor")

			other := map[string]string{"entry": "intermediate", "intermediate": "enterprise"}[tm.Tier]
			advice.Tier = other
			adr, _, _ = renderADR(t, tm, nil, advice)
			checkMarkdown(t, adrPath(tm.Tier), adr)
			adr = oneLine(adr)
			assert.Contains(t, adr, "at a different tier than recommended")
			assert.Contains(t, adr, fmt.Sprintf("the %s tier in", tm.Tier))
			assert.Contains(t, adr, "advisor recommended "+other)
			assert.Contains(t, adr, "This is the team's decision")

			advice.Tier, advice.Lang = tm.Tier, map[string]string{"java": "go"}[tm.Lang]
			if advice.Lang == "" {
				advice.Lang = "java"
			}
			adr, _, _ = renderADR(t, tm, nil, advice)
			checkMarkdown(t, adrPath(tm.Tier), adr)
			assert.Contains(t, oneLine(adr), "at a different language than recommended")
		})
	}
}

// TestADRGolden keeps the records of two templates as reviewed text: an
// entry one without advice, an intermediate one with advice that
// differs from what was generated.
func TestADRGolden(t *testing.T) {
	c := loadCatalog(t)
	for _, tc := range []struct {
		id     string
		advice *render.Advice
	}{
		{id: "entry/python-flask"},
		{id: "intermediate/go-gin", advice: &render.Advice{
			Inputs:    []render.AdviceInput{{Name: "users", Value: "500"}, {Name: "concurrency", Value: "800"}, {Name: "team", Value: "4"}, {Name: "lang", Value: "go"}},
			Tier:      "entry",
			Lang:      "go",
			Reasons:   []string{"users 500 is under 1k (§1.1) → entry"},
			Conflicts: []string{"concurrency 800 is in 100–10k (§1.1), the intermediate tier's range, while users 500 is entry's"},
		}},
	} {
		t.Run(tc.id, func(t *testing.T) {
			tm, ok := c.Get(tc.id)
			require.True(t, ok)
			adr, _, _ := renderADR(t, tm, nil, tc.advice)
			golden.Assert(t, filepath.Join("testdata", "adr", strings.ReplaceAll(tc.id, "/", "-")+".md"), []byte(adr))
		})
	}
}

// codeSpan matches a Markdown code span.
var codeSpan = regexp.MustCompile("`([^`]+)`")

// fence matches a fenced code block.
var fence = regexp.MustCompile("(?s)\n```[a-z]*\n.*?\n```\n")

// stdlibPackages are Go packages a record may name besides paths.
var stdlibPackages = []string{"net/http", "log/slog", "database/sql"}

// TestADRPathsExist: every path the record names in its text is in the
// project: the layers, the tests and each module's code, with the
// defaults and with awkward module names.
func TestADRPathsExist(t *testing.T) {
	for _, tm := range loadCatalog(t).All() {
		// The defaults, and the runs of a template whose moves give
		// another layout (the record then lives elsewhere too).
		sets := []catalog.Run{{Name: "defaults"}}
		if len(tm.Moves) > 0 {
			sets = append(sets, tm.Runs...)
		}
		for _, set := range sets {
			t.Run(tm.ID+"@"+set.Name, func(t *testing.T) { checkADRPaths(t, tm, set.Params) })
		}
	}
}

func checkADRPaths(t *testing.T, tm *catalog.Template, params map[string]any) {
	t.Helper()
	a := &answers.Answers{Name: "demo", Params: maps.Clone(params)}
	if hasParam(tm, "modules") {
		if a.Params == nil {
			a.Params = map[string]any{}
		}
		a.Params["modules"] = []any{"orders", "order-items", "people"}
	}
	require.NoError(t, a.Complete(tm))
	res, err := Project(tm, a, "dev")
	require.NoError(t, err)
	var adr string
	var paths []string
	at := placedADR(t, tm, res.Data)
	for _, f := range res.Files {
		paths = append(paths, f.Path)
		if f.Path == at {
			adr = string(f.Content)
		}
	}
	require.NotEmpty(t, adr, "%s has no decision record at %s", tm.ID, at)
	exists := func(p string) bool {
		return slices.ContainsFunc(paths, func(q string) bool {
			return q == p || strings.HasPrefix(q, strings.TrimSuffix(p, "/")+"/")
		})
	}
	checked := 0
	for _, m := range codeSpan.FindAllStringSubmatch(fence.ReplaceAllString(adr, "\n"), -1) {
		p := m[1]
		if !strings.Contains(p, "/") || strings.HasPrefix(p, "/") || strings.ContainsAny(p, "<> ") ||
			p == tm.ID || slices.Contains(stdlibPackages, p) {
			continue
		}
		checked++
		javaClass := "src/main/java/" + res.Data.PackagePath + "/" + p + ".java"
		assert.True(t, exists(p) || exists(javaClass), "the record names %s, which the project does not have", p)
	}
	if _, ok := a.Params["modules"]; ok {
		assert.Greater(t, checked, 6, "the record names the modules' paths")
		for _, m := range []string{"orders", "order-items", "people"} {
			assert.Contains(t, adr, "`/api/v1/"+m+"`")
		}
	}
}

// TestADRWithSparseAdvice: advice without inputs, reasons, conflicts or a
// language still gives clean Markdown.
func TestADRWithSparseAdvice(t *testing.T) {
	tm, ok := loadCatalog(t).Get("entry/go-stdlib")
	require.True(t, ok)
	adr, _, _ := renderADR(t, tm, nil, &render.Advice{Tier: "entry"})
	checkMarkdown(t, adrPath(tm.Tier), adr)
	assert.Contains(t, adr, "\n\nIt recommended the entry tier.\n\n## Decision\n")
	assert.NotContains(t, adr, "than recommended")
}
