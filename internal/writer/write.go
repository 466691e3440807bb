package writer

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/archgen/archgen/internal/render"
)

const dirMode fs.FileMode = 0o755

// Write carries out the plan. On any error, or when ctx is cancelled before
// the final move, the file system is left as it was.
func (p *Plan) Write(ctx context.Context) error {
	if err := p.Err(); err != nil {
		return err
	}
	if !p.Exists {
		return p.writeFresh(ctx)
	}
	// An existing directory, empty or not, is written in place: replacing
	// it would strand a shell inside it, turn a symbolic link into a
	// directory and need a writable parent.
	return p.writeInto(ctx)
}

// writeFresh assembles the project beside the target, which does not
// exist, and renames it into place.
func (p *Plan) writeFresh(ctx context.Context) (err error) {
	abs, err := filepath.Abs(p.Target)
	if err != nil {
		return err
	}
	parent := filepath.Dir(abs)
	created, err := mkdirAllTracked(parent)
	if err != nil {
		return fmt.Errorf("cannot create %s: %w", parent, err)
	}
	defer func() {
		if err != nil && created != "" {
			_ = os.RemoveAll(created)
		}
	}()
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".archgen-*")
	if err != nil {
		return fmt.Errorf("cannot create a temporary directory beside %s: %w", p.Dir, err)
	}
	defer func() {
		if err != nil {
			_ = os.RemoveAll(tmp)
		}
	}()
	if err := writeFiles(ctx, tmp, p.files); err != nil {
		return err
	}
	if err := os.Chmod(tmp, dirMode); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// os.Rename would replace an empty directory made meanwhile; refuse
	// anything that appeared at the target since the plan.
	if _, err := os.Lstat(abs); err == nil {
		return fmt.Errorf("target %q appeared while the project was written; nothing was changed, run again", p.Dir)
	}
	if err := os.Rename(tmp, abs); err != nil {
		return fmt.Errorf("cannot move the project into %s: %w", p.Dir, err)
	}
	return nil
}

// mkdirAllTracked creates dir and its missing parents and returns the
// topmost directory it created ("" when dir existed).
func mkdirAllTracked(dir string) (string, error) {
	top := ""
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		top = d
		if filepath.Dir(d) == d {
			break
		}
	}
	if top == "" {
		return "", nil
	}
	return top, os.MkdirAll(dir, dirMode)
}

// writeFiles writes files into dir, a directory this package has just
// created with a unique name (os.MkdirTemp) and so holds nothing planted by
// anyone else; the paths are checked to be local to it. Plain file calls
// are used here, several times faster than os.Root's on Linux; os.Root
// guards every step that touches a directory archgen did not create.
func writeFiles(ctx context.Context, dir string, files []render.File) error {
	// The directories first, each once and parents before children, then
	// the files, spread over a few goroutines: creating files is system
	// calls, which run side by side.
	dirs := map[string]bool{}
	for _, f := range files {
		name := filepath.FromSlash(f.Path)
		if !filepath.IsLocal(name) {
			return fmt.Errorf("refusing to write %s: not a path inside the project", f.Path)
		}
		for d := filepath.Dir(name); d != "." && !dirs[d]; d = filepath.Dir(d) {
			dirs[d] = true
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, dirMode); err != nil {
		return fmt.Errorf("cannot create %s: %w", dir, err)
	}
	for _, d := range slices.Sorted(maps.Keys(dirs)) {
		if err := os.Mkdir(filepath.Join(dir, d), dirMode); err != nil {
			return fmt.Errorf("cannot create the directory %s: %w", filepath.ToSlash(d), err)
		}
	}
	var (
		wg    sync.WaitGroup
		next  atomic.Int64
		mu    sync.Mutex
		first error
	)
	fail := func(err error) {
		mu.Lock()
		if first == nil {
			first = err
		}
		mu.Unlock()
	}
	for range min(writers, len(files)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(files) {
					return
				}
				if err := ctx.Err(); err != nil {
					fail(err)
					return
				}
				if err := writeFile(dir, files[i]); err != nil {
					fail(err)
					return
				}
			}
		})
	}
	wg.Wait()
	return first
}

// writers is how many files are written at once.
const writers = 4

func writeFile(dir string, f render.File) error {
	full := filepath.Join(dir, filepath.FromSlash(f.Path))
	if err := os.WriteFile(full, f.Content, f.Mode); err != nil {
		return fmt.Errorf("cannot write %s: %w", f.Path, err)
	}
	// The umask may have narrowed the mode; set it so that a replay gives
	// the same tree.
	if narrowed(f.Mode) {
		if err := os.Chmod(full, f.Mode); err != nil {
			return err
		}
	}
	return nil
}

// writeInto stages the files inside the target, then moves each into
// place, keeping every replaced file until all moves succeeded.
func (p *Plan) writeInto(ctx context.Context) (err error) {
	var files []render.File
	for i, e := range p.Entries {
		if e.Action == Create || e.Action == Overwrite {
			files = append(files, p.files[i])
		}
	}
	if len(files) == 0 {
		return nil
	}
	stageAbs, err := os.MkdirTemp(p.Target, ".archgen-stage-*")
	if err != nil {
		return fmt.Errorf("cannot stage files in %s: %w", p.Dir, err)
	}
	defer func() { _ = os.RemoveAll(stageAbs) }()
	stage := filepath.Base(stageAbs)
	newDir, oldDir := filepath.Join(stage, "new"), filepath.Join(stage, "old")
	if err := writeFiles(ctx, filepath.Join(p.Target, newDir), files); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	root, err := os.OpenRoot(p.Target)
	if err != nil {
		return err
	}
	defer root.Close()
	tx := &move{root: root, oldDir: oldDir}
	defer func() {
		if err != nil {
			tx.rollback()
		}
	}()
	for i, e := range p.Entries {
		if e.Action == Create || e.Action == Overwrite {
			if err := tx.place(filepath.Join(newDir, filepath.FromSlash(p.files[i].Path)), p.files[i].Path, e.Action == Overwrite); err != nil {
				return err
			}
		}
	}
	return nil
}

// move records the renames of writeInto so they can be undone.
type move struct {
	root    *os.Root
	oldDir  string
	dirs    []string // directories created in the target
	placed  []string // files moved into the target
	replace []string // files moved aside into oldDir
}

func (m *move) place(src, dst string, replace bool) error {
	name := filepath.FromSlash(dst)
	if replace {
		aside := filepath.Join(m.oldDir, name)
		if err := m.root.MkdirAll(filepath.Dir(aside), dirMode); err != nil {
			return err
		}
		if err := m.root.Rename(name, aside); err != nil {
			return fmt.Errorf("cannot replace %s: %w", dst, err)
		}
		m.replace = append(m.replace, name)
	}
	for _, d := range slices.Backward(parents(dst)) {
		if _, err := m.root.Lstat(filepath.FromSlash(d)); errors.Is(err, fs.ErrNotExist) {
			if err := m.root.Mkdir(filepath.FromSlash(d), dirMode); err != nil {
				return err
			}
			m.dirs = append(m.dirs, filepath.FromSlash(d))
		}
	}
	if err := m.root.Rename(src, name); err != nil {
		return fmt.Errorf("cannot write %s: %w", dst, err)
	}
	m.placed = append(m.placed, name)
	return nil
}

func (m *move) rollback() {
	for _, name := range slices.Backward(m.placed) {
		_ = m.root.Remove(name)
	}
	for _, name := range slices.Backward(m.replace) {
		_ = m.root.Rename(filepath.Join(m.oldDir, name), name)
	}
	for _, d := range slices.Backward(m.dirs) {
		_ = m.root.Remove(d)
	}
}
