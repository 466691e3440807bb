package writer

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/render"
)

func files() []render.File {
	return []render.File{
		{Path: "README.md", Content: []byte("# demo\n"), Mode: 0o644},
		{Path: "bin/run", Content: []byte("#!/bin/sh\n"), Mode: 0o755},
		{Path: "src/app/main.go", Content: []byte("package main\n"), Mode: 0o644},
	}
}

// tree lists every path under dir with its mode and content.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() {
			out[rel+"/"] = info.Mode().String()
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[rel] = info.Mode().String() + " " + string(b)
		return nil
	})
	require.NoError(t, err)
	return out
}

func TestWriteFresh(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "a", "b", "demo")
	p, err := NewPlan(dir, files(), false)
	require.NoError(t, err)
	assert.True(t, p.Fresh)
	assert.Equal(t, 3, p.Count(Create))
	require.NoError(t, p.Write(context.Background()))
	got := tree(t, dir)
	assert.Equal(t, "-rw-r--r-- # demo\n", got["README.md"])
	assert.Equal(t, "-rwxr-xr-x #!/bin/sh\n", got["bin/run"])
	assert.Equal(t, "drwxr-xr-x", got["./"])
	entries, err := os.ReadDir(filepath.Join(parent, "a", "b"))
	require.NoError(t, err)
	require.Len(t, entries, 1, "no temporary directory is left beside the target")
}

func TestWriteIntoEmptyDir(t *testing.T) {
	dir := t.TempDir()
	p, err := NewPlan(dir, files(), false)
	require.NoError(t, err)
	require.NoError(t, p.Write(context.Background()))
	assert.Len(t, tree(t, dir), 7)
}

func TestNonEmptyRefusedWithoutForce(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o600))
	before := tree(t, dir)
	_, err := NewPlan(dir, files(), false)
	var ne *NotEmptyError
	require.ErrorAs(t, err, &ne)
	assert.Contains(t, err.Error(), "--force (replace them)")
	assert.Equal(t, before, tree(t, dir))
}

func TestTargetIsAFile(t *testing.T) {
	f := filepath.Join(t.TempDir(), "x")
	require.NoError(t, os.WriteFile(f, nil, 0o600))
	_, err := NewPlan(f, files(), true)
	assert.ErrorContains(t, err, "not a directory")
}

func TestForceReplacesOnlyItsFiles(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "README.md"), []byte("old"), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "bin"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bin", "run"), []byte("#!/bin/sh\n"), 0o755))
	p, err := NewPlan(dir, files(), true)
	require.NoError(t, err)
	actions := map[string]Action{}
	for _, e := range p.Entries {
		actions[e.Path] = e.Action
	}
	assert.Equal(t, map[string]Action{"README.md": Overwrite, "bin/run": Identical, "src/app/main.go": Create}, actions)
	require.NoError(t, p.Write(context.Background()))
	got := tree(t, dir)
	assert.Equal(t, "-rw------- mine", got["notes.txt"])
	assert.Equal(t, "-rw-r--r-- # demo\n", got["README.md"])
	assert.Equal(t, "-rw-r--r-- package main\n", got["src/app/main.go"])
	var names []string
	for k := range got {
		names = append(names, k)
	}
	sort.Strings(names)
	assert.Equal(t, []string{"./", "README.md", "bin/", "bin/run", "notes.txt", "src/", "src/app/", "src/app/main.go"}, names, "no staging directory is left")
}

func TestCancelledLeavesNothing(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	parent := t.TempDir()
	p, err := NewPlan(filepath.Join(parent, "demo"), files(), false)
	require.NoError(t, err)
	require.ErrorIs(t, p.Write(ctx), context.Canceled)
	assert.Empty(t, tree(t, parent)["demo/"])
	assert.Len(t, tree(t, parent), 1)

	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "README.md"), []byte("old"), 0o644))
	before := tree(t, dir)
	p, err = NewPlan(dir, files(), true)
	require.NoError(t, err)
	require.ErrorIs(t, p.Write(ctx), context.Canceled)
	assert.Equal(t, before, tree(t, dir))
}

func TestFailedMoveRollsBack(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "README.md"), []byte("old"), 0o644))
	// "src" is a file, so src/app/main.go cannot be placed: the whole write
	// must be undone, README.md included.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "src"), []byte("x"), 0o644))
	before := tree(t, dir)
	p, err := NewPlan(dir, files(), true)
	if err != nil {
		// The plan may already see the clash; then nothing was touched.
		assert.Equal(t, before, tree(t, dir))
		return
	}
	require.Error(t, p.Write(context.Background()))
	assert.Equal(t, before, tree(t, dir))
}

func TestSymlinkEscapeRefused(t *testing.T) {
	outside := t.TempDir()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "keep"), []byte("x"), 0o644))
	require.NoError(t, os.Symlink(outside, filepath.Join(dir, "src")))
	p, err := NewPlan(dir, files(), true)
	if err == nil {
		err = p.Write(context.Background())
	}
	require.Error(t, err)
	assert.Empty(t, tree(t, outside)[filepath.Join("app", "main.go")])
	assert.Len(t, tree(t, outside), 1, "nothing was written through the symlink")
}

func TestPolicies(t *testing.T) {
	setup := func(t *testing.T) string {
		dir := t.TempDir()
		require.NoError(t, os.WriteFile(filepath.Join(dir, "README.md"), []byte("mine\n"), 0o644))
		return dir
	}
	t.Run("refuse", func(t *testing.T) {
		p, err := Compare(setup(t), files(), PolicyRefuse)
		require.NoError(t, err)
		var ne *NotEmptyError
		require.ErrorAs(t, p.Err(), &ne)
		require.ErrorAs(t, p.Write(context.Background()), &ne)
	})
	t.Run("fail", func(t *testing.T) {
		dir := setup(t)
		p, err := Compare(dir, files(), PolicyFail)
		require.NoError(t, err)
		var ce *ConflictError
		require.ErrorAs(t, p.Err(), &ce)
		assert.Equal(t, []string{"README.md"}, ce.Paths)
		assert.Equal(t, 1, p.Count(Conflict))
		before := tree(t, dir)
		require.Error(t, p.Write(context.Background()))
		assert.Equal(t, before, tree(t, dir))
	})
	t.Run("skip", func(t *testing.T) {
		dir := setup(t)
		p, err := Compare(dir, files(), PolicySkip)
		require.NoError(t, err)
		require.NoError(t, p.Write(context.Background()))
		assert.Equal(t, 1, p.Count(Skip))
		assert.Equal(t, "-rw-r--r-- mine\n", tree(t, dir)["README.md"])
		assert.Contains(t, tree(t, dir), "bin/run")
	})
	t.Run("resolve per file", func(t *testing.T) {
		dir := setup(t)
		p, err := Compare(dir, files(), PolicyFail)
		require.NoError(t, err)
		p.Resolve("README.md", true)
		require.NoError(t, p.Err())
		require.NoError(t, p.Write(context.Background()))
		assert.Equal(t, "-rw-r--r-- # demo\n", tree(t, dir)["README.md"])
	})
	t.Run("dry compare of a missing dir", func(t *testing.T) {
		p, err := Compare(filepath.Join(t.TempDir(), "none"), files(), PolicyRefuse)
		require.NoError(t, err)
		require.NoError(t, p.Err())
		assert.Equal(t, 3, p.Count(Create))
	})
}

// Many files in nested directories, written side by side: every file
// lands with its content and mode, whatever the order they are written in;
// a file that cannot be written fails the whole write and leaves nothing.
func TestWriteManyFiles(t *testing.T) {
	var many []render.File
	want := map[string]string{}
	for i := range 300 {
		p := fmt.Sprintf("m%d/sub%d/f%03d.txt", i%7, i%3, i)
		mode := fs.FileMode(0o644)
		if i%10 == 0 {
			mode = 0o755
		}
		many = append(many, render.File{Path: p, Content: []byte(p), Mode: mode})
		want[p] = fmt.Sprintf("%v %s", mode, p)
	}
	render.Sort(many)
	dir := filepath.Join(t.TempDir(), "out")
	plan, err := NewPlan(dir, many, false)
	require.NoError(t, err)
	require.NoError(t, plan.Write(context.Background()))
	got := tree(t, dir)
	for p, w := range want {
		assert.Equal(t, w, got[p], p)
	}

	// A file where a directory must go: the write fails, nothing is left.
	bad := append(slices.Clone(many), render.File{Path: "m1", Content: []byte("x"), Mode: 0o644})
	render.Sort(bad)
	target := filepath.Join(t.TempDir(), "bad")
	plan, err = NewPlan(target, bad, false)
	require.NoError(t, err)
	require.Error(t, plan.Write(context.Background()))
	_, err = os.Stat(target)
	assert.ErrorIs(t, err, fs.ErrNotExist, "a failed write leaves no target")
}
