package newcmd

import (
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/archgen/archgen/internal/answers"
	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/cmdutil"
	"github.com/archgen/archgen/internal/generate"
	"github.com/archgen/archgen/internal/gitinit"
	"github.com/archgen/archgen/internal/render"
	"github.com/archgen/archgen/internal/writer"
)

// Result is the JSON output of `archgen new`.
type Result struct {
	Archgen   string         `json:"archgen"`
	Template  string         `json:"template"`
	Dir       string         `json:"dir"`
	Path      string         `json:"path"`
	DryRun    bool           `json:"dry_run"`
	Files     []writer.Entry `json:"files"`
	Created   int            `json:"created"`
	Replaced  int            `json:"overwritten"`
	Skipped   int            `json:"skipped"`
	Identical int            `json:"identical"`
	Conflicts int            `json:"conflicts"`
	Bytes     int            `json:"bytes"`
	Git       *gitOutcome    `json:"git,omitempty"`
	// Commands are the project's own install, verify, build and run
	// commands, to be run from its directory.
	Commands render.Commands `json:"commands"`
}

type gitOutcome struct {
	Initialized bool   `json:"initialized"`
	Committed   bool   `json:"committed"`
	Note        string `json:"note,omitempty"`
}

func initGit(ctx context.Context, plan *writer.Plan, id string) *gitOutcome {
	res, err := gitinit.Init(ctx, plan.Dir, plan.Written(), "Initial commit from archgen ("+id+")")
	out := &gitOutcome{Initialized: res.Initialized, Committed: res.Committed, Note: res.Note}
	if err != nil {
		// The project is written; a failed git step is reported, not fatal.
		out.Note = "git: " + err.Error()
	}
	return out
}

func report(o *Options, res *generate.Result, plan *writer.Plan, git *gitOutcome) error {
	t, d := res.Template, res.Data
	if o.Output == cmdutil.OutputJSON {
		abs, err := filepath.Abs(plan.Dir)
		if err != nil {
			return err
		}
		return cmdutil.WriteJSON(o.IO.Out, Result{
			Archgen: o.Version, Template: t.ID, Dir: plan.Dir, Path: abs, DryRun: o.DryRun, Files: plan.Entries, Commands: d.Commands,
			Created: plan.Count(writer.Create), Replaced: plan.Count(writer.Overwrite), Skipped: plan.Count(writer.Skip),
			Identical: plan.Count(writer.Identical), Conflicts: plan.Count(writer.Conflict), Bytes: plan.Bytes(), Git: git,
		})
	}
	if o.DryRun {
		for _, e := range plan.Entries {
			fmt.Fprintf(o.IO.Out, "%-9s  %s (%d bytes)\n", e.Action, e.Path, e.Size)
		}
		if plan.Err() != nil {
			// The plan is shown so the user sees why; nothing would happen.
			fmt.Fprintf(o.IO.Out, "dry run: %s would write nothing into %s as asked (see the error); with --force or --on-conflict it would write %s, %d bytes%s\n",
				t.ID, plan.Dir, writer.Files(plan.Count(writer.Create)+plan.Count(writer.Overwrite)+plan.Count(writer.Conflict)), plan.Bytes(), counts(plan))
		} else {
			fmt.Fprintf(o.IO.Out, "dry run: %s would write %s, %d bytes, into %s%s\n",
				t.ID, writer.Files(plan.Count(writer.Create)+plan.Count(writer.Overwrite)), plan.Bytes(), plan.Dir, counts(plan))
		}
		if o.Git {
			fmt.Fprintln(o.IO.Out, "dry run: --git would then run git init and commit the project")
		}
		return nil
	}
	w := o.IO.ErrOut
	if written := plan.Count(writer.Create) + plan.Count(writer.Overwrite); written == 0 {
		fmt.Fprintf(w, "Nothing to write: %s already holds %s%s.\n", plan.Dir, t.ID, counts(plan))
	} else {
		verb := "Created"
		if plan.Exists && !plan.Fresh {
			verb = "Updated"
		}
		fmt.Fprintf(w, "%s %s from %s: %s written%s.\n", verb, where(plan), t.ID, writer.Files(written), counts(plan))
	}
	for _, e := range plan.Entries {
		if e.Action == writer.Overwrite || e.Action == writer.Skip {
			fmt.Fprintf(w, "  %s %s\n", map[writer.Action]string{writer.Overwrite: "overwrote", writer.Skip: "skipped"}[e.Action], e.Path)
		}
	}
	if git != nil {
		switch {
		case git.Committed:
			fmt.Fprintln(w, "Initialized a git repository with an initial commit.")
		case git.Initialized:
			fmt.Fprintln(w, "Initialized a git repository.")
		}
		if git.Note != "" {
			fmt.Fprintln(w, git.Note)
		}
	}
	nextSteps(w, plan, d.Commands.Install, d.Commands.Verify, d.Commands.Build, d.Commands.Migrate, d.Commands.Run)
	return nil
}

func counts(plan *writer.Plan) string {
	var parts []string
	for _, c := range []struct {
		a    writer.Action
		what string
	}{{writer.Overwrite, "overwritten"}, {writer.Skip, "skipped"}, {writer.Identical, "already identical"}, {writer.Conflict, "in conflict"}} {
		if n := plan.Count(c.a); n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, c.what))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

func nextSteps(w io.Writer, plan *writer.Plan, cmds ...string) {
	fmt.Fprintln(w, "\nNext steps:")
	if !isCwd(plan.Target) {
		fmt.Fprintf(w, "  cd %s\n", shellQuote(filepath.ToSlash(plan.Dir)))
	}
	for _, c := range cmds {
		if c != "" {
			fmt.Fprintf(w, "  %s\n", c)
		}
	}
}

// commandLine is the non-interactive command that makes the same project.
func commandLine(o *Options, t *catalog.Template, ans *answers.Answers, plan *writer.Plan) string {
	dir := plan.Dir
	args := []string{"archgen", "new", ans.Name, "--tier", t.Tier, "--lang", t.Lang, "--style", t.Style}
	if ans.Module != "" {
		args = append(args, "--module", ans.Module)
	}
	defaults := t.Defaults()
	for _, k := range slices.Sorted(maps.Keys(ans.Params)) {
		if v := catalog.Text(ans.Params[k]); v != catalog.Text(defaults[k]) {
			args = append(args, "--set", k+"="+v)
		}
	}
	if ans.Advice != nil {
		args = append(args, "--advice", ans.Advice.String())
	}
	if dir != ans.Name {
		args = append(args, "--dir", dir)
	}
	if policy := replayPolicy(plan); policy != "" {
		args = append(args, "--on-conflict", policy)
	}
	if o.Git {
		args = append(args, "--git")
	}
	args = append(args, "--no-input")
	for i, a := range args {
		args[i] = shellQuote(a)
	}
	return strings.Join(args, " ")
}

// replayPolicy is the --on-conflict that repeats what was decided for an
// existing directory: skip when any differing file was kept (a mix of kept
// and replaced files has no single flag; keeping is the safe half).
func replayPolicy(plan *writer.Plan) string {
	switch {
	case plan.Fresh:
		return ""
	case plan.Count(writer.Skip) > 0:
		return string(writer.PolicySkip)
	case plan.Count(writer.Overwrite) > 0:
		return string(writer.PolicyOverwrite)
	default:
		return string(writer.PolicyFail)
	}
}

func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./@=:") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// isCwd reports whether dir is the current directory.
func isCwd(dir string) bool {
	a, errA := os.Stat(dir)
	b, errB := os.Stat(".")
	return errA == nil && errB == nil && os.SameFile(a, b)
}

// where names the target for a person: the directory as given, or the
// current directory by its real path.
func where(plan *writer.Plan) string {
	if isCwd(plan.Target) {
		if abs, err := filepath.Abs(plan.Target); err == nil {
			return "the current directory " + abs
		}
	}
	if plan.Target != plan.Dir {
		return fmt.Sprintf("%s (-> %s)", plan.Dir, plan.Target)
	}
	return plan.Dir
}
