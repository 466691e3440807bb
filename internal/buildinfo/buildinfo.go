// Package buildinfo holds the version of archgen, injected at link time with
// -ldflags "-X github.com/archgen/archgen/internal/buildinfo.Version=v1.2.3".
package buildinfo

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// Version is archgen's version: set at link time, else the module version
// that `go install …@version` records, else "dev".
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
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return
	}
	// `go install github.com/archgen/archgen/cmd/archgen@v1.2.3` sets no
	// ldflags but records the module version: use it rather than "dev".
	if Version == "dev" && strings.HasPrefix(info.Main.Version, "v") {
		Version = info.Main.Version
	}
	if Commit != "" {
		return
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" {
			Commit = s.Value
		}
	}
}
