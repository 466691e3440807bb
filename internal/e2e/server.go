//go:build e2e

package e2e

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/archgen/archgen/internal/lang"
)

// Polling of the health path.
const (
	healthInterval = 250 * time.Millisecond
	healthRequest  = 2 * time.Second
)

// server is a generated project's server, running in its own process group.
type server struct {
	name string // the process's name in messages; empty for the only one
	cmd  *exec.Cmd
	log  *os.File
	done chan struct{} // closed once the process has exited
}

// startServer starts `sh -c "exec <line>"` in dir, so that the server
// replaces the shell and receives signals itself.
func startServer(dir, line string, env []string, logPath string) (*server, error) {
	script := "exec " + line
	out, err := openLog(logPath, "$ sh -c "+fmt.Sprintf("%q", script))
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("sh", "-c", script)
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = dir, env, out, out
	ownGroup(cmd, nil)
	if err := cmd.Start(); err != nil {
		_ = out.Close()
		return nil, fmt.Errorf("cannot start %q: %w", script, err)
	}
	s := &server{cmd: cmd, log: out, done: make(chan struct{})}
	go func() {
		_ = cmd.Wait() // the outcome is read from cmd.ProcessState
		close(s.done)
	}()
	return s, nil
}

// exitText describes how the exited process ended.
func (s *server) exitText() string {
	ws, ok := s.cmd.ProcessState.Sys().(syscall.WaitStatus)
	switch {
	case !ok:
		return s.cmd.ProcessState.String()
	case ws.Signaled():
		return fmt.Sprintf("was killed by signal %d (%v)", ws.Signal(), ws.Signal())
	default:
		return fmt.Sprintf("exited with status %d", ws.ExitStatus())
	}
}

// waitHealthy polls url until it answers 200. It fails at once when the
// server exits, and after timeout.
func (s *server) waitHealthy(ctx context.Context, url string, timeout time.Duration) error {
	client := &http.Client{Timeout: healthRequest}
	deadline := time.Now().Add(timeout)
	last := "no answer yet"
	maxPolls := int(timeout/healthInterval) + 1
	for range maxPolls {
		code, err := get(ctx, client, url)
		if err == nil && code == http.StatusOK {
			return nil
		}
		last = fmt.Sprintf("status %d", code)
		if err != nil {
			last = err.Error()
		}
		select {
		case <-s.done:
			return fmt.Errorf("the server %s before GET %s answered 200 (last: %s)", s.exitText(), url, last)
		case <-ctx.Done():
			return fmt.Errorf("gave up waiting for GET %s: %w (last: %s)", url, context.Cause(ctx), last)
		case <-time.After(healthInterval):
		}
		if time.Now().After(deadline) {
			break
		}
	}
	return fmt.Errorf("GET %s did not answer 200 within %s (last: %s)", url, timeout, last)
}

func get(ctx context.Context, client *http.Client, url string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, http.NoBody)
	if err != nil {
		return 0, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	_ = resp.Body.Close()
	return resp.StatusCode, nil
}

// signal sends SIGTERM to a server that is still running.
func (s *server) signal() error {
	select {
	case <-s.done:
		return fmt.Errorf("the server had already %s before SIGTERM", s.exitText())
	default:
	}
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return fmt.Errorf("cannot send SIGTERM: %w", err)
	}
	return nil
}

// running reports whether the server has not exited.
func (s *server) running() bool {
	select {
	case <-s.done:
		return false
	default:
		return true
	}
}

// waitExit waits up to timeout for the process to exit after SIGTERM and
// checks how it ended: status 0, or 143 for a JVM (lang java), which
// exits so after running its shutdown hooks. Death by a signal is a failure.
func (s *server) waitExit(langID string, timeout time.Duration) error {
	select {
	case <-s.done:
	case <-time.After(timeout):
		err := fmt.Errorf("the server did not exit within %s of SIGTERM; its process group was killed", timeout)
		return errors.Join(err, s.close())
	}
	text := s.exitText()
	if _, err := fmt.Fprintf(s.log, "# harness: after SIGTERM the server %s\n", text); err != nil {
		return err
	}
	return checkExit(langID, s.cmd.ProcessState, text)
}

func checkExit(id string, st *os.ProcessState, text string) error {
	ws, ok := st.Sys().(syscall.WaitStatus)
	if !ok {
		return fmt.Errorf("cannot read the exit status: %v", st)
	}
	if ws.Signaled() {
		return fmt.Errorf("after SIGTERM the server %s instead of exiting cleanly", text)
	}
	// The language registry says which statuses a graceful exit may have
	// (a JVM's shutdown hooks end it with 143).
	statuses := []int{0}
	if l, found := lang.Get(id); found {
		statuses = l.StopStatuses
	}
	if slices.Contains(statuses, ws.ExitStatus()) {
		return nil
	}
	want := make([]string, len(statuses))
	for i, n := range statuses {
		want[i] = strconv.Itoa(n)
	}
	return fmt.Errorf("after SIGTERM the server %s; want %s", text, strings.Join(want, " or "))
}

// close kills whatever is left of the server's process group and waits a
// bounded time for the process to be reaped.
func (s *server) close() error {
	err := killGroup(s.cmd.Process.Pid)
	select {
	case <-s.done:
	case <-time.After(waitDelay):
		err = errors.Join(err, fmt.Errorf("process %d was not reaped within %s", s.cmd.Process.Pid, waitDelay))
	}
	if cerr := s.log.Close(); cerr != nil && !errors.Is(cerr, os.ErrClosed) {
		err = errors.Join(err, cerr)
	}
	return err
}

// freePort asks the kernel for a free TCP port on 127.0.0.1.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	addr, ok := l.Addr().(*net.TCPAddr)
	if err := l.Close(); err != nil {
		return 0, err
	}
	if !ok {
		return 0, fmt.Errorf("unexpected listener address %v", l.Addr())
	}
	return addr.Port, nil
}
