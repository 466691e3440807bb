// Package writer plans and performs the writing of a rendered project. It
// never parses templates. Every write is all or nothing: a fresh project is
// assembled in a temporary directory beside the target and renamed into
// place; files written into an existing directory are staged inside it and
// moved into place with the replaced files kept until the last move is done.
package writer

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/archgen/archgen/internal/render"
)

// Action says what writing does to one path.
type Action string

// The actions of a plan.
const (
	Create    Action = "create"    // the path does not exist
	Identical Action = "identical" // the path holds the same bytes; left alone
	Conflict  Action = "conflict"  // the path holds other bytes and --force is off
	Overwrite Action = "overwrite" // the path holds other bytes and --force is on
)

// Entry is one path of the plan.
type Entry struct {
	Path   string `json:"path"`
	Action Action `json:"action"`
	Size   int    `json:"size"`
}

// Plan is what writing files into a directory would do.
type Plan struct {
	Dir     string
	Entries []Entry
	// Fresh is true when the target does not exist or is an empty directory.
	Fresh bool

	files []render.File
}

// NotEmptyError refuses to write into a directory that holds files.
type NotEmptyError struct{ Dir string }

func (e *NotEmptyError) Error() string {
	return fmt.Sprintf("target %q is not empty; use --force to write into it, or choose another --dir", e.Dir)
}

// NewPlan compares files with what dir holds. A non-empty dir is refused
// unless force is set; with force, differing files become Overwrite.
func NewPlan(dir string, files []render.File, force bool) (*Plan, error) {
	p := &Plan{Dir: dir, files: files}
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		p.Fresh = true
	case err != nil:
		return nil, err
	case !info.IsDir():
		return nil, fmt.Errorf("target %q exists and is not a directory; choose another --dir", dir)
	default:
		ents, err := os.ReadDir(dir)
		if err != nil {
			return nil, err
		}
		p.Fresh = len(ents) == 0
	}
	if p.Fresh {
		for _, f := range files {
			p.Entries = append(p.Entries, Entry{Path: f.Path, Action: Create, Size: len(f.Content)})
		}
		return p, nil
	}
	if !force {
		return nil, &NotEmptyError{Dir: dir}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	for _, f := range files {
		action, err := compare(root, f)
		if err != nil {
			return nil, err
		}
		p.Entries = append(p.Entries, Entry{Path: f.Path, Action: action, Size: len(f.Content)})
	}
	return p, nil
}

func compare(root *os.Root, f render.File) (Action, error) {
	name := filepath.FromSlash(f.Path)
	info, err := root.Lstat(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Create, nil
	case err != nil:
		return "", fmt.Errorf("cannot check %s: %w", f.Path, err)
	case !info.Mode().IsRegular():
		return "", fmt.Errorf("%s exists in the target and is not a regular file; move it away and retry", f.Path)
	}
	old, err := root.ReadFile(name)
	if err != nil {
		return "", fmt.Errorf("cannot read %s: %w", f.Path, err)
	}
	if bytes.Equal(old, f.Content) && info.Mode().Perm() == f.Mode.Perm() {
		return Identical, nil
	}
	return Overwrite, nil
}

// Count returns how many entries have the action.
func (p *Plan) Count(a Action) int {
	n := 0
	for _, e := range p.Entries {
		if e.Action == a {
			n++
		}
	}
	return n
}

// Bytes returns the total size of the files to be written.
func (p *Plan) Bytes() int {
	n := 0
	for _, e := range p.Entries {
		if e.Action == Create || e.Action == Overwrite {
			n += e.Size
		}
	}
	return n
}

func parents(p string) []string {
	var out []string
	for d := path.Dir(p); d != "."; d = path.Dir(d) {
		out = append(out, d)
	}
	return out
}
