//go:build e2e

package e2e

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFixturePlatform proves a fixture of three processes: two services,
// each with a database of its own that its migration reached first (in its
// directory, with its DATABASE_URL), a second port and a key in etcd, and
// an entry listed last that starts only after both registered and is the
// one the checks talk to (the services answer 404 to the users API). After
// SIGTERM the run's etcd prefix is empty. A variant whose services do not
// deregister fails the stop step alone, naming the keys left.
func TestFixturePlatform(t *testing.T) {
	needProgram(t, EtcdBin)
	if _, err := PostgresBinDir(); err != nil && !ciMode() {
		t.Skip(err)
	}
	cat := fixtureCatalog(t, "entry/go-plat", "entry/go-leftover")
	s := newTestSuite(t)
	s.Keep = true // the services log is read after the run
	t.Cleanup(func() { assert.NoError(t, os.RemoveAll(s.Root)) })
	s.Logf = progress(t)

	tmpl, ok := cat.Get("entry/go-plat")
	require.True(t, ok)
	r := s.Run(testContext(t), tmpl)
	require.Equal(t, "PASS", r.Outcome(), r.Detail(tailLines))
	for _, st := range []string{StepMigrate, StepStart, StepAPI, StepStop} {
		assert.Equal(t, OK, r.Step(st).Status, st)
	}
	for _, st := range []string{StepPlatform, StepTrace, StepRateLimit} {
		assert.Equal(t, None, r.Step(st).Status, "%s is for the enterprise tier", st)
	}
	log, err := os.ReadFile(r.Step(StepServices).Log)
	require.NoError(t, err)
	for _, line := range []string{
		"process user: DATABASE_URL=" + s.postgres.URL("e2e_entry_go_plat_user"),
		"process order: DATABASE_URL=" + s.postgres.URL("e2e_entry_go_plat_order"),
	} {
		assert.Contains(t, strings.Split(string(log), "\n"), line)
	}

	tmpl, ok = cat.Get("entry/go-leftover")
	require.True(t, ok)
	r = s.Run(testContext(t), tmpl)
	require.Equal(t, "FAIL", r.Outcome(), r.Line())
	for _, f := range r.Failed() {
		assert.Equal(t, StepStop, f.Name, "step %s failed: %v", f.Name, f.Err)
	}
	assert.ErrorContains(t, r.Step(StepStop).Err, "etcd still holds 2 key(s) under /e2e_entry_go_leftover/")
	assert.ErrorContains(t, r.Step(StepStop).Err, "/e2e_entry_go_leftover/demo-api/services/user/")
}
