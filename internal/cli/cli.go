// Package cli runs archgen: it builds the command tree, executes it with a
// context cancelled by Ctrl-C or SIGTERM, prints the error and maps it to
// the exit status.
package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/archgen/archgen/internal/buildinfo"
	"github.com/archgen/archgen/internal/cmd/root"
	"github.com/archgen/archgen/internal/cmdutil"
	"github.com/archgen/archgen/internal/iostreams"
)

// Main runs archgen with the process's arguments and streams and returns
// the exit status.
func Main() int {
	// A command lives for a few milliseconds and holds little: collecting
	// garbage at the default pace costs it more than the memory saved.
	// GOGC, when set, still decides.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	// The handler stays installed until the process exits (stop is never
	// called): a Ctrl-C that lands after the work is done, while main
	// returns, must not kill the process with status 130 after a complete
	// write.
	ctx, _ := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM) //nolint:govet // see above
	return Run(ctx, cmdutil.NewFactory(iostreams.System(), buildinfo.Version), os.Args[1:])
}

// Run executes one archgen command line.
func Run(ctx context.Context, f *cmdutil.Factory, args []string) int {
	cmd := root.NewCmdRoot(f)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(ctx)
	if err != nil && ctx.Err() != nil && !errors.Is(err, cmdutil.ErrCancelled) {
		err = errors.Join(cmdutil.ErrCancelled, err)
	}
	if err != nil {
		msg := err.Error()
		if errors.Is(err, cmdutil.ErrCancelled) {
			msg = "cancelled; nothing was written"
		}
		fmt.Fprintf(f.IO.ErrOut, "archgen: %s\n", strings.TrimSpace(msg))
	}
	return cmdutil.ExitCode(err)
}
