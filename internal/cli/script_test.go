package cli

import (
	"fmt"
	"os"
	"syscall"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"archgen": func() { os.Exit(Main()) },
	})
}

// TestScripts runs testdata/script/*.txtar: each reads like a user's
// session with archgen, its output and the files it left.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "../../testdata/script",
		RequireExplicitExec: true,
		UpdateScripts:       os.Getenv("UPDATE_GOLDEN") == "1",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"identity": cmdIdentity,
			"islink":   cmdIsLink,
		},
	})
}

// cmdIdentity prints a directory's device and inode, and with -mtime its
// modification time: an unchanged line proves the directory was not
// replaced and, with -mtime, had no entry created or removed in it.
func cmdIdentity(ts *testscript.TestScript, neg bool, args []string) {
	mtime := len(args) == 2 && args[0] == "-mtime"
	if mtime {
		args = args[1:]
	}
	if neg || len(args) != 1 {
		ts.Fatalf("usage: identity [-mtime] DIR")
	}
	info, err := os.Stat(ts.MkAbs(args[0]))
	ts.Check(err)
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		ts.Fatalf("identity: no inode on this system")
	}
	fmt.Fprintf(ts.Stdout(), "dev %d inode %d\n", st.Dev, st.Ino)
	if mtime {
		fmt.Fprintf(ts.Stdout(), "mtime %d\n", info.ModTime().UnixNano())
	}
}

// cmdIsLink succeeds when PATH is a symbolic link.
func cmdIsLink(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: islink PATH")
	}
	info, err := os.Lstat(ts.MkAbs(args[0]))
	ts.Check(err)
	if isLink := info.Mode()&os.ModeSymlink != 0; isLink == neg {
		ts.Fatalf("%s: symbolic link is %v", args[0], isLink)
	}
}
