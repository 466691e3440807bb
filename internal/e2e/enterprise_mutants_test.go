//go:build e2e

package e2e

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/templates"
)

// The enterprise template the platform mutants are made from, and the id
// they are proven under.
const (
	platformBase   = "enterprise/go-kit"
	platformMutant = "enterprise/go-mutant"
)

// mutation replaces one text in one file of the template's tree (a path
// of templates/, before rendering).
type mutation struct {
	file, old, replacement string
}

// platformCatalog is archgen's own layers and a copy of platformBase
// renamed platformMutant, with a verify that does nothing (the real one is
// proven by TestTemplates) and the mutations applied.
func platformCatalog(t *testing.T, muts ...mutation) *catalog.Catalog {
	t.Helper()
	src := templates.FS()
	fsys := fstest.MapFS{}
	applied := map[string]bool{}
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		dst := p
		switch {
		case strings.HasPrefix(p, "_layers/"):
		case strings.HasPrefix(p, platformBase+"/"):
			dst = platformMutant + strings.TrimPrefix(p, platformBase)
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
				text, applied[m.old] = strings.Replace(text, m.old, m.replacement, 1), true
			}
		}
		fsys[dst] = &fstest.MapFile{Data: []byte(text), Mode: 0o644}
		return nil
	})
	require.NoError(t, err)
	for _, m := range muts {
		require.True(t, applied[m.old], "no file %s", m.file)
	}
	manifest := string(fsys[platformMutant+"/"+catalog.ManifestName].Data)
	for _, r := range [][2]string{
		{"id: " + platformBase, "id: " + platformMutant},
		{"style: kit", "style: mutant"},
		{"default: true", "default: false"},
		{"verify: make verify", "verify: \"true\""},
	} {
		require.Contains(t, manifest, r[0])
		manifest = strings.Replace(manifest, r[0], r[1], 1)
	}
	fsys[platformMutant+"/"+catalog.ManifestName].Data = []byte(manifest)
	cat, err := catalog.Load(fsys)
	require.NoError(t, err)
	return cat
}

// TestPlatformMutants breaks three rules of the platform contract at once
// in the real enterprise template, each caught by a different step (the
// checks go on after a failed one): a rate limiter that never refuses
// (rate-limit), a product cache that never says hit (platform) and
// services that do not revoke their etcd lease on the way out
// (sigterm-load). Every other step passes.
func TestPlatformMutants(t *testing.T) {
	const (
		gateway  = platformBase + "/files/api-gateway/"
		registry = platformBase + "/files/shared/common-lib/registry/registrar.go.tmpl"
		product  = platformBase + "/files/services/product-service/"
	)
	cat := platformCatalog(t,
		mutation{gateway + "internal/ratelimit/ratelimit.go.tmpl", "if b.tokens >= 1 {", "if true {"},
		mutation{product + "internal/service/service.go.tmpl", `CacheHit  CacheResult = "hit"`, `CacheHit  CacheResult = "miss"`},
		mutation{registry, "_, err := r.cli.Revoke(ctx, lease)", "var err error; _ = lease"},
	)
	tmpl, ok := cat.Get(platformMutant)
	require.True(t, ok)
	s := newTestSuite(t)
	t.Cleanup(func() { assert.NoError(t, os.RemoveAll(s.Root)) }) // the failed project stays otherwise
	s.Logf = progress(t)
	r := s.Run(testContext(t), tmpl)
	t.Log(r.Line())
	want := map[string]string{
		StepRateLimit: "all served",
		StepPlatform:  `X-Cache is "miss", want "hit"`,
		StepStop:      "a process did not deregister",
	}
	for _, st := range r.Steps {
		w, broken := want[st.Name]
		if !broken {
			assert.Contains(t, []Status{OK, None}, st.Status, "step %s: %v", st.Name, st.Err)
			continue
		}
		if assert.Equal(t, Fail, st.Status, "step %s", st.Name) {
			assert.ErrorContains(t, st.Err, w, "step %s", st.Name)
		}
	}
}
