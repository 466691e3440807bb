// Package buildinfo holds the version of archgen, injected at link time with
// -ldflags "-X github.com/archgen/archgen/internal/buildinfo.Version=v1.2.3".
package buildinfo

import "runtime/debug"

// Version is archgen's version; "dev" for an untagged build.
var Version = "dev"

// Commit is the VCS revision the binary was built from, when known.
var Commit = ""

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
