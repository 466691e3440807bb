package render

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// Move writes parts of a project elsewhere when its condition holds: a
// layout choice (one repository, or a repository per service) that keeps
// one tree of files.
type Move struct {
	// When is a condition over the data, as Source.When; "" always holds.
	When string `yaml:"when"`
	// Paths maps a rendered path of the project (a file or a directory)
	// to where it and everything under it is written instead.
	Paths map[string]string `yaml:"paths"`
}

// Placer maps rendered paths through the moves whose conditions hold.
type Placer struct {
	from []string // longest first
	to   map[string]string
}

// NewPlacer evaluates the moves' conditions with data. Two moves that
// hold may not move the same path.
func NewPlacer(moves []Move, data Data) (*Placer, error) {
	return newPlacer(NewSet(), moves, data)
}

func newPlacer(set *Set, moves []Move, data Data) (*Placer, error) {
	p := &Placer{to: map[string]string{}}
	for i, m := range moves {
		ok, err := set.Holds(fmt.Sprintf("moves[%d]", i), m.When, data)
		if err != nil {
			return nil, fmt.Errorf("moves[%d]: %w", i, err)
		}
		if !ok {
			continue
		}
		for from, to := range m.Paths {
			if _, dup := p.to[from]; dup {
				return nil, fmt.Errorf("moves: %s is moved by two moves that both hold", from)
			}
			p.to[from] = to
			p.from = append(p.from, from)
		}
	}
	// The longest path wins: a move of shared/proto inside a move of
	// shared takes the files of shared/proto.
	slices.SortFunc(p.from, func(a, b string) int {
		if d := len(b) - len(a); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	return p, nil
}

// Place returns where the rendered path p is written: p itself unless a
// move takes it or a directory above it.
func (p *Placer) Place(name string) string {
	if p == nil {
		return name
	}
	for _, from := range p.from {
		if name == from {
			return p.to[from]
		}
		if rest, ok := strings.CutPrefix(name, from+"/"); ok {
			return path.Join(p.to[from], rest)
		}
	}
	return name
}

// CheckMove reports what is wrong with one pair of a move: both sides
// must be clean relative paths inside the project.
func CheckMove(from, to string) error {
	for _, p := range []string{from, to} {
		if !fs.ValidPath(p) || p == "." || path.Clean(p) != p {
			return fmt.Errorf("moves: %q is not a clean relative path inside the project", p)
		}
	}
	if from == to {
		return fmt.Errorf("moves: %s is moved to itself", from)
	}
	return nil
}
