//go:build e2e

package e2e

import (
	"io/fs"
	"net/http"
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/catalog"
)

// fixtureDir holds the fixture template: one files/ tree and a manifest per
// variant, named after the variant's id (entry/go-fixture is
// manifests/entry-go-fixture.yaml).
const fixtureDir = "testdata/fixture"

// fixtureCatalog assembles a catalog of the named fixture variants, each
// with the shared files/ tree.
func fixtureCatalog(t *testing.T, ids ...string) *catalog.Catalog {
	t.Helper()
	tree := os.DirFS(path.Join(fixtureDir, "files"))
	fsys := fstest.MapFS{}
	for _, id := range ids {
		manifest, err := os.ReadFile(path.Join(fixtureDir, "manifests", strings.ReplaceAll(id, "/", "-")+".yaml"))
		require.NoError(t, err)
		fsys[id+"/"+catalog.ManifestName] = &fstest.MapFile{Data: manifest, Mode: 0o644}
		err = fs.WalkDir(tree, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(tree, p)
			fsys[id+"/files/"+p] = &fstest.MapFile{Data: data, Mode: 0o644}
			return err
		})
		require.NoError(t, err)
	}
	cat, err := catalog.Load(fsys)
	require.NoError(t, err)
	return cat
}

// TestFixture proves a correct fixture template through the same path as
// TestTemplates; one that needs PostgreSQL, which proves the service
// wiring (the fixture refuses to start unless DATABASE_URL reaches a
// server); and one with a migrate step and two processes, which proves
// both are run (the entry refuses to start before the migration).
func TestFixture(t *testing.T) {
	results := runCatalog(t, fixtureCatalog(t, "entry/go-fixture", "entry/go-pg", "entry/go-procs"), "")
	var ran []string
	for _, r := range results {
		ran = append(ran, r.ID)
		require.NotEqual(t, "FAIL", r.Outcome(), r.Line())
		if r.ID == "entry/go-procs" {
			require.Equal(t, OK, r.Step(StepMigrate).Status, r.Line())
			require.Equal(t, OK, r.Step(StepStop).Status, r.Line())
		}
	}
	require.Equal(t, []string{"entry/go-fixture", "entry/go-pg", "entry/go-pg@alt", "entry/go-procs"}, ran,
		"a run the manifest declares is proven after the defaults")
}

// TestFixtureServices proves a fixture that needs etcd, Redis, NATS and
// the OTLP receiver (it refuses to start unless it reaches each through
// the variables the harness hands it), twice in one suite: the second run
// gets its own etcd prefix and Redis database from the same servers. Close
// then stops every server and leaves nothing behind.
func TestFixtureServices(t *testing.T) {
	for _, find := range []func() (string, error){EtcdBin, RedisBin, NATSBin} {
		needProgram(t, find)
	}
	cat := fixtureCatalog(t, "entry/go-services")
	tmpl, ok := cat.Get("entry/go-services")
	require.True(t, ok)
	s := newTestSuite(t)
	s.Keep = true
	t.Cleanup(func() { assert.NoError(t, os.RemoveAll(s.Root)) })
	s.Logf = progress(t)
	var provided []string
	require.Len(t, tmpl.Runs, 1)
	for _, run := range []*catalog.Run{nil, &tmpl.Runs[0]} {
		r := s.RunWith(testContext(t), tmpl, run)
		require.Equal(t, "PASS", r.Outcome(), r.Detail(tailLines))
		require.Equal(t, OK, r.Step(StepServices).Status, r.Line())
		log, err := os.ReadFile(r.Step(StepServices).Log)
		require.NoError(t, err)
		provided = append(provided, string(log))
	}
	require.NotNil(t, s.etcd)
	require.NotNil(t, s.redis)
	require.NotNil(t, s.nats)
	require.NotNil(t, s.otlp)
	otlp := s.otlp.Endpoint()
	want := func(prefix string, db int) string {
		return strings.Join([]string{
			"ETCD_ENDPOINTS=" + s.etcd.Endpoint(), "ETCD_PREFIX=" + prefix,
			"REDIS_URL=" + s.redis.URL(db), "NATS_URL=" + s.nats.URL(),
			"OTEL_EXPORTER_OTLP_ENDPOINT=" + otlp, "OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf", "OTEL_BSP_SCHEDULE_DELAY=200",
		}, "\n") + "\n"
	}
	assert.Equal(t, []string{want("/e2e_entry_go_services", 0), want("/e2e_entry_go_services_again", 1)}, provided)

	etcd, redis, nats := s.etcd, s.redis, s.nats
	require.NoError(t, s.Close())
	assert.Nil(t, s.etcd)
	requireGone(t, etcd.d, etcd.Port, etcd.PeerPort)
	requireGone(t, redis.d, redis.Port)
	requireGone(t, nats.d, nats.Port, nats.MonitorPort)
	_, err := http.Get(otlp + "/v1/traces") //nolint:noctx // a refused connection is the point
	assert.Error(t, err, "the OTLP receiver still listens after Close")
}
