//go:build e2e

package e2e

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"time"
)

// Markdown renders the results as a table, template × step, headed by the
// date (UTC), the host and the versions of the toolchains used.
func Markdown(results []*Result, now time.Time) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "End-to-end results of %s on %s.\n\n", now.UTC().Format("2006-01-02 15:04 UTC"), hostFacts())
	if v := toolVersions(results); len(v) > 0 {
		fmt.Fprintf(&b, "Toolchains: %s.\n\n", strings.Join(v, "; "))
	}
	if v := jdkUses(results); len(v) > 0 {
		fmt.Fprintf(&b, "JDKs chosen by a template's java answer: %s.\n\n", strings.Join(v, "; "))
	}
	b.WriteString("| template | " + strings.Join(Steps, " | ") + " | result |\n")
	b.WriteString("|---" + strings.Repeat("|---", len(Steps)) + "|---|\n")
	for _, r := range results {
		fmt.Fprintf(&b, "| `%s` |", r.ID)
		for _, s := range r.Steps {
			fmt.Fprintf(&b, " %s |", s.cell())
		}
		fmt.Fprintf(&b, " %s |\n", r.Outcome())
	}
	return b.Bytes()
}

// hostFacts describes the machine: `uname -m`, the kernel, CPUs and memory.
func hostFacts() string {
	facts := []string{runtime.GOARCH}
	if out, err := exec.Command("uname", "-m").Output(); err == nil {
		facts[0] = strings.TrimSpace(string(out))
	}
	if out, err := exec.Command("uname", "-sr").Output(); err == nil {
		facts = append(facts, strings.TrimSpace(string(out)))
	}
	facts = append(facts, fmt.Sprintf("%d CPUs", runtime.NumCPU()))
	if mem := memTotal(); mem != "" {
		facts = append(facts, mem+" RAM")
	}
	facts = append(facts, "harness built with "+runtime.Version())
	return strings.Join(facts, ", ")
}

// memTotal reads MemTotal from /proc/meminfo, in GiB.
func memTotal() string {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return ""
	}
	defer func() { _ = f.Close() }()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var kib int64
		if _, err := fmt.Sscanf(sc.Text(), "MemTotal: %d kB", &kib); err == nil {
			return fmt.Sprintf("%.0f GiB", float64(kib)/(1<<20))
		}
	}
	return ""
}

// versionArgs are the arguments that make a toolchain program print its
// version; --version for the others.
var versionArgs = map[string][]string{
	"go":   {"version"},
	"java": {"-version"},
	"mvn":  {"-v"},
}

// toolVersions reports the first line each toolchain program of the
// results prints about its version.
func toolVersions(results []*Result) []string {
	var tools []string
	for _, r := range results {
		for _, tool := range r.Toolchain {
			if !slices.Contains(tools, tool) {
				tools = append(tools, tool)
			}
		}
	}
	var out []string
	for _, tool := range tools {
		out = append(out, fmt.Sprintf("`%s`", toolVersion(tool)))
	}
	return out
}

func toolVersion(tool string) string {
	path, err := exec.LookPath(tool)
	if err != nil {
		return tool + ": not found"
	}
	args, ok := versionArgs[tool]
	if !ok {
		args = []string{"--version"}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, path, args...).CombinedOutput()
	first, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	if err != nil || first == "" {
		return fmt.Sprintf("%s: no version (%v)", tool, err)
	}
	if !strings.Contains(strings.ToLower(first), strings.ToLower(tool)) {
		first = tool + " " + first
	}
	return first
}

// jdkUses lists each JDK the results ran on by choice, with the runs that
// chose it.
func jdkUses(results []*Result) []string {
	var homes []string
	runs := map[string][]string{}
	for _, r := range results {
		if r.JDK == "" {
			continue
		}
		if _, ok := runs[r.JDK]; !ok {
			homes = append(homes, r.JDK)
		}
		runs[r.JDK] = append(runs[r.JDK], "`"+r.ID+"`")
	}
	out := make([]string, len(homes))
	for i, home := range homes {
		out[i] = fmt.Sprintf("`%s` (%s)", home, strings.Join(runs[home], ", "))
	}
	return out
}
