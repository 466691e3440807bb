package inspect

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Window is how far back contributors are counted (§6.2's team, measured
// as the people who changed the code lately).
const Window = 90 * 24 * time.Hour

// contributors counts the distinct author e-mail addresses (compared
// without regard to case) of the commits reachable from HEAD whose author
// date is in the Window before now. When dir is a sub-directory of the
// repository, only commits that change files under it count.
//
// It reads the repository with go-git, so no program runs and nothing is
// written; ok is false when dir is not in a git repository.
func contributors(dir string, now time.Time) (n int, root string, ok bool, err error) {
	repo, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return 0, "", false, nil
	}
	if err != nil {
		return 0, "", false, fmt.Errorf("open the git repository of %s: %w", dir, err)
	}
	opts := &git.LogOptions{Order: git.LogOrderCommitterTime}
	if wt, err := repo.Worktree(); err == nil {
		root = wt.Filesystem.Root()
		if prefix, err := subdir(root, dir); err == nil && prefix != "" {
			opts.PathFilter = func(p string) bool { return strings.HasPrefix(p, prefix+"/") }
		}
	}
	head, err := repo.Head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return 0, root, true, nil // a repository without commits
	}
	if err != nil {
		return 0, root, true, fmt.Errorf("read HEAD of %s: %w", root, err)
	}
	opts.From = head.Hash()
	commits, err := repo.Log(opts)
	if err != nil {
		return 0, root, true, fmt.Errorf("read the history of %s: %w", root, err)
	}
	since := now.Add(-Window)
	authors := map[string]bool{}
	err = commits.ForEach(func(c *object.Commit) error {
		if when := c.Author.When; when.After(since) && !when.After(now) {
			authors[strings.ToLower(strings.TrimSpace(c.Author.Email))] = true
		}
		return nil
	})
	if err != nil {
		return 0, root, true, fmt.Errorf("read the history of %s: %w", root, err)
	}
	return len(authors), root, true, nil
}

// subdir returns dir relative to root in slash form, "" when they are the
// same directory.
func subdir(root, dir string) (string, error) {
	r, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", err
	}
	d, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(r, d)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return "", err
	}
	return filepath.ToSlash(rel), nil
}
