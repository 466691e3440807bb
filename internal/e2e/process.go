//go:build e2e

package e2e

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// waitDelay bounds how long Wait waits for output after a process was
// killed or exited.
const waitDelay = 5 * time.Second

// ownGroup makes cmd the leader of a new process group, so that the group
// can be killed with everything it started, and has the kernel kill it if
// the harness dies first. cred, when not nil, is the user it runs as.
func ownGroup(cmd *exec.Cmd, cred *syscall.Credential) {
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Setpgid:    true,
		Pdeathsig:  syscall.SIGKILL,
		Credential: cred,
	}
	cmd.WaitDelay = waitDelay
}

// killGroup kills the process group led by pid. A group that is already
// gone is not an error.
func killGroup(pid int) error {
	err := syscall.Kill(-pid, syscall.SIGKILL)
	if errors.Is(err, syscall.ESRCH) {
		return nil
	}
	return err
}

// openLog opens a log file for appending and writes a header line.
func openLog(path, header string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	if _, err := fmt.Fprintln(f, header); err != nil {
		_ = f.Close()
		return nil, err
	}
	return f, nil
}

// runShell runs a POSIX sh command line in dir to completion, its output
// appended to logPath. Whatever the command left running in its process
// group is killed when it returns.
func runShell(ctx context.Context, dir, line string, env []string, logPath string) error {
	return runAs(ctx, line, dir, logPath, env, nil, "sh", "-c", line)
}

// runLogged runs a program to completion with its output appended to
// logPath, as the user cred when it is not nil.
func runLogged(ctx context.Context, dir, logPath string, env []string, cred *syscall.Credential, name string, args ...string) error {
	cmdline := strings.Join(append([]string{name}, args...), " ")
	return runAs(ctx, cmdline, dir, logPath, env, cred, name, args...)
}

// runAs is runLogged with the command line errors show.
func runAs(ctx context.Context, cmdline, dir, logPath string, env []string, cred *syscall.Credential, name string, args ...string) error {
	out, err := openLog(logPath, "$ "+cmdline)
	if err != nil {
		return err
	}
	defer func() { _ = out.Close() }()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = dir, env, out, out
	ownGroup(cmd, cred)
	cmd.Cancel = func() error { return killGroup(cmd.Process.Pid) }
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("cannot start %q: %w", cmdline, err)
	}
	err = cmd.Wait()
	if kerr := killGroup(cmd.Process.Pid); kerr != nil && err == nil {
		err = kerr
	}
	switch {
	case err != nil && ctx.Err() != nil:
		return fmt.Errorf("%q did not finish in time (%w); its process group was killed", cmdline, context.Cause(ctx))
	case err != nil:
		return fmt.Errorf("%q: %w", cmdline, err)
	}
	_, err = fmt.Fprintln(out, "# exit status 0")
	return err
}

// tailMaxBytes bounds how much of a log is read for its tail.
const tailMaxBytes = 64 << 10

// tail returns the last n lines of the file at path, or a note saying why
// there are none.
func tail(path string, n int) string {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Sprintf("(no log: %v)", err)
	}
	defer func() { _ = f.Close() }()
	info, err := f.Stat()
	if err != nil {
		return fmt.Sprintf("(cannot read log: %v)", err)
	}
	if off := info.Size() - tailMaxBytes; off > 0 {
		if _, err := f.Seek(off, io.SeekStart); err != nil {
			return fmt.Sprintf("(cannot read log: %v)", err)
		}
	}
	b, err := io.ReadAll(f)
	if err != nil {
		return fmt.Sprintf("(cannot read log: %v)", err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// environ returns the harness's environment without the variables a
// generated project is configured by, followed by extra.
func environ(extra ...string) []string {
	drop := map[string]bool{
		"HOST": true, "PORT": true, "DATABASE_URL": true,
		// A platform's processes: their ports, and the service name each
		// sets itself (spans are told apart by it).
		"HTTP_PORT": true, "GRPC_PORT": true, "OTEL_SERVICE_NAME": true,
	}
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if !drop[k] {
			env = append(env, kv)
		}
	}
	return append(env, extra...)
}
