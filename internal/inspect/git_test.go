package inspect

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var now = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

// commitAs makes one commit in repo by email at when.
func commitAs(t *testing.T, repo *git.Repository, dir, email string, when time.Time) {
	t.Helper()
	commitFile(t, repo, dir, "log.txt", email, when)
}

// commitFile appends a line to name (a slash path) and commits it by email
// at when.
func commitFile(t *testing.T, repo *git.Repository, dir, name, email string, when time.Time) {
	t.Helper()
	wt, err := repo.Worktree()
	require.NoError(t, err)
	f := filepath.Join(dir, filepath.FromSlash(name))
	require.NoError(t, os.MkdirAll(filepath.Dir(f), 0o755))
	old, _ := os.ReadFile(f)
	require.NoError(t, os.WriteFile(f, append(old, email+"\n"...), 0o644))
	_, err = wt.Add(name)
	require.NoError(t, err)
	sig := &object.Signature{Name: email, Email: email, When: when}
	_, err = wt.Commit("change by "+email, &git.CommitOptions{Author: sig, Committer: sig})
	require.NoError(t, err)
}

// A history with recent distinct authors (one of them twice, once in
// capitals), one more recent author who changed only svc/, older authors
// outside the 90 days, and one in the future.
func history(t *testing.T, recent int) string {
	t.Helper()
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	require.NoError(t, err)
	for i := range 5 {
		commitAs(t, repo, dir, fmt.Sprintf("old%d@example.com", i), now.Add(-Window-time.Duration(i+1)*time.Hour))
	}
	for i := range recent {
		commitAs(t, repo, dir, fmt.Sprintf("dev%d@example.com", i), now.Add(-time.Duration(i+1)*24*time.Hour))
	}
	commitAs(t, repo, dir, "DEV0@Example.com", now.Add(-time.Hour))
	commitAs(t, repo, dir, "later@example.com", now.Add(time.Hour))
	commitFile(t, repo, dir, "svc/notes.txt", "svc@example.com", now.Add(-2*time.Hour))
	writeFiles(t, dir, map[string]string{"main.go": "package main\n", "internal/domain/d.go": "package domain\n", "internal/usecase/u.go": "package usecase\n"})
	return dir
}

func TestContributors(t *testing.T) {
	// recent authors besides the one of svc/: 9 + 1 = 10 is ok, 10 + 1 = 11
	// is due.
	for _, tc := range []struct {
		recent  int
		verdict string
	}{
		{9, VerdictOK}, {10, VerdictUpgradeDue},
	} {
		t.Run(fmt.Sprintf("%d authors", tc.recent+1), func(t *testing.T) {
			dir := history(t, tc.recent)
			r, err := Inspect(context.Background(), dir, Options{Now: now})
			require.NoError(t, err)
			require.Equal(t, TierIntermediate, r.Tier, r.Reason)
			s := signal(t, r, "contributors")
			assert.True(t, s.Measured)
			assert.InDelta(t, tc.recent+1, *s.Value, 0)
			assert.Equal(t, fmt.Sprintf("%d (git history)", tc.recent+1), s.Shown)
			assert.Equal(t, tc.verdict, s.Verdict)

			// From a sub-directory, only commits that touch it count.
			r, err = Inspect(context.Background(), filepath.Join(dir, "svc"), Options{Now: now})
			require.NoError(t, err)
			assert.InDelta(t, 1, *signal(t, r, "contributors").Value, 0)
		})
	}
}

func TestNotAGitRepository(t *testing.T) {
	dir := flatProject(t, 3)
	r, err := Inspect(context.Background(), dir, Options{Now: now})
	require.NoError(t, err)
	s := signal(t, r, "contributors")
	assert.False(t, s.Measured)
	assert.Nil(t, s.Value)
	assert.Equal(t, "not measured (not a git repository)", s.Shown)
	assert.Equal(t, "n/a at entry", s.VerdictText)
}
