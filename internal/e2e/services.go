//go:build e2e

package e2e

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Bounds of the life of etcd, Redis and NATS: each starts in well under a
// second here; the margins are for a loaded CI machine.
const (
	daemonReadyTimeout = 60 * time.Second
	daemonReadyPoll    = 100 * time.Millisecond
	daemonStopTimeout  = 15 * time.Second
	daemonProbeTimeout = 2 * time.Second
)

// ServicesInstall is the command that provides the etcd, Redis and NATS
// server programs (Debian's etcd-server 3.4, redis-server 7.0 and
// nats-server 2.9).
const ServicesInstall = "apt-get update && apt-get install -y --no-install-recommends etcd-server redis-server nats-server"

// NoProgramError says a server program is not installed; the message names
// the package and the install command.
type NoProgramError struct {
	Program, Package string
}

func (e *NoProgramError) Error() string {
	return fmt.Sprintf("%s not found in /usr/bin, /usr/sbin or on PATH (Debian package %s); install it with: %s",
		e.Program, e.Package, ServicesInstall)
}

// findProgram looks for a server program where Debian installs it, then on
// PATH.
func findProgram(name, pkg string) (string, error) {
	for _, dir := range []string{"/usr/bin", "/usr/sbin"} {
		p := filepath.Join(dir, name)
		if info, err := os.Stat(p); err == nil && !info.IsDir() && info.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	return "", &NoProgramError{Program: name, Package: pkg}
}

// daemon is a server process of the harness in the foreground of its own
// process group, with its data and log in a temporary directory that Stop
// removes.
type daemon struct {
	name string // for messages: etcd, redis, nats
	dir  string
	env  []string // added to the caller's environment
	proc *exec.Cmd
	done chan struct{}
}

// newDaemon makes the daemon's temporary directory.
func newDaemon(name string) (*daemon, error) {
	dir, err := os.MkdirTemp("", "archgen-e2e-"+name+"-*")
	if err != nil {
		return nil, err
	}
	return &daemon{name: name, dir: dir}, nil
}

func (d *daemon) logPath() string { return filepath.Join(d.dir, d.name+".log") }

// start runs the program with a clean environment (none of the caller's
// variables that configure it, by their prefix) and its output in its log.
func (d *daemon) start(bin string, args []string, dropEnv ...string) error {
	out, err := openLog(d.logPath(), "$ "+bin+" "+strings.Join(args, " "))
	if err != nil {
		return err
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir, cmd.Stdout, cmd.Stderr = d.dir, out, out
	for _, kv := range os.Environ() {
		if !hasAnyPrefix(kv, dropEnv) {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, d.env...)
	ownGroup(cmd, nil)
	if err := cmd.Start(); err != nil {
		_ = out.Close()
		return fmt.Errorf("cannot start %s: %w", d.name, err)
	}
	d.proc, d.done = cmd, make(chan struct{})
	go func() {
		_ = cmd.Wait() // the outcome is read from cmd.ProcessState
		_ = out.Close()
		close(d.done)
	}()
	return nil
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// waitReady calls ready until it succeeds, failing at once when the
// process exits and after daemonReadyTimeout.
func (d *daemon) waitReady(ctx context.Context, ready func(context.Context) error) error {
	deadline := time.Now().Add(daemonReadyTimeout)
	var last error
	for {
		probe, cancel := context.WithTimeout(ctx, daemonProbeTimeout)
		last = ready(probe)
		cancel()
		if last == nil {
			return nil
		}
		select {
		case <-d.done:
			return fmt.Errorf("%s exited (%v) before it was ready:\n%s", d.name, d.proc.ProcessState, indent(tail(d.logPath(), 20)))
		case <-ctx.Done():
			return context.Cause(ctx)
		case <-time.After(daemonReadyPoll):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s was not ready within %s (%w):\n%s", d.name, daemonReadyTimeout, last, indent(tail(d.logPath(), 20)))
		}
	}
}

// running reports whether the process has not exited.
func (d *daemon) running() bool {
	if d.proc == nil {
		return false
	}
	select {
	case <-d.done:
		return false
	default:
		return true
	}
}

// Stop sends SIGTERM, waits a bounded time for the exit, kills what is
// left of the process group and removes the directory.
func (d *daemon) Stop() error {
	var err error
	if d.proc != nil {
		_ = d.proc.Process.Signal(syscall.SIGTERM)
		select {
		case <-d.done:
		case <-time.After(daemonStopTimeout):
			err = fmt.Errorf("%s did not stop within %s of SIGTERM; killed", d.name, daemonStopTimeout)
		}
		err = errors.Join(err, killGroup(d.proc.Process.Pid))
		select {
		case <-d.done:
		case <-time.After(waitDelay):
			err = errors.Join(err, fmt.Errorf("%s (pid %d) still not reaped after SIGKILL", d.name, d.proc.Process.Pid))
		}
	}
	return errors.Join(err, os.RemoveAll(d.dir))
}

// httpProbe is a GET that must answer 200; it returns the body.
func httpProbe(ctx context.Context, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return body, fmt.Errorf("GET %s: %s: %s", url, resp.Status, strings.TrimSpace(string(body)))
	}
	return body, nil
}

// etcdServer is the suite's etcd, started on first use; a failed start is
// tried again by the next template that needs it.
func (s *Suite) etcdServer(ctx context.Context) (*Etcd, error) {
	if s.etcd == nil {
		if _, err := EtcdBin(); err != nil {
			return nil, s.unavailable("%v", err)
		}
		e, err := StartEtcd(ctx)
		if err != nil {
			return nil, fmt.Errorf("cannot start etcd: %w", err)
		}
		s.etcd = e
		s.logf("etcd listening on 127.0.0.1:%d (peer port %d)", e.Port, e.PeerPort)
	}
	return s.etcd, nil
}

// redisDatabase hands out the suite's Redis databases in turn, 0 to 15
// and round again, each flushed first; Redis starts on first use.
func (s *Suite) redisDatabase(ctx context.Context) (string, error) {
	if s.redis == nil {
		if _, err := RedisBin(); err != nil {
			return "", s.unavailable("%v", err)
		}
		r, err := StartRedis(ctx)
		if err != nil {
			return "", fmt.Errorf("cannot start Redis: %w", err)
		}
		s.redis = r
		s.logf("Redis listening on 127.0.0.1:%d", r.Port)
	}
	db := s.redisRuns % RedisDatabases
	if err := s.redis.Flush(ctx, db); err != nil {
		return "", fmt.Errorf("flushing Redis database %d: %w", db, err)
	}
	s.redisRuns++
	return s.redis.URL(db), nil
}

// natsServer is the suite's NATS server, started on first use, with the
// streams of earlier runs deleted.
func (s *Suite) natsServer(ctx context.Context) (*NATS, error) {
	if s.nats == nil {
		if _, err := NATSBin(); err != nil {
			return nil, s.unavailable("%v", err)
		}
		n, err := StartNATS(ctx)
		if err != nil {
			return nil, fmt.Errorf("cannot start NATS: %w", err)
		}
		s.nats = n
		s.logf("NATS (JetStream) listening on 127.0.0.1:%d, monitoring on %d", n.Port, n.MonitorPort)
		return n, nil
	}
	if err := s.nats.Reset(ctx); err != nil {
		return nil, fmt.Errorf("clearing NATS for the next run: %w", err)
	}
	return s.nats, nil
}

// otlpReceiver is the suite's OTLP receiver, started on first use.
func (s *Suite) otlpReceiver() (*OTLPReceiver, error) {
	if s.otlp == nil {
		r, err := StartOTLPReceiver()
		if err != nil {
			return nil, fmt.Errorf("cannot start the OTLP receiver: %w", err)
		}
		s.otlp = r
		s.logf("OTLP/HTTP receiver listening on %s", r.Endpoint())
	}
	return s.otlp, nil
}
