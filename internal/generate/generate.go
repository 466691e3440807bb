// Package generate is the pure middle of archgen: answers and a template in,
// the complete project as files in memory out.
package generate

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"

	"github.com/archgen/archgen/internal/advisor"
	"github.com/archgen/archgen/internal/answers"
	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/render"
)

// Result is one generated project: the template, the completed answers,
// the data the template saw and every file, the answers file included.
type Result struct {
	Template *catalog.Template
	Answers  *answers.Answers
	Data     render.Data
	Files    []render.File
}

// Data derives what a template sees from completed answers.
func Data(t *catalog.Template, a *answers.Answers) (render.Data, error) {
	d := render.Data{
		Name:       a.Name,
		Module:     a.Module,
		TemplateID: t.ID,
		Tier:       t.Tier,
		Lang:       t.Lang,
		Style:      t.Style,
		Params:     a.Params,
	}
	if a.Advice != nil {
		d.Advice = advice(*a.Advice)
	}
	for _, s := range advisor.Signals {
		if slices.Contains(s.AppliesAt, t.Tier) {
			d.Signals = append(d.Signals, render.UpgradeSignal{ID: s.ID, Name: s.Signal, Threshold: s.Threshold, To: s.To, NextTier: s.NextTier})
		}
	}
	derived := t.Language().Derive(a.Module)
	d.PackagePath, d.Group = derived.PackagePath, derived.Group
	cmds, err := commands(t, d)
	if err != nil {
		return render.Data{}, err
	}
	d.Commands = cmds
	return d, nil
}

// advice is what the advisor concludes from the inputs, as templates see it.
func advice(in advisor.Inputs) *render.Advice {
	dec := advisor.Decide(in)
	out := &render.Advice{Tier: dec.Tier, Lang: dec.Lang, Conflicts: dec.Conflicts}
	for _, f := range in.Fields() {
		out.Inputs = append(out.Inputs, render.AdviceInput{Name: f[0], Value: f[1]})
	}
	for _, r := range dec.Reasons {
		out.Reasons = append(out.Reasons, r.Text)
	}
	return out
}

// commands renders the manifest's command lines with the project's data.
func commands(t *catalog.Template, d render.Data) (render.Commands, error) {
	var out render.Commands
	set := render.NewSet()
	for _, c := range []struct {
		dst *string
		src string
	}{
		{&out.Install, t.Commands.Install},
		{&out.Migrate, t.Commands.Migrate},
		{&out.Verify, t.Commands.Verify},
		{&out.Build, t.Commands.Build},
		{&out.Run, t.Commands.Run},
	} {
		b, err := set.Text(t.ID+" commands", c.src, d)
		if err != nil {
			return out, err
		}
		*c.dst = string(b)
	}
	return out, nil
}

// Project renders t with completed answers and appends the answers file,
// which records the version, the template's digest and every file's hash.
func Project(t *catalog.Template, a *answers.Answers, version string) (*Result, error) {
	d, err := Data(t, a)
	if err != nil {
		return nil, err
	}
	// The template's digest reads and hashes every file it renders from,
	// as long as rendering takes: the two run side by side.
	type digested struct {
		sum string
		err error
	}
	digestc := make(chan digested, 1)
	go func() {
		sum, err := t.Digest()
		digestc <- digested{sum, err}
	}()
	files, err := render.Render(t.Spec(), d)
	dg := <-digestc
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", t.ID, err)
	}
	if dg.err != nil {
		return nil, dg.err
	}
	digest := dg.sum
	rec := answers.Record{Version: version, Digest: digest, Files: make(map[string]string, len(files))}
	for _, f := range files {
		if f.Path == answers.FileName {
			return nil, fmt.Errorf("render %s: the template must not ship %s", t.ID, answers.FileName)
		}
		sum := sha256.Sum256(f.Content)
		rec.Files[f.Path] = hex.EncodeToString(sum[:])
	}
	ans, err := a.Marshal(rec)
	if err != nil {
		return nil, err
	}
	files = append(files, render.File{Path: answers.FileName, Content: ans, Mode: 0o644, Rendered: true})
	render.Sort(files)
	return &Result{Template: t, Answers: a, Data: d, Files: files}, nil
}
