// Package templates embeds the template trees archgen renders. Each tree is
// <tier>/<lang>-<style>/ with a template.yaml manifest and a files/ directory;
// see README.md in this directory.
package templates

import (
	"embed"
	"io/fs"
)

//go:embed all:entry all:intermediate all:enterprise all:_layers
var embedded embed.FS

// FS returns the embedded template trees.
func FS() fs.FS { return embedded }
