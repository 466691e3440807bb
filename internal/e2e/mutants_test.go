//go:build e2e

package e2e

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/templates"
)

// mutantID is the intermediate template the mutants are made from, and the
// id each mutant is proven under.
const (
	mutantBase = "intermediate/go-gin"
	mutantID   = "intermediate/go-mutant"
)

// mutation replaces one text in one file of the template's tree (a path
// of templates/, before rendering).
type mutation struct {
	file, old, replacement string
}

// mutantCatalog is archgen's own layers and a copy of mutantBase renamed
// mutantID, on SQLite and with a verify that does nothing (the real one is
// proven by TestTemplates), with one text replaced in one file.
func mutantCatalog(t *testing.T, file, old, replacement string) *catalog.Catalog {
	t.Helper()
	return copyCatalog(t, mutantBase, mutantID, [][2]string{
		{"style: gin", "style: mutant"},
		{"default: postgres", "default: sqlite"},
	}, mutation{file, old, replacement})
}

// copyCatalog is archgen's own layers and a copy of the template base
// renamed id: not the default of its tier and language, with a verify that
// does nothing, the manifest's other texts replaced as edits says, and the
// mutations applied (each must find its text).
func copyCatalog(t *testing.T, base, id string, edits [][2]string, muts ...mutation) *catalog.Catalog {
	t.Helper()
	src := templates.FS()
	fsys := fstest.MapFS{}
	applied := map[mutation]bool{}
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		dst := p
		switch {
		case strings.HasPrefix(p, "_layers/"):
		case strings.HasPrefix(p, base+"/"):
			dst = id + strings.TrimPrefix(p, base)
		default:
			return nil
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		text := string(data)
		for _, m := range muts {
			if m.file == p {
				require.Contains(t, text, m.old, "the mutation's text is not in %s", p)
				text, applied[m] = strings.Replace(text, m.old, m.replacement, 1), true
			}
		}
		fsys[dst] = &fstest.MapFile{Data: []byte(text), Mode: 0o644}
		return nil
	})
	require.NoError(t, err)
	for _, m := range muts {
		require.True(t, applied[m], "no file %s", m.file)
	}
	manifest := string(fsys[id+"/"+catalog.ManifestName].Data)
	edits = append([][2]string{
		{"id: " + base, "id: " + id},
		{"default: true", "default: false"},
		{"verify: make verify", "verify: \"true\""},
	}, edits...)
	for _, r := range edits {
		require.Contains(t, manifest, r[0])
		manifest = strings.Replace(manifest, r[0], r[1], 1)
	}
	fsys[id+"/"+catalog.ManifestName].Data = []byte(manifest)
	cat, err := catalog.Load(fsys)
	require.NoError(t, err)
	return cat
}

// TestIntermediateMutants breaks one rule of the intermediate contract at
// a time in a real intermediate template and checks that the harness
// fails the step that tries the rule, saying what is wrong.
func TestIntermediateMutants(t *testing.T) {
	const layer = "_layers/go-intermediate/files/"
	cases := []struct {
		name, file, old, replacement, step, want string
	}{
		{"413 title", layer + "pkg/problem/problem.go.tmpl", `http.StatusRequestEntityTooLarge: "Content Too Large"`, `http.StatusRequestEntityTooLarge: "Payload Too Large"`, StepAPI, "Payload Too Large"},
		{"default limit", layer + "pkg/request/request.go.tmpl", "DefaultLimit = 20", "DefaultLimit = 25", StepAPI, "limit 25"},
		{"request ids kept whatever they hold", layer + "pkg/requestid/requestid.go.tmpl", "const maxLength = 128", "const maxLength = 1000", StepAPI, "x-request-id"},
		{"log levels in upper case", layer + "pkg/logging/logging.go.tmpl", "strings.ToLower(l.String())", "strings.ToUpper(l.String())", StepAPI, "level INFO, want info"},
		{"unknown paths counted under another route", layer + "pkg/middleware/middleware.go.tmpl", `const Unmatched = "unmatched"`, `const Unmatched = "other"`, StepAPI, `route="unmatched"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// A suite of its own: a failed project stays in its directory.
			s := NewSuite(t.TempDir())
			s.Logf = progress(t)
			tmpl, ok := mutantCatalog(t, c.file, c.old, c.replacement).Get(mutantID)
			require.True(t, ok)
			r := s.Run(testContext(t), tmpl)
			t.Log(r.Line())
			require.Equal(t, "FAIL", r.Outcome(), "the mutant passed")
			failed := r.Step(c.step)
			require.Equal(t, Fail, failed.Status, r.Detail(tailLines))
			assert.Contains(t, failed.Err.Error(), c.want)
		})
	}
}
