package wizard

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/huh"
	"golang.org/x/term"

	"github.com/archgen/archgen/internal/advisor"
	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/cmdutil"
	"github.com/archgen/archgen/internal/writer"
)

// Request holds the answers so far; the wizard fills in the rest. Given
// lists the answers the flags settled, which are never asked again.
type Request struct {
	Name, Tier, Lang, Style, Module string
	// Advice are the advisor's inputs (the --advice form) when the person
	// answered its questions or --advice gave them.
	Advice string
	Params map[string]string
	Given  func(flag string) bool
}

// Wizard runs forms on a terminal, or as plain line prompts in accessible
// mode (for screen readers and dumb terminals).
type Wizard struct {
	In         io.Reader
	Out        io.Writer
	Accessible bool

	lines *lineReader // the one reader of In in accessible mode
}

// Ask fills in what the flags did not settle: name, tier, language, style,
// module and the template's parameters.
func (w *Wizard) Ask(ctx context.Context, cat *catalog.Catalog, r *Request) error {
	if r.Name == "" {
		if err := w.run(ctx, NameForm(&r.Name)); err != nil {
			return err
		}
	}
	if !r.Given("tier") {
		if err := w.askTier(ctx, cat, r); err != nil {
			return err
		}
	}
	if !r.Given("lang") {
		if err := w.run(ctx, LangForm(cat, r.Tier, &r.Lang)); err != nil {
			return err
		}
	}
	if !r.Given("style") {
		if err := w.askStyle(cat, r, func(f *huh.Form) error { return w.run(ctx, f) }); err != nil {
			return err
		}
	}
	t, err := cat.Resolve(r.Tier, r.Lang, r.Style)
	if err != nil {
		return cmdutil.AsUsage(err)
	}
	return w.askDetails(ctx, t, r)
}

// askTier asks for the tier, offering the advisor's questions first when
// the person is not sure; their answer preselects the tier, language and
// style it recommends, with its reasons shown. Asked even when one tier
// exists: its row tells the scale it is for.
func (w *Wizard) askTier(ctx context.Context, cat *catalog.Catalog, r *Request) error {
	note := ""
	for {
		if err := w.run(ctx, TierForm(cat, &r.Tier, note)); err != nil {
			return err
		}
		if r.Tier != NotSure {
			return nil
		}
		in, err := w.Advise(ctx)
		if err != nil {
			return err
		}
		name := r.Name
		if name == "" {
			name = "NAME"
		}
		rec, err := advisor.Recommend(cat, in, name)
		if err != nil {
			return err
		}
		t, _ := cat.Get(rec.Template)
		r.Tier = t.Tier
		if !r.Given("lang") {
			r.Lang = t.Lang
		}
		if !r.Given("style") {
			r.Style = t.Style
		}
		if !in.Empty() {
			r.Advice = in.String()
		}
		note = Recommendation(rec)
	}
}

// Recommendation sums up the advisor's answer for the tier question.
func Recommendation(rec advisor.Recommendation) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Recommended: %s, preselected below.", rec.Template)
	for _, r := range rec.Reasons {
		b.WriteString("\n- " + r.Text)
	}
	for _, c := range rec.Conflicts {
		b.WriteString("\n- note: " + c)
	}
	if rec.Note != "" {
		b.WriteString("\n- " + rec.Note)
	}
	return b.String()
}

// askStyle picks the style when only one exists and otherwise asks, with
// the default style preselected.
func (w *Wizard) askStyle(cat *catalog.Catalog, r *Request, run func(*huh.Form) error) error {
	styles := cat.Select(r.Tier, r.Lang)
	switch len(styles) {
	case 0:
		return nil // the catalog says what exists when the template is resolved
	case 1:
		r.Style = styles[0].Style
		return nil
	}
	if !slices.ContainsFunc(styles, func(t *catalog.Template) bool { return t.Style == r.Style }) {
		r.Style = styles[0].Style // the catalog lists the default style first
	}
	return run(StyleForm(cat, r.Tier, r.Lang, &r.Style))
}

func (w *Wizard) askDetails(ctx context.Context, t *catalog.Template, r *Request) error {
	// A template that takes no module is not asked for one: the answer
	// would change nothing.
	askModule := !r.Given("module") && t.Module != catalog.ModuleNone
	if t.Module == catalog.ModuleNone {
		r.Module = ""
	}
	if askModule && r.Module == "" {
		r.Module = t.Language().DefaultModule(r.Name)
	}
	values := map[string]*string{}
	for _, p := range t.Parameters {
		if _, set := r.Params[p.Name]; set || len(p.Choices) == 1 {
			// A choice with one option is no question.
			continue
		}
		v := fmt.Sprint(p.Default)
		if items, ok := p.Default.([]string); ok {
			v = strings.Join(items, ",")
		}
		values[p.Name] = &v
	}
	form := DetailsForm(t, askModule, &r.Module, values)
	if form == nil {
		return nil
	}
	if err := w.run(ctx, form); err != nil {
		return err
	}
	// An empty answer keeps the default.
	if askModule && r.Module == "" {
		r.Module = t.Language().DefaultModule(r.Name)
	}
	for _, p := range t.Parameters {
		if v, ok := values[p.Name]; ok && *v != "" {
			r.Params[p.Name] = *v
		}
	}
	return nil
}

// Confirm shows the tree that will be written and asks to go ahead.
func (w *Wizard) Confirm(ctx context.Context, plan *writer.Plan) (bool, error) {
	ok := true
	err := w.run(ctx, ConfirmForm(plan, &ok, w.plain(), w.rows()))
	return ok, err
}

// Overwrite shows a conflicting file's diff and asks whether to replace it;
// the default is to keep the file.
func (w *Wizard) Overwrite(ctx context.Context, path string, old, new []byte) (bool, error) {
	overwrite := false
	err := w.run(ctx, ConflictForm(path, old, new, &overwrite, w.plain(), w.rows()))
	return overwrite, err
}

// KeyMap is huh's default key map with Esc cancelling like Ctrl-C.
func KeyMap() *huh.KeyMap {
	km := huh.NewDefaultKeyMap()
	km.Quit = key.NewBinding(key.WithKeys("ctrl+c", "esc"), key.WithHelp("esc", "cancel"))
	return km
}

// run runs one form. Ctrl-C, Esc or the end of input cancel the wizard.
// plain reports whether the wizard asks with line prompts: in accessible
// mode, or on a terminal that reports no size (a bare pty, some CI and
// container shells), where the forms cannot be laid out.
func (w *Wizard) plain() bool {
	if !w.Accessible && !sized(w.Out) {
		w.Accessible = true
	}
	return w.Accessible
}

func (w *Wizard) run(ctx context.Context, form *huh.Form) error {
	w.plain()
	in := w.In
	if w.Accessible {
		if w.lines == nil {
			w.lines = newLineReader(ctx, w.In)
		}
		in = w.lines
	}
	form = form.WithInput(in).WithOutput(w.Out).WithAccessible(w.Accessible).WithShowHelp(!w.Accessible).WithKeyMap(KeyMap())
	err := form.RunWithContext(ctx)
	switch {
	case errors.Is(err, huh.ErrUserAborted), ctx.Err() != nil:
		return cmdutil.ErrCancelled
	case w.lines != nil && w.lines.eof:
		return cmdutil.ErrCancelled
	case err != nil:
		return err
	}
	return nil
}

// sized reports whether out is a terminal with a usable width, or not a
// file at all (tests). Only a real terminal of zero width is refused.
func sized(out io.Writer) bool {
	f, ok := out.(*os.File)
	if !ok {
		return true
	}
	width, _, err := term.GetSize(int(f.Fd())) //nolint:gosec // file descriptors fit in int
	return err == nil && width >= minWidth
}

// minWidth is the narrowest terminal the forms are laid out in.
const minWidth = 20

// lineReader hands the accessible prompts one line per Read, so each
// prompt's scanner takes only its own answer, and ends the input when ctx is
// cancelled (Ctrl-C) so a blocked prompt returns.
type lineReader struct {
	lines <-chan string
	ctx   context.Context
	buf   []byte
	eof   bool
}

func newLineReader(ctx context.Context, r io.Reader) *lineReader {
	ch := make(chan string)
	go func() {
		defer close(ch)
		br := bufio.NewReader(r)
		for {
			line, err := br.ReadString('\n')
			if line != "" {
				select {
				case ch <- line:
				case <-ctx.Done():
					return
				}
			}
			if err != nil {
				return
			}
		}
	}()
	return &lineReader{lines: ch, ctx: ctx}
}

func (l *lineReader) Read(p []byte) (int, error) {
	if len(l.buf) == 0 {
		select {
		case line, ok := <-l.lines:
			if !ok {
				l.eof = true
				return 0, io.EOF
			}
			l.buf = []byte(line)
		case <-l.ctx.Done():
			l.eof = true
			return 0, io.EOF
		}
	}
	n := copy(p, l.buf)
	l.buf = l.buf[n:]
	return n, nil
}

// rows is the height of the terminal the wizard draws on, or 0.
func (w *Wizard) rows() int {
	f, ok := w.Out.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 0
	}
	_, h, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return h
}
