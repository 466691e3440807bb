//go:build e2e

package e2e

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/catalog"
)

// The enterprise template the platform mutants are made from, and the id
// they are proven under.
const (
	platformBase   = "enterprise/go-kit"
	platformMutant = "enterprise/go-mutant"
)

// platformCatalog is archgen's own layers and a copy of platformBase
// renamed platformMutant, with a verify that does nothing (the real one is
// proven by TestTemplates) and the mutations applied.
func platformCatalog(t *testing.T, muts ...mutation) *catalog.Catalog {
	t.Helper()
	return copyCatalog(t, platformBase, platformMutant, [][2]string{{"style: kit", "style: mutant"}}, muts...)
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
