// Package iostreams carries the standard streams of a command and knows
// whether each of them is a terminal, so commands never probe the process
// directly and tests can substitute buffers.
package iostreams

import (
	"bytes"
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams is the set of streams a command reads from and writes to.
// Results go to Out; progress, summaries and prompts go to ErrOut.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	inTTY  bool
	outTTY bool
	errTTY bool
	// width is Out's width in columns when it is a terminal, else 0.
	width int
}

// System returns the process's own streams with their terminal state.
func System() *IOStreams {
	return &IOStreams{
		In:     os.Stdin,
		Out:    os.Stdout,
		ErrOut: os.Stderr,
		inTTY:  isTerminal(os.Stdin),
		outTTY: isTerminal(os.Stdout),
		errTTY: isTerminal(os.Stderr),
		width:  width(os.Stdout),
	}
}

// Width is the width of Out in columns when it is a terminal, else 0.
func (s *IOStreams) Width() int { return s.width }

// SetWidth sets the width Out reports, for tests.
func (s *IOStreams) SetWidth(w int) { s.width = w }

func width(f *os.File) int {
	if !isTerminal(f) {
		return 0
	}
	w, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return w
}

// Test returns streams backed by buffers; none of them is a terminal.
func Test() (ios *IOStreams, in, out, errOut *bytes.Buffer) {
	in, out, errOut = &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut}, in, out, errOut
}

// SetTTY marks the streams as terminals or not; tests use it to exercise
// the interactive paths without a real terminal.
func (s *IOStreams) SetTTY(in, out, errOut bool) {
	s.inTTY, s.outTTY, s.errTTY = in, out, errOut
}

// IsStdinTTY reports whether the input stream is a terminal.
func (s *IOStreams) IsStdinTTY() bool { return s.inTTY }

// IsStdoutTTY reports whether the output stream is a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.outTTY }

// IsStderrTTY reports whether the error stream is a terminal.
func (s *IOStreams) IsStderrTTY() bool { return s.errTTY }

// CanPrompt reports whether a person can be asked questions: both stdin and
// stdout must be terminals.
func (s *IOStreams) CanPrompt() bool { return s.inTTY && s.outTTY }

func isTerminal(f *os.File) bool {
	return term.IsTerminal(int(f.Fd())) //nolint:gosec // file descriptors fit in int
}
