// Package buildinfo holds the version of archgen, injected at link time with
// -ldflags "-X github.com/archgen/archgen/internal/buildinfo.Version=v1.2.3".
package buildinfo

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// Version is archgen's version; "dev" for an untagged build.
var Version = "dev"

// Commit is the VCS revision the binary was built from, when known.
var Commit = ""

// String describes the build: version, commit, Go version and platform.
func String(version string) string {
	commit := Commit
	if commit == "" {
		commit = "unknown"
	}
	return fmt.Sprintf("archgen %s (commit %s, %s, %s/%s)", version, commit, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

func init() {
	if Commit != "" {
		return
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" {
			Commit = s.Value
		}
	}
}
