//go:build e2e

package e2e

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRedis starts Redis, checks it keeps nothing on disk, does SET/GET
// over RESP in two logical databases, flushes one and stops it.
func TestRedis(t *testing.T) {
	needProgram(t, RedisBin)
	ctx := testContext(t)
	r, err := StartRedis(ctx)
	require.NoError(t, err)
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			assert.NoError(t, r.Stop())
		}
	})
	assert.Equal(t, fmt.Sprintf("redis://127.0.0.1:%d/3", r.Port), r.URL(3))
	for _, setting := range [][2]string{{"save", ""}, {"appendonly", "no"}, {"bind", "127.0.0.1"}, {"databases", "16"}} {
		got, err := r.List(ctx, 0, "CONFIG", "GET", setting[0])
		require.NoError(t, err)
		assert.Equal(t, []string{setting[0], setting[1]}, got, "CONFIG GET %s", setting[0])
	}

	got, err := r.Do(ctx, 3, "SET", "shop:product:7", `{"id":7}`, "EX", "300")
	require.NoError(t, err)
	assert.Equal(t, "OK", got)
	got, err = r.Do(ctx, 3, "GET", "shop:product:7")
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":7}`, got)
	ttl, err := r.Do(ctx, 3, "TTL", "shop:product:7")
	require.NoError(t, err)
	assert.NotEqual(t, "-1", ttl)
	_, err = r.Do(ctx, 4, "GET", "shop:product:7")
	require.ErrorIs(t, err, ErrNil, "another database does not see the key")
	_, err = r.Do(ctx, 3, "NOSUCHCOMMAND")
	require.ErrorContains(t, err, "unknown command")

	require.NoError(t, r.Flush(ctx, 3))
	_, err = r.Do(ctx, 3, "GET", "shop:product:7")
	require.ErrorIs(t, err, ErrNil)

	require.NoError(t, r.Stop())
	stopped = true
	requireGone(t, r.d, r.Port)
}
