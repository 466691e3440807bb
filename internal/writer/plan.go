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
	"strings"
	"syscall"

	"github.com/archgen/archgen/internal/render"
)

// Action says what writing does to one path.
type Action string

// The actions of a plan.
const (
	Create    Action = "create"    // the path does not exist
	Identical Action = "identical" // the path holds the same bytes; left alone
	Conflict  Action = "conflict"  // the path holds other bytes; writing fails
	Overwrite Action = "overwrite" // the path holds other bytes; replaced
	Skip      Action = "skip"      // the path holds other bytes; kept as it is
)

// Policy says what to do with an existing, non-empty target.
type Policy string

// The policies. PolicyRefuse, the default, refuses a non-empty target; the
// others are the values of --on-conflict and write into it, differing in
// what they do with a file that exists with other content.
const (
	PolicyRefuse    Policy = "refuse"
	PolicyFail      Policy = "fail"
	PolicySkip      Policy = "skip"
	PolicyOverwrite Policy = "overwrite"
)

// Policies lists the values --on-conflict accepts.
var Policies = []Policy{PolicyFail, PolicySkip, PolicyOverwrite}

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
	Fresh  bool
	Policy Policy
	// Exists is true when the target directory exists; it is then written
	// in place, and never replaced.
	Exists bool
	// Target is the directory written to: Dir with symbolic links resolved.
	Target string

	files []render.File
}

// NotEmptyError refuses to write into a directory that holds files.
type NotEmptyError struct{ Dir string }

func (e *NotEmptyError) Error() string {
	return fmt.Sprintf("target %q is not empty; choose another --dir, or write into it with --on-conflict=skip (keep files that differ) or --force (replace them)", e.Dir)
}

// ConflictError refuses to replace files that hold other content.
type ConflictError struct {
	Dir   string
	Paths []string
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("%s in %q with other content: %s; use --on-conflict=skip to keep them or --on-conflict=overwrite to replace them",
		Files(len(e.Paths)), e.Dir, strings.Join(e.Paths, ", "))
}

// NewPlan plans writing files into dir, refusing a non-empty dir unless
// force is set, in which case differing files are replaced.
func NewPlan(dir string, files []render.File, force bool) (*Plan, error) {
	policy := PolicyRefuse
	if force {
		policy = PolicyOverwrite
	}
	p, err := Compare(dir, files, policy)
	if err != nil {
		return nil, err
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	return p, nil
}

// Compare plans writing files into dir under policy. Its error is about
// reading the target; whether the policy allows the plan is Err's answer,
// so a dry run can show the plan of a write that would be refused.
func Compare(dir string, files []render.File, policy Policy) (*Plan, error) {
	p := &Plan{Dir: dir, Target: dir, Policy: policy, files: files}
	if l, err := os.Lstat(dir); err == nil && l.Mode()&fs.ModeSymlink != 0 {
		// Follow a link to a directory: the project goes where it points,
		// and the link stays a link.
		resolved, err := filepath.EvalSymlinks(dir)
		if err != nil {
			dest, _ := os.Readlink(dir)
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("target %q is a symbolic link to %q, which does not exist; create that directory or choose another --dir", dir, dest)
			}
			return nil, fmt.Errorf("target %q is a symbolic link to %q, which cannot be followed (%w); fix the link or choose another --dir", dir, dest, err)
		}
		p.Target = resolved
	}
	info, err := os.Stat(p.Target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		p.Fresh = true
	case err != nil:
		return nil, fmt.Errorf("cannot use %q as the target directory: %w", dir, err)
	case !info.IsDir():
		return nil, fmt.Errorf("target %q exists and is not a directory; choose another --dir", dir)
	default:
		ents, err := os.ReadDir(p.Target)
		if err != nil {
			return nil, err
		}
		p.Fresh, p.Exists = len(ents) == 0, true
	}
	if p.Fresh {
		for _, f := range files {
			p.Entries = append(p.Entries, Entry{Path: f.Path, Action: Create, Size: len(f.Content)})
		}
		return p, nil
	}
	root, err := os.OpenRoot(p.Target)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	for _, f := range files {
		action, err := compare(root, f)
		if err != nil {
			return nil, err
		}
		if action == Conflict {
			action = onConflict(policy)
		}
		p.Entries = append(p.Entries, Entry{Path: f.Path, Action: action, Size: len(f.Content)})
	}
	return p, nil
}

func onConflict(policy Policy) Action {
	switch policy {
	case PolicyOverwrite:
		return Overwrite
	case PolicySkip:
		return Skip
	default:
		return Conflict
	}
}

// Err says why the plan may not be carried out, or nil.
func (p *Plan) Err() error {
	if p.Fresh {
		return nil
	}
	if p.Policy == PolicyRefuse || p.Policy == "" {
		return &NotEmptyError{Dir: p.Dir}
	}
	var conflicts []string
	for _, e := range p.Entries {
		if e.Action == Conflict {
			conflicts = append(conflicts, e.Path)
		}
	}
	if len(conflicts) > 0 {
		return &ConflictError{Dir: p.Dir, Paths: conflicts}
	}
	return nil
}

// Resolve sets the action of a conflicting path to Overwrite or Skip, as a
// person answering per file decides.
func (p *Plan) Resolve(path string, overwrite bool) {
	for i, e := range p.Entries {
		if e.Path == path && e.Action == Conflict {
			p.Entries[i].Action = Skip
			if overwrite {
				p.Entries[i].Action = Overwrite
			}
		}
	}
}

// Existing returns the current content of a path in the target, for a diff.
func (p *Plan) Existing(path string) ([]byte, error) {
	root, err := os.OpenRoot(p.Target)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	return root.ReadFile(filepath.FromSlash(path))
}

// File returns the rendered file at path.
func (p *Plan) File(path string) (render.File, bool) {
	for _, f := range p.files {
		if f.Path == path {
			return f, true
		}
	}
	return render.File{}, false
}

// Written lists the paths that hold archgen's files after the write:
// created, replaced and identical ones, not those kept as they were.
func (p *Plan) Written() []string {
	var out []string
	for _, e := range p.Entries {
		switch e.Action {
		case Create, Overwrite, Identical:
			out = append(out, e.Path)
		}
	}
	return out
}

// Files says "1 file" or "n files".
func Files(n int) string {
	if n == 1 {
		return "1 file"
	}
	return fmt.Sprintf("%d files", n)
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

// compare says what writing f would do to what the target holds. A file
// with other content is a Conflict; the policy decides what that becomes.
func compare(root *os.Root, f render.File) (Action, error) {
	name := filepath.FromSlash(f.Path)
	info, err := root.Lstat(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Create, nil
	case errors.Is(err, syscall.ENOTDIR):
		return "", fmt.Errorf("cannot write %s: one of its parent directories is a file in the target; move it away and retry", f.Path)
	case err != nil && strings.Contains(err.Error(), "path escapes from parent"):
		return "", fmt.Errorf("cannot write %s: one of its parent directories is a symbolic link that leads out of the target, and archgen never writes through one; replace it with a directory or move it away", f.Path)
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
	return Conflict, nil
}
