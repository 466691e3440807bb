// Package generate is the pure middle of archgen: answers and a template in,
// the complete project as files in memory out.
package generate

import (
	"fmt"
	"strings"

	"github.com/archgen/archgen/internal/answers"
	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/naming"
	"github.com/archgen/archgen/internal/render"
)

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
	if t.Lang == "java" {
		d.PackagePath = strings.ReplaceAll(a.Module, ".", "/")
		d.Group = naming.JavaGroup(a.Module)
	}
	cmds, err := Commands(t, d)
	if err != nil {
		return render.Data{}, err
	}
	d.Commands = cmds
	return d, nil
}

// Commands renders the manifest's command lines with the project's data.
func Commands(t *catalog.Template, d render.Data) (render.Commands, error) {
	var out render.Commands
	set := render.NewSet()
	for _, c := range []struct {
		dst *string
		src string
	}{
		{&out.Install, t.Commands.Install},
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

// Project renders t with completed answers and appends the answers file.
func Project(t *catalog.Template, a *answers.Answers, version string) ([]render.File, error) {
	d, err := Data(t, a)
	if err != nil {
		return nil, err
	}
	files, err := render.Tree(t.Files, d, render.Options{Executable: t.Executable})
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", t.ID, err)
	}
	ans, err := a.Marshal(version)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if f.Path == answers.FileName {
			return nil, fmt.Errorf("render %s: the template must not ship %s", t.ID, answers.FileName)
		}
	}
	files = append(files, render.File{Path: answers.FileName, Content: ans, Mode: 0o644})
	render.Sort(files)
	return files, nil
}
