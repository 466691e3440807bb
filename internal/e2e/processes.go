//go:build e2e

package e2e

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/render"
)

// The rate limit the entry of an enterprise platform gets in its
// environment: so high that the checks, which all come from 127.0.0.1,
// never meet it. The rate-limit step proves the limit on a copy of the
// entry started with a small one (rateLimitBurst, rateLimitRPS).
const (
	platformBurst = "1000000"
	platformRPS   = "1000000"
)

// procStart is how one process was started: enough to start a copy.
type procStart struct {
	proc catalog.Process
	dir  string   // absolute
	line string   // the rendered run line
	env  []string // its environment, its port variables included
}

// processDatabases creates a database for every process that owns one,
// named after the run and the process's database (e2e_<run>_<database>),
// and returns the lines the services log shows. The process gets it as
// DATABASE_URL; the project's own tests keep the run's TEST_DATABASE_URL.
func (j *job) processDatabases(ctx context.Context, postgres bool) ([]string, error) {
	var lines []string
	for _, p := range j.tmpl.ProcessList() {
		if p.Database == "" {
			continue
		}
		if !postgres {
			return nil, fmt.Errorf("process %s owns the database %q, but the service postgres is not provided for these answers", p.Name, p.Database)
		}
		name := dbName(j.res.ID) + "_" + p.Database
		if len(name) > 63 {
			return nil, fmt.Errorf("process %s: the database name %s is longer than PostgreSQL's 63 characters; shorten the run's name or the database", p.Name, name)
		}
		url, err := j.suite.database(ctx, name)
		if err != nil {
			return nil, err
		}
		if j.databases == nil {
			j.databases = map[string]string{}
		}
		j.databases[p.Name] = url
		lines = append(lines, "process "+p.Name+": DATABASE_URL="+url)
	}
	return lines, nil
}

// processEnv is the environment of one process: the job's, HOST, and
// DATABASE_URL of its own database when it owns one.
func (j *job) processEnv(p catalog.Process) []string {
	env := append(slices.Clone(j.env), "HOST=127.0.0.1")
	if url, ok := j.databases[p.Name]; ok {
		env = setEnv(env, "DATABASE_URL", url)
	}
	return env
}

// setEnv sets key in env, replacing every earlier value.
func setEnv(env []string, key, value string) []string {
	env = slices.DeleteFunc(env, func(kv string) bool { return strings.HasPrefix(kv, key+"=") })
	return append(env, key+"="+value)
}

// migrate runs the manifest's migrate command from the project root, then
// each process's migrate in its directory with its own database, in the
// order of the processes.
func (j *job) migrate(ctx context.Context, logPath string) error {
	ran := false
	if strings.TrimSpace(j.cmds.Migrate) != "" {
		if err := runShell(ctx, j.res.Project, j.cmds.Migrate, j.env, logPath); err != nil {
			return err
		}
		ran = true
	}
	for _, p := range j.tmpl.Processes {
		if strings.TrimSpace(p.Migrate) == "" {
			continue
		}
		line, err := render.Text(j.tmpl.ID+" process "+p.Name+" migrate", p.Migrate, j.data)
		if err != nil {
			return err
		}
		dir := j.procDir(p)
		if err := runShell(ctx, dir, string(line), j.processEnv(p), logPath); err != nil {
			return fmt.Errorf("process %s: %w", p.Name, err)
		}
		ran = true
	}
	if !ran {
		return errNothing
	}
	return nil
}

// startProcesses starts every process of a manifest with several, in the
// manifest's order, each waiting for its health path before the next
// starts. Each gets a free port in its port variable and one in each of
// its ports; the entry's port is entryPort, and the checks talk to it.
// Every process learns every other's HTTP address as <NAME>_URL. The entry
// of an enterprise platform gets a rate limit its checks never meet
// (platformBurst).
func (j *job) startProcesses(ctx context.Context, entryPort int, logPath string) error {
	procs := j.tmpl.ProcessList()
	entry := j.tmpl.EntryProcess()
	ports := make([]map[string]int, len(procs))
	taken := map[int]bool{entryPort: true}
	var urls []string
	for i, p := range procs {
		ports[i] = map[string]int{}
		for _, v := range append([]string{p.Port}, p.Ports...) {
			port := entryPort
			if i != entry || v != p.Port {
				var err error
				if port, err = otherPort(taken); err != nil {
					return err
				}
			}
			ports[i][v] = port
		}
		urls = append(urls, strings.ToUpper(p.Name)+"_URL=http://127.0.0.1:"+strconv.Itoa(ports[i][p.Port]))
	}
	for i, p := range procs {
		line, err := render.Text(j.tmpl.ID+" process "+p.Name, p.Run, j.data)
		if err != nil {
			return err
		}
		env := append(j.processEnv(p), urls...)
		for _, v := range append([]string{p.Port}, p.Ports...) {
			env = append(env, v+"="+strconv.Itoa(ports[i][v]))
		}
		log := strings.TrimSuffix(logPath, ".log") + "-" + p.Name + ".log"
		if i == entry {
			log = logPath
			if j.tmpl.Tier == "enterprise" {
				env = append(env, "RATE_LIMIT_BURST="+platformBurst, "RATE_LIMIT_RPS="+platformRPS)
			}
		}
		st := &procStart{proc: p, dir: j.procDir(p), line: string(line), env: env}
		srv, err := startServer(st.dir, st.line, st.env, log)
		if err != nil {
			return fmt.Errorf("process %s: %w", p.Name, err)
		}
		srv.name = p.Name
		if i == entry {
			j.srv, j.entryStart = srv, st
		} else {
			j.others = append(j.others, srv)
		}
		url := "http://127.0.0.1:" + strconv.Itoa(ports[i][p.Port]) + p.Health
		if err := srv.waitHealthy(ctx, url, j.suite.HealthTimeout); err != nil {
			if i == entry {
				return fmt.Errorf("process %s: %w", p.Name, err) // its log is the step's
			}
			return fmt.Errorf("process %s: %w; last 20 lines of %s:\n%s", p.Name, err, log, indent(tail(log, 20)))
		}
	}
	return nil
}

// otherPort is a free port not yet handed to a process of the run: the
// kernel may give a port it just gave again once its listener closed.
func otherPort(taken map[int]bool) (int, error) {
	for range 100 {
		port, err := freePort()
		if err != nil {
			return 0, err
		}
		if !taken[port] {
			taken[port] = true
			return port, nil
		}
	}
	return 0, errors.New("no free port found that the run's processes do not already have")
}

// startEntryCopy starts another instance of the entry on a free port with
// extra settings, its log beside the entry's, and waits for its health.
func (j *job) startEntryCopy(ctx context.Context, tag string, extra ...string) (*server, string, error) {
	st := j.entryStart
	if st == nil {
		return nil, "", errors.New("the entry was not started from the manifest's processes")
	}
	port, err := freePort()
	if err != nil {
		return nil, "", err
	}
	env := append(slices.Clone(st.env), st.proc.Port+"="+strconv.Itoa(port))
	env = append(env, extra...)
	log := strings.TrimSuffix(j.srv.log.Name(), ".log") + "-" + tag + ".log"
	srv, err := startServer(st.dir, st.line, env, log)
	if err != nil {
		return nil, "", err
	}
	srv.name = st.proc.Name + " (" + tag + ")"
	base := "http://127.0.0.1:" + strconv.Itoa(port)
	if err := srv.waitHealthy(ctx, base+st.proc.Health, j.suite.HealthTimeout); err != nil {
		return nil, "", errors.Join(fmt.Errorf("%s: %w (its log: %s)", srv.name, err, log), srv.close())
	}
	return srv, base, nil
}

// stopOthers sends SIGTERM to every process but the entry at once (the
// entry has stopped already), requires each to exit cleanly within the
// stop timeout of its signal and, when the run has etcd, that no key is
// left under its ETCD_PREFIX: every process deregistered.
func (j *job) stopOthers(ctx context.Context) error {
	var errs []error
	signalled := time.Now()
	var waiting []*server
	for _, o := range j.others {
		if err := o.signal(); err != nil {
			errs = append(errs, fmt.Errorf("process %s: %w", o.name, err))
			continue
		}
		waiting = append(waiting, o)
	}
	for _, o := range waiting {
		left := max(j.suite.StopTimeout-time.Since(signalled), 0)
		if err := o.waitExit(j.tmpl.Lang, left); err != nil {
			errs = append(errs, fmt.Errorf("process %s: %w", o.name, err))
		}
	}
	return errors.Join(append(errs, j.checkDeregistered(ctx))...)
}

// checkDeregistered requires an empty ETCD_PREFIX once every process has
// stopped: a service that registered revoked its lease on the way out.
func (j *job) checkDeregistered(ctx context.Context) error {
	if j.etcdPrefix == "" || j.suite.etcd == nil {
		return nil
	}
	kvs, err := j.suite.etcd.List(ctx, j.etcdPrefix+"/")
	if err != nil {
		return fmt.Errorf("listing the run's etcd keys: %w", err)
	}
	if len(kvs) == 0 {
		return nil
	}
	keys := make([]string, len(kvs))
	for i, kv := range kvs {
		keys[i] = kv.Key
	}
	return fmt.Errorf("after every process stopped, etcd still holds %d key(s) under %s/ (a process did not deregister: revoke the lease on SIGTERM): %s",
		len(keys), j.etcdPrefix, strings.Join(keys, ", "))
}

// procDir is where a process runs: its dir, where the template's moves
// wrote it.
func (j *job) procDir(p catalog.Process) string {
	return filepath.Join(j.res.Project, filepath.FromSlash(j.placer.Place(p.Dir)))
}
