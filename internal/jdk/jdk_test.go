package jdk

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeJDK makes a directory that looks like a JDK of the given release.
func fakeJDK(t *testing.T, dir, name, version string) string {
	t.Helper()
	home := filepath.Join(dir, name)
	require.NoError(t, os.MkdirAll(filepath.Join(home, "bin"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(home, "bin", "javac"), nil, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(home, "release"), []byte("IMPLEMENTOR=\"x\"\nJAVA_VERSION=\""+version+"\"\n"), 0o644))
	return home
}

func TestFind(t *testing.T) {
	dir := t.TempDir()
	j17 := fakeJDK(t, dir, "java-17", "17.0.12")
	j25 := fakeJDK(t, dir, "temurin-25", "25.0.1")
	j8 := fakeJDK(t, dir, "old", "1.8.0_402")
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "jre-only", "bin"), 0o755))
	t.Setenv("ARCHGEN_JDK_DIRS", dir)
	t.Setenv("JAVA_HOME", "")
	assert.Equal(t, "8", Major(j8))
	assert.Empty(t, Major(filepath.Join(dir, "jre-only")))
	for major, want := range map[string]string{"17": j17, "25": j25} {
		got, err := Find(major)
		require.NoError(t, err)
		assert.Equal(t, want, got)
	}
	_, err := Find("21")
	require.ErrorContains(t, err, "no JDK 21 found")
	// JAVA_HOME wins when it is the version asked for.
	other := fakeJDK(t, t.TempDir(), "mine", "25.0.2")
	t.Setenv("JAVA_HOME", other)
	got, err := Find("25")
	require.NoError(t, err)
	assert.Equal(t, other, got)
}

func TestEnv(t *testing.T) {
	env := Env([]string{"A=1", "JAVA_HOME=/old", "PATH=/usr/bin"}, "/jdk")
	assert.Equal(t, []string{"A=1", "JAVA_HOME=/jdk", "PATH=/jdk/bin" + string(os.PathListSeparator) + "/usr/bin"}, env)
}
