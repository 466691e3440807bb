//go:build e2e

package e2e

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
)

// install runs the manifest's install command, except that an npm project
// whose dependencies are the very ones an earlier run of the suite
// installed gets a hard-linked copy of that node_modules instead: npm ci
// would write the same tree from the same lock. The first run of each
// lockfile installs for real, so every lock is still proven.
func (j *job) install(ctx context.Context, logPath string) error {
	run := j.command(func() string { return j.cmds.Install })
	if !slices.Contains(j.tmpl.Toolchain, "npm") {
		return run(ctx, logPath)
	}
	key, err := npmDependencies(j.res.Project)
	if err != nil {
		return run(ctx, logPath)
	}
	kept := filepath.Join(j.suite.Root, ".installs", key, "node_modules")
	if _, err := os.Stat(kept); err == nil {
		if err := copyTree(ctx, kept, filepath.Join(j.res.Project, "node_modules")); err != nil {
			return err
		}
		note := fmt.Sprintf("node_modules: a hard-linked copy of the one npm ci installed for an earlier run with the same package-lock.json and dependencies (%s)\n", key)
		return os.WriteFile(logPath, []byte(note), 0o644)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := run(ctx, logPath); err != nil {
		return err
	}
	return copyTree(ctx, filepath.Join(j.res.Project, "node_modules"), kept)
}

// npmDependencies is a digest of what npm ci installs in dir: the lockfile
// and package.json without its description (which may name the run's
// database).
func npmDependencies(dir string) (string, error) {
	lock, err := os.ReadFile(filepath.Join(dir, "package-lock.json"))
	if err != nil {
		return "", err
	}
	raw, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return "", err
	}
	var manifest map[string]any
	if err := json.Unmarshal(raw, &manifest); err != nil {
		return "", err
	}
	delete(manifest, "description")
	canonical, err := json.Marshal(manifest) // map keys in sorted order
	if err != nil {
		return "", err
	}
	sum := sha256.New()
	sum.Write(lock)
	sum.Write([]byte{0})
	sum.Write(canonical)
	return hex.EncodeToString(sum.Sum(nil))[:16], nil
}

// copyTree copies the directory src to dst (which must not exist) with
// hard links, keeping symbolic links as they are.
func copyTree(ctx context.Context, src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	out, err := exec.CommandContext(ctx, "cp", "-al", src, dst).CombinedOutput()
	if err != nil {
		return fmt.Errorf("cp -al %s %s: %w\n%s", src, dst, err, out)
	}
	return nil
}
