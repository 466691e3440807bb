// Package gitinit turns a freshly generated project into a git repository
// with an initial commit, when git and an identity are available.
package gitinit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// Result says what Init did.
type Result struct {
	Initialized bool
	Committed   bool
	// Note explains a step that was skipped, for the user.
	Note string
}

// Branch is the initial branch; the generated CI workflows watch it.
const Branch = "main"

// Init runs git init in dir, on the branch main, and commits the given
// paths (the files archgen wrote) with message; anything else in dir stays
// untracked. It never fails for want of an identity: it then initializes,
// skips the commit and says so. A dir already inside a work tree is left
// alone.
func Init(ctx context.Context, dir string, paths []string, message string) (Result, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return Result{Note: "git is not installed; skipped git init"}, nil
	}
	if out, err := git(ctx, dir, "rev-parse", "--show-toplevel"); err == nil {
		return Result{Note: fmt.Sprintf("%s is already inside the git repository %s; skipped git init", dir, strings.TrimSpace(out))}, nil
	}
	if _, err := git(ctx, dir, "init", "--quiet", "--initial-branch="+Branch); err != nil {
		return Result{}, err
	}
	res := Result{Initialized: true}
	for _, key := range []string{"user.name", "user.email"} {
		if out, err := git(ctx, dir, "config", "--get", key); err != nil || strings.TrimSpace(out) == "" {
			res.Note = fmt.Sprintf("git has no %s configured; initialized the repository but skipped the initial commit (set it with: git config --global %s VALUE)", key, key)
			return res, nil
		}
	}
	if len(paths) == 0 {
		res.Note = "archgen wrote no files; skipped the initial commit"
		return res, nil
	}
	// Paths go through stdin, NUL-separated, as literal pathspecs: no
	// command line limit, no glob or magic in a file name.
	list := strings.Join(paths, "\x00") + "\x00"
	if _, err := gitIn(ctx, dir, list, "--literal-pathspecs", "add", "--pathspec-from-file=-", "--pathspec-file-nul"); err != nil {
		return res, err
	}
	if _, err := git(ctx, dir, "-c", "commit.gpgsign=false", "commit", "--quiet", "--no-verify", "-m", message); err != nil {
		return res, err
	}
	res.Committed = true
	return res, nil
}

func git(ctx context.Context, dir string, args ...string) (string, error) {
	return gitIn(ctx, dir, "", args...)
}

func gitIn(ctx context.Context, dir, stdin string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return "", fmt.Errorf("git %s: %s", strings.Join(args, " "), strings.TrimSpace(stderr.String()))
		}
		return "", fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
	}
	return stdout.String(), nil
}
