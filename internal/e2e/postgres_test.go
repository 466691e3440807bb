//go:build e2e

package e2e

import (
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPostgres starts the harness's PostgreSQL server, creates a database,
// queries it over TCP and stops it.
func TestPostgres(t *testing.T) {
	if _, err := PostgresBinDir(); err != nil {
		if ciMode() {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	ctx := testContext(t)
	pg, err := StartPostgres(ctx)
	require.NoError(t, err)
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			assert.NoError(t, pg.Stop())
		}
	})
	url, err := pg.CreateDatabase(ctx, "e2e_probe")
	require.NoError(t, err)
	assert.Equal(t, fmt.Sprintf("postgres://postgres@127.0.0.1:%d/e2e_probe?sslmode=disable", pg.Port), url)
	out, err := pg.Query(ctx, "e2e_probe", "SELECT 1")
	require.NoError(t, err)
	assert.Equal(t, "1", out)
	out, err = pg.Query(ctx, "e2e_probe", "SELECT current_database() || ' ' || current_setting('listen_addresses')")
	require.NoError(t, err)
	assert.Equal(t, "e2e_probe 127.0.0.1", out)
	if os.Geteuid() == 0 {
		assert.Equal(t, strconv.Itoa(int(pg.cred.Uid)), processUID(t, pg.proc.Process.Pid), "the server must not run as root")
		assert.NotZero(t, pg.cred.Uid)
	}

	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(pg.Port))
	require.NoError(t, pg.Stop())
	stopped = true
	_, err = net.DialTimeout("tcp", addr, time.Second)
	require.Error(t, err, "the server still listens after Stop")
	assert.NoDirExists(t, pg.dir)
}

// processUID reads the real uid of a process from /proc.
func processUID(t *testing.T, pid int) string {
	t.Helper()
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	require.NoError(t, err)
	for line := range strings.Lines(string(status)) {
		if rest, ok := strings.CutPrefix(line, "Uid:"); ok {
			return strings.Fields(rest)[0]
		}
	}
	t.Fatalf("no Uid line in /proc/%d/status", pid)
	return ""
}
