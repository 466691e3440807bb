package inspect

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/archgen/archgen/internal/answers"
	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/generate"
)

// BuildRun is what --measure-build timed.
type BuildRun struct {
	// Command is the shell command line that ran, in the directory.
	Command string `json:"command"`
	// From says where the command came from: the template in
	// .archgen.yaml, or the file it was detected from.
	From string `json:"from"`
	// Seconds is how long it ran.
	Seconds float64 `json:"seconds"`
	// ExitStatus is the command's exit status; 0 when it succeeded, -1
	// when it could not start or was stopped by a signal.
	ExitStatus int `json:"exit_status"`
	// Error says why it failed; empty when it succeeded.
	Error string `json:"error,omitempty"`
}

var (
	verifyTarget = regexp.MustCompile(`(?m)^verify[ \t]*:([^=]|$)`)
	buildTarget  = regexp.MustCompile(`(?m)^build[ \t]*:([^=]|$)`)
)

// buildCommand chooses the command whose time §6.2's "build time" is:
//
//   - a project archgen made: its template's verify command (lint, tests and
//     build, what its CI runs and a developer waits for), rendered with the
//     answers in .archgen.yaml;
//   - otherwise, detected: a Makefile's verify target, else its build
//     target; go build ./... for a go.mod; npm run build for a package.json
//     with a build script; Maven's package without tests for a pom.xml
//     (through ./mvnw when present); ./gradlew assemble for Gradle.
//
// It returns "" when nothing is found.
func buildCommand(dir string, ans *answers.Answers, cat func() (*catalog.Catalog, error)) (cmd, from string, err error) {
	if ans != nil && cat != nil {
		c, err := cat()
		if err != nil {
			return "", "", err
		}
		if t, ok := c.Get(ans.Template); ok {
			if err := ans.Complete(t); err != nil {
				return "", "", fmt.Errorf("%s: %w", answers.FileName, err)
			}
			d, err := generate.Data(t, ans)
			if err != nil {
				return "", "", err
			}
			return d.Commands.Verify, "the verify command of " + t.ID + " (" + answers.FileName + ")", nil
		}
	}
	for _, mk := range []string{"GNUmakefile", "makefile", "Makefile"} {
		raw, err := os.ReadFile(filepath.Join(dir, mk))
		if err != nil {
			continue
		}
		switch {
		case verifyTarget.Match(raw):
			return "make verify", mk + "'s verify target", nil
		case buildTarget.Match(raw):
			return "make build", mk + "'s build target", nil
		}
	}
	exists := func(name string) bool { _, err := os.Stat(filepath.Join(dir, name)); return err == nil }
	switch {
	case exists("go.mod"):
		return "go build ./...", "go.mod", nil
	case npmBuild(filepath.Join(dir, "package.json")):
		return "npm run build", "package.json's build script", nil
	case exists("pom.xml") && exists("mvnw"):
		return "./mvnw -q -DskipTests package", "pom.xml and mvnw", nil
	case exists("pom.xml"):
		return "mvn -q -DskipTests package", "pom.xml", nil
	case exists("gradlew") && (exists("build.gradle") || exists("build.gradle.kts")):
		return "./gradlew assemble", "build.gradle and gradlew", nil
	}
	return "", "", nil
}

func npmBuild(p string) bool {
	raw, err := os.ReadFile(p)
	if err != nil {
		return false
	}
	var pkg struct {
		Scripts map[string]string `json:"scripts"`
	}
	return json.Unmarshal(raw, &pkg) == nil && pkg.Scripts["build"] != ""
}

// runBuild runs command with sh in dir, its output to out, and times it.
func runBuild(ctx context.Context, dir, command, from string, out io.Writer) *BuildRun {
	run := &BuildRun{Command: command, From: from}
	cmd := exec.CommandContext(ctx, "sh", "-c", command)
	cmd.Dir = dir
	cmd.Env = buildEnv(os.Environ())
	cmd.Stdout, cmd.Stderr = out, out
	start := time.Now()
	err := cmd.Run()
	run.Seconds = time.Since(start).Seconds()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		run.ExitStatus = exit.ExitCode()
		run.Error = err.Error()
	default:
		run.ExitStatus = -1
		run.Error = err.Error()
	}
	return run
}

// buildEnv is the environment of the measured build: archgen's own, less
// what an enclosing make hands its children (flags such as -n or -j, the
// job server, the nesting level), so that the build runs as it would from
// a shell and not as a sub-make of whatever ran archgen.
func buildEnv(env []string) []string {
	return slices.DeleteFunc(slices.Clone(env), func(kv string) bool {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "GNUMAKEFLAGS":
			return true
		}
		return false
	})
}
