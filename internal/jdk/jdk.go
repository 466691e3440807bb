// Package jdk finds an installed JDK of a given feature version, for the
// commands of a Java project whose answers chose one.
package jdk

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// dirs are the directories searched for JDKs, each holding one JDK per
// subdirectory (Debian's and the Temurin packages' layout). ARCHGEN_JDK_DIRS
// (a list like PATH) replaces them.
func dirs() []string {
	if v := os.Getenv("ARCHGEN_JDK_DIRS"); v != "" {
		return filepath.SplitList(v)
	}
	return []string{"/usr/lib/jvm"}
}

// Major is the feature version a JDK's release file names
// (JAVA_VERSION="25.0.1" → "25"; "1.8.0_402" → "8"), or "" when home holds
// no JDK with a compiler.
func Major(home string) string {
	if _, err := os.Stat(filepath.Join(home, "bin", "javac")); err != nil { //nolint:gosec // reading the JDKs the user installed is the point
		return ""
	}
	f, err := os.Open(filepath.Join(home, "release")) //nolint:gosec // reading the JDKs the user installed is the point
	if err != nil {
		return ""
	}
	defer func() { _ = f.Close() }()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		v, ok := strings.CutPrefix(sc.Text(), "JAVA_VERSION=")
		if !ok {
			continue
		}
		v = strings.Trim(v, `"`)
		v = strings.TrimPrefix(v, "1.")
		major, _, _ := strings.Cut(v, ".")
		major, _, _ = strings.Cut(major, "_")
		return major
	}
	return ""
}

// Find returns the home of a JDK of the given feature version: JAVA_HOME
// when it is one, else the first match under jdkDirs.
func Find(major string) (string, error) {
	if home := os.Getenv("JAVA_HOME"); home != "" && Major(home) == major {
		return home, nil
	}
	var seen []string
	for _, dir := range dirs() {
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			home := filepath.Join(dir, e.Name())
			// Debian's alternatives links name the same JDK twice.
			if resolved, err := filepath.EvalSymlinks(home); err == nil {
				home = resolved
			}
			m := Major(home)
			if m == "" {
				continue
			}
			if m == major {
				return home, nil
			}
			seen = append(seen, m)
		}
	}
	return "", fmt.Errorf("no JDK %s found (looked at JAVA_HOME and under %s; found %v); install one or set ARCHGEN_JDK_DIRS",
		major, strings.Join(dirs(), ", "), seen)
}

// Env returns env with JAVA_HOME set to home and its bin first on PATH.
func Env(env []string, home string) []string {
	out := make([]string, 0, len(env)+2)
	path := ""
	for _, kv := range env {
		switch {
		case strings.HasPrefix(kv, "JAVA_HOME="):
		case strings.HasPrefix(kv, "PATH="):
			path = strings.TrimPrefix(kv, "PATH=")
		default:
			out = append(out, kv)
		}
	}
	bin := filepath.Join(home, "bin")
	if path != "" {
		bin += string(os.PathListSeparator) + path
	}
	return append(out, "JAVA_HOME="+home, "PATH="+bin)
}
