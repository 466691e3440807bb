//go:build !unix

package writer

import "io/fs"

// narrowed reports whether a file created with mode may need a chmod to
// get it; without a umask to read, always.
func narrowed(fs.FileMode) bool { return true }
