//go:build e2e

package e2e

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Bounds of the PostgreSQL server's life.
const (
	pgReadyTimeout = 60 * time.Second
	pgReadyPoll    = 250 * time.Millisecond
	pgStopTimeout  = 30 * time.Second
	pgToolTimeout  = 2 * time.Minute
)

// PostgresInstall is the command that provides the server programs.
const PostgresInstall = "apt-get update && apt-get install -y postgresql"

// ErrNoPostgres says the server programs are not installed.
var ErrNoPostgres = errors.New("PostgreSQL server programs not found in /usr/lib/postgresql/*/bin; install them with: " + PostgresInstall)

// Postgres is a throwaway PostgreSQL server on 127.0.0.1 with its data in
// a temporary directory. As root, it runs as the unprivileged user nobody,
// which owns the directory: postgres refuses to run as root.
type Postgres struct {
	Port int
	dir  string // data, socket and logs
	bin  string
	cred *syscall.Credential
	proc *exec.Cmd
	done chan struct{}
}

// PostgresBinDir finds the newest /usr/lib/postgresql/<version>/bin that
// holds initdb, postgres and psql.
func PostgresBinDir() (string, error) {
	dirs, err := filepath.Glob("/usr/lib/postgresql/*/bin")
	if err != nil {
		return "", err
	}
	slices.SortFunc(dirs, func(a, b string) int { return pgVersion(b) - pgVersion(a) })
	for _, d := range dirs {
		if hasPrograms(d, "initdb", "postgres", "psql", "pg_isready") {
			return d, nil
		}
	}
	return "", ErrNoPostgres
}

func pgVersion(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

func hasPrograms(dir string, names ...string) bool {
	for _, n := range names {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			return false
		}
	}
	return true
}

// StartPostgres initialises a cluster in a new temporary directory (trust
// authentication, superuser postgres) and starts its server on a free port
// of 127.0.0.1, its unix socket in the same directory. It returns once the
// server accepts connections.
func StartPostgres(ctx context.Context) (*Postgres, error) {
	bin, err := PostgresBinDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "archgen-e2e-postgres-*")
	if err != nil {
		return nil, err
	}
	p := &Postgres{dir: dir, bin: bin}
	if err := p.prepare(ctx); err != nil {
		return nil, errors.Join(err, os.RemoveAll(dir))
	}
	if err := p.start(ctx); err != nil {
		return nil, errors.Join(err, p.Stop())
	}
	return p, nil
}

// prepare makes the directory the server user's and runs initdb.
func (p *Postgres) prepare(ctx context.Context) error {
	if err := os.Mkdir(filepath.Join(p.dir, "socket"), 0o700); err != nil {
		return err
	}
	cred, err := serverUser()
	if err != nil {
		return err
	}
	p.cred = cred
	if cred != nil {
		for _, d := range []string{p.dir, filepath.Join(p.dir, "socket")} {
			if err := os.Chown(d, int(cred.Uid), int(cred.Gid)); err != nil {
				return fmt.Errorf("cannot hand %s to uid %d: %w", d, cred.Uid, err)
			}
		}
	}
	ctx, cancel := context.WithTimeout(ctx, pgToolTimeout)
	defer cancel()
	err = runLogged(ctx, p.dir, p.logPath("initdb"), pgEnv(), cred, filepath.Join(p.bin, "initdb"),
		"-D", p.dataDir(), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync")
	if err != nil {
		return fmt.Errorf("initdb: %w\n%s", err, indent(tail(p.logPath("initdb"), 20)))
	}
	return nil
}

// serverUser is the user the server runs as: nil (the current user) unless
// that is root, then nobody.
func serverUser() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("nobody")
	if err != nil {
		return nil, fmt.Errorf("postgres refuses to run as root and there is no user nobody to run it as: %w", err)
	}
	uid, err := strconv.ParseUint(u.Uid, 10, 32)
	if err != nil {
		return nil, err
	}
	gid, err := strconv.ParseUint(u.Gid, 10, 32)
	if err != nil {
		return nil, err
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), Groups: []uint32{}}, nil
}

// start runs the server in the foreground of its own process group and
// waits until it accepts connections.
func (p *Postgres) start(ctx context.Context) error {
	port, err := freePort()
	if err != nil {
		return err
	}
	p.Port = port
	out, err := openLog(p.logPath("server"), "$ postgres")
	if err != nil {
		return err
	}
	cmd := exec.Command(filepath.Join(p.bin, "postgres"), "-D", p.dataDir(),
		"-h", "127.0.0.1", "-p", strconv.Itoa(port), "-k", filepath.Join(p.dir, "socket"))
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = p.dir, pgEnv(), out, out
	ownGroup(cmd, p.cred)
	if err := cmd.Start(); err != nil {
		_ = out.Close()
		return fmt.Errorf("cannot start postgres: %w", err)
	}
	p.proc, p.done = cmd, make(chan struct{})
	go func() {
		_ = cmd.Wait() // the outcome is read from cmd.ProcessState
		_ = out.Close()
		close(p.done)
	}()
	return p.waitReady(ctx)
}

// waitReady polls pg_isready, failing at once when the server exits.
func (p *Postgres) waitReady(ctx context.Context) error {
	deadline := time.Now().Add(pgReadyTimeout)
	for range int(pgReadyTimeout/pgReadyPoll) + 1 {
		check := exec.CommandContext(ctx, filepath.Join(p.bin, "pg_isready"),
			"-h", "127.0.0.1", "-p", strconv.Itoa(p.Port), "-U", "postgres", "-d", "postgres", "-t", "2")
		check.Env = pgEnv()
		if check.Run() == nil {
			return nil
		}
		select {
		case <-p.done:
			return fmt.Errorf("postgres exited (%v) before it accepted connections:\n%s",
				p.proc.ProcessState, indent(tail(p.logPath("server"), 20)))
		case <-ctx.Done():
			return context.Cause(ctx)
		case <-time.After(pgReadyPoll):
		}
		if time.Now().After(deadline) {
			break
		}
	}
	return fmt.Errorf("postgres did not accept connections within %s:\n%s", pgReadyTimeout, indent(tail(p.logPath("server"), 20)))
}

var dbNameRe = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// CreateDatabase creates the database name and returns its URL.
func (p *Postgres) CreateDatabase(ctx context.Context, name string) (string, error) {
	if !dbNameRe.MatchString(name) {
		return "", fmt.Errorf("database name %q must match %s", name, dbNameRe)
	}
	if _, err := p.Query(ctx, "postgres", "CREATE DATABASE "+name); err != nil {
		return "", err
	}
	return p.URL(name), nil
}

// URL is the connection URL of a database of the server.
func (p *Postgres) URL(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", p.Port, db)
}

// Query runs sql with psql over TCP and returns its unaligned output.
func (p *Postgres) Query(ctx context.Context, db, sql string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, pgToolTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(p.bin, "psql"), "-X", "-At", "-v", "ON_ERROR_STOP=1",
		"-d", p.URL(db), "-c", sql)
	cmd.Env = pgEnv()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("psql %q: %w: %s", sql, err, strings.TrimSpace(string(out)))
	}
	return strings.TrimSpace(string(out)), nil
}

// Stop shuts the server down (fast shutdown, SIGINT), kills what is left
// of its process group and removes its directory.
func (p *Postgres) Stop() error {
	var err error
	if p.proc != nil {
		_ = p.proc.Process.Signal(syscall.SIGINT)
		select {
		case <-p.done:
		case <-time.After(pgStopTimeout):
			err = fmt.Errorf("postgres did not stop within %s of SIGINT; killed", pgStopTimeout)
		}
		err = errors.Join(err, killGroup(p.proc.Process.Pid))
	}
	return errors.Join(err, os.RemoveAll(p.dir))
}

func (p *Postgres) dataDir() string { return filepath.Join(p.dir, "data") }

func (p *Postgres) logPath(name string) string { return filepath.Join(p.dir, name+".log") }

// pgEnv is the environment of the PostgreSQL programs: no PG* settings of
// the caller, the C locale.
func pgEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PG") && !strings.HasPrefix(kv, "LC_") && !strings.HasPrefix(kv, "LANG") {
			env = append(env, kv)
		}
	}
	return append(env, "LC_ALL=C", "PGCONNECT_TIMEOUT=5")
}
