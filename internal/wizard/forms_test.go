package wizard

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/render"
	"github.com/archgen/archgen/internal/writer"
	"github.com/archgen/archgen/templates"
)

// drive feeds key messages to a form as a terminal would, running the
// commands each key returns so focus moves between fields. Commands that
// wait (cursor blinks) are abandoned after a moment.
func drive(t *testing.T, form *huh.Form, keys ...tea.KeyMsg) *huh.Form {
	t.Helper()
	form = form.WithKeyMap(KeyMap())
	model := tea.Model(form)
	var pending []tea.Cmd
	settle := func() {
		for i := 0; len(pending) > 0 && i < 50; i++ {
			cmd := pending[0]
			pending = pending[1:]
			msg := quick(cmd)
			if batch, ok := msg.(tea.BatchMsg); ok {
				pending = append(pending, batch...)
				continue
			}
			if msg != nil {
				var next tea.Cmd
				model, next = model.Update(msg)
				pending = append(pending, next)
			}
		}
		pending = nil
	}
	pending = append(pending, form.Init())
	settle()
	for _, k := range keys {
		var cmd tea.Cmd
		model, cmd = model.Update(k)
		pending = append(pending, cmd)
		settle()
	}
	f, ok := model.(*huh.Form)
	require.True(t, ok)
	return f
}

// quick runs a command, giving up on one that does not return at once.
func quick(cmd tea.Cmd) tea.Msg {
	if cmd == nil {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case msg := <-ch:
		return msg
	case <-time.After(250 * time.Millisecond):
		return nil
	}
}

func typed(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

var (
	enter = tea.KeyMsg{Type: tea.KeyEnter}
	down  = tea.KeyMsg{Type: tea.KeyDown}
	esc   = tea.KeyMsg{Type: tea.KeyEsc}
	ctrlC = tea.KeyMsg{Type: tea.KeyCtrlC}
)

func testCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(templates.FS())
	require.NoError(t, err)
	return c
}

func TestNameFormByKeys(t *testing.T) {
	var name string
	f := drive(t, NameForm(&name), typed("Bad Name"), enter)
	assert.NotEqual(t, huh.StateCompleted, f.State, "an invalid name is refused as typed")
	name = ""
	f = drive(t, NameForm(&name), typed("my-api"), enter)
	assert.Equal(t, huh.StateCompleted, f.State)
	assert.Equal(t, "my-api", name)
}

func TestLangFormByKeys(t *testing.T) {
	lang := "go"
	f := drive(t, LangForm(testCatalog(t), "entry", &lang), down, down, enter)
	assert.Equal(t, huh.StateCompleted, f.State)
	assert.Equal(t, "python", lang)
}

func TestEscAndCtrlCAbort(t *testing.T) {
	for name, k := range map[string]tea.KeyMsg{"esc": esc, "ctrl+c": ctrlC} {
		var s string
		f := drive(t, NameForm(&s), typed("abc"), k)
		assert.Equal(t, huh.StateAborted, f.State, name)
	}
}

func TestDetailsFormValidatesParams(t *testing.T) {
	tm, ok := testCatalog(t).Get("entry/go-stdlib")
	require.True(t, ok)
	module := "demo"
	port := "8080"
	form := DetailsForm(tm, true, &module, map[string]*string{"port": &port})
	require.NotNil(t, form)
	bs := tea.KeyMsg{Type: tea.KeyBackspace}
	f := drive(t, form, enter, bs, bs, bs, bs, typed("99999"), enter)
	assert.NotEqual(t, huh.StateCompleted, f.State, "out-of-range port is refused")
	port = "8080"
	f = drive(t, DetailsForm(tm, true, &module, map[string]*string{"port": &port}), enter, bs, bs, bs, bs, typed("9090"), enter)
	assert.Equal(t, huh.StateCompleted, f.State)
	assert.Equal(t, "9090", port)
}

func TestStyleFormPreselectsTheDefault(t *testing.T) {
	manifest := func(style string, def bool) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(fmt.Sprintf("id: entry/go-%s\ntier: entry\nlang: go\nstyle: %s\ndefault: %t\ndescription: d\ncommands: {verify: v, run: r}\n", style, style, def))}
	}
	cat, err := catalog.Load(fstest.MapFS{
		"entry/go-chi/template.yaml":    manifest("chi", false),
		"entry/go-stdlib/template.yaml": manifest("stdlib", true),
	})
	require.NoError(t, err)
	var style string
	w := &Wizard{}
	req := &Request{Name: "x", Tier: "entry", Lang: "go", Params: map[string]string{}, Given: func(string) bool { return true }}
	require.NoError(t, w.askStyle(cat, req, func(f *huh.Form) error {
		drive(t, f, enter)
		return nil
	}))
	style = req.Style
	assert.Equal(t, "stdlib", style)
}

func TestLiteralEscapesNoteMarkdown(t *testing.T) {
	in := "5 * time.Second, handlers_test.go, `x`, a\\b"
	want := "5 \\* time.Second, handlers\\_test.go, \\`x\\`, a\\\\b"
	assert.Equal(t, want, literal(in, false))
	assert.Equal(t, in, literal(in, true))
}

// Confirming a write into a directory that holds files says so.
func TestConfirmTitleNamesANonEmptyTarget(t *testing.T) {
	dir := t.TempDir()
	files := []render.File{{Path: "a.txt", Content: []byte("a"), Mode: 0o644}, {Path: "b.txt", Content: []byte("b"), Mode: 0o644}}
	plan, err := writer.Compare(dir, files, writer.PolicyFail)
	require.NoError(t, err)
	assert.Equal(t, "2 files will be written to "+dir, ConfirmTitle(plan))

	require.NoError(t, os.WriteFile(filepath.Join(dir, "mine.txt"), []byte("mine"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "b.txt"), []byte("b"), 0o644))
	plan, err = writer.Compare(dir, files, writer.PolicyFail)
	require.NoError(t, err)
	assert.Equal(t, "1 file will be written to "+dir+" — it is not empty: files archgen does not write are kept (0 replaced, 0 kept as they are, 1 identical)", ConfirmTitle(plan)+" — "+nonEmptyNote(plan))
}

// A long tree is folded to fit a 24-line screen.
func TestSummaryFitsTheScreen(t *testing.T) {
	var files []render.File
	for i := range 40 {
		files = append(files, render.File{Path: fmt.Sprintf("services/s%d/main.go", i), Mode: 0o644})
	}
	for i := range 30 {
		files = append(files, render.File{Path: fmt.Sprintf("top%02d.txt", i), Mode: 0o644})
	}
	files = append(files, render.File{Path: "README.md", Mode: 0o644})
	plan, err := writer.Compare(filepath.Join(t.TempDir(), "x"), files, writer.PolicyFail)
	require.NoError(t, err)
	max := fit(24)
	assert.Equal(t, 13, max, "an 80x24 screen")
	assert.Greater(t, strings.Count(Tree(plan), "\n"), max)
	got := preview(plan, false, max)
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	assert.Len(t, lines, max)
	assert.Equal(t, "services/  (40 files)", lines[0])
	assert.Equal(t, "… and 20 more", lines[len(lines)-1])
	assert.Len(t, strings.Split(strings.TrimSuffix(preview(plan, false, fit(50)), "\n"), "\n"), 32, "a taller screen shows more")
	assert.Equal(t, Tree(plan), preview(plan, true, max), "accessible mode reads the whole tree")

	diff := fold(strings.Repeat("line\n", 100), max)
	assert.Equal(t, strings.Repeat("line\n", max-1)+"… and 88 more lines\n", diff)
}

// The advisor's questions by keys: a bad count is refused as typed; the
// answers become the advisor's inputs.
func TestAdviceFormByKeys(t *testing.T) {
	var a AdviceAnswers
	f := drive(t, AdviceForm(&a), typed("lots"), enter)
	assert.NotEqual(t, huh.StateCompleted, f.State, "a count that is not one is refused")

	a = AdviceAnswers{}
	f = drive(t, AdviceForm(&a), typed("50k"), enter, typed("800"), enter, enter, typed("python, go"), enter, down, down, enter)
	assert.Equal(t, huh.StateCompleted, f.State)
	in, err := a.Inputs()
	require.NoError(t, err)
	assert.Equal(t, "users=50000,concurrency=800,lang=python,lang=go,workload=data", in.String())
}

// The tier question offers the advisor last, and shows its answer above
// the choices once it has one.
func TestTierFormOffersTheAdvisor(t *testing.T) {
	tier := "entry"
	f := drive(t, TierForm(testCatalog(t), &tier, ""), down, down, down, enter)
	assert.Equal(t, huh.StateCompleted, f.State)
	assert.Equal(t, NotSure, tier)
	tier = "intermediate"
	f = drive(t, TierForm(testCatalog(t), &tier, "Recommended: intermediate/go-gin"), enter)
	assert.Equal(t, huh.StateCompleted, f.State)
	assert.Equal(t, "intermediate", tier, "the recommendation is preselected")
}
