//go:build e2e

package e2e

import (
	"fmt"
	"net"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// needProgram skips the test when a server program is missing, and fails
// it with CI=true.
func needProgram(t *testing.T, find func() (string, error)) {
	t.Helper()
	if _, err := find(); err != nil {
		var missing *NoProgramError
		require.ErrorAs(t, err, &missing)
		require.ErrorContains(t, err, ServicesInstall)
		if ciMode() {
			t.Fatal(err)
		}
		t.Skip(err)
	}
}

// requireGone checks that a stopped daemon left nothing behind: no
// process, nothing listening on its ports, no directory.
func requireGone(t *testing.T, d *daemon, ports ...int) {
	t.Helper()
	pid := d.proc.Process.Pid
	_, err := os.Stat(fmt.Sprintf("/proc/%d", pid))
	assert.ErrorIs(t, err, os.ErrNotExist, "process %d of %s is still there", pid, d.name)
	for _, port := range ports {
		conn, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), time.Second)
		if err == nil {
			_ = conn.Close()
		}
		assert.Error(t, err, "%s still listens on %d after Stop", d.name, port)
	}
	assert.NoDirExists(t, d.dir)
	assert.False(t, d.running())
}

// TestEtcd starts etcd, writes a key with a lease and reads it back over
// the v3 gateway, lists a prefix, revokes the lease (the key goes, as a
// platform's registration does when it deregisters) and stops it.
func TestEtcd(t *testing.T) {
	needProgram(t, EtcdBin)
	ctx := testContext(t)
	e, err := StartEtcd(ctx)
	require.NoError(t, err)
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			assert.NoError(t, e.Stop())
		}
	})
	assert.NotEqual(t, e.Port, e.PeerPort)
	assert.Equal(t, "127.0.0.1:"+strconv.Itoa(e.Port), e.Endpoint())

	lease, err := e.Grant(ctx, 10)
	require.NoError(t, err)
	require.NotZero(t, lease)
	key := "/e2e_probe/shop/services/user-service/1"
	require.NoError(t, e.Put(ctx, key, `{"grpc":"127.0.0.1:9101"}`, lease))
	require.NoError(t, e.Put(ctx, "/e2e_probe/shop/config/user-service/LOG_LEVEL", "debug", 0))
	require.NoError(t, e.Put(ctx, "/e2e_other/shop/config/user-service/LOG_LEVEL", "info", 0))
	got, ok, err := e.Get(ctx, key)
	require.NoError(t, err)
	require.True(t, ok)
	assert.JSONEq(t, `{"grpc":"127.0.0.1:9101"}`, got)
	kvs, err := e.List(ctx, "/e2e_probe/")
	require.NoError(t, err)
	assert.Equal(t, []KV{
		{Key: "/e2e_probe/shop/config/user-service/LOG_LEVEL", Value: "debug"},
		{Key: key, Value: `{"grpc":"127.0.0.1:9101"}`},
	}, kvs, "a prefix holds its own keys only")

	require.NoError(t, e.Revoke(ctx, lease))
	_, ok, err = e.Get(ctx, key)
	require.NoError(t, err)
	assert.False(t, ok, "the key went with its lease")
	require.NoError(t, e.DeletePrefix(ctx, "/e2e_probe/"))
	kvs, err = e.List(ctx, "/e2e_probe/")
	require.NoError(t, err)
	assert.Empty(t, kvs)
	kvs, err = e.List(ctx, "/e2e_other/")
	require.NoError(t, err)
	assert.Len(t, kvs, 1, "another prefix is untouched")

	require.NoError(t, e.Stop())
	stopped = true
	requireGone(t, e.d, e.Port, e.PeerPort)
}

// TestMissingProgram: a server program that is not installed is an error
// naming its package and the install command, which the suite turns into
// a skip (a failure with CI=true).
func TestMissingProgram(t *testing.T) {
	_, err := findProgram("archgen-no-such-server", "archgen-no-such-package")
	var missing *NoProgramError
	require.ErrorAs(t, err, &missing)
	assert.Equal(t, "archgen-no-such-package", missing.Package)
	assert.ErrorContains(t, err, "apt-get install -y --no-install-recommends etcd-server redis-server nats-server")
	s := NewSuite(t.TempDir())
	var skip *skipError
	assert.ErrorAs(t, s.unavailable("%v", err), &skip)
	s.CI = true
	assert.ErrorContains(t, s.unavailable("%v", err), "CI=true: this is a failure")
}

func TestPrefixEnd(t *testing.T) {
	assert.Equal(t, "/run0", prefixEnd("/run/"))
	assert.Equal(t, "b", prefixEnd("a\xff"))
	assert.Equal(t, "\x00", prefixEnd("\xff\xff"))
}
