//go:build unix

package writer

import (
	"io/fs"
	"syscall"
)

// umask is the process's file mode creation mask, read once at start
// (setting it is the only way to read it; nothing creates files then).
var umask = func() fs.FileMode {
	m := syscall.Umask(0)
	syscall.Umask(m)
	return fs.FileMode(m)
}()

// narrowed reports whether the umask takes bits away from mode, so that a
// file created with it needs a chmod.
func narrowed(mode fs.FileMode) bool { return mode.Perm()&umask != 0 }
