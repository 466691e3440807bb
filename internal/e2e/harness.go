//go:build e2e

package e2e

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/archgen/archgen/internal/catalog"
)

// ProjectName is the name every template is generated with.
const ProjectName = "demo-api"

// Suite proves templates one after another. They share the machine's
// package caches (nothing overrides HOME) and, when they need them, one
// PostgreSQL server, one etcd, one Redis, one NATS and one OTLP receiver,
// each started on first use and stopped by Close.
type Suite struct {
	// Root holds one work directory per template.
	Root string
	// CI turns a missing toolchain or service into a failure.
	CI bool
	// Keep leaves every work directory on disk; failed ones always stay.
	Keep bool
	// StepTimeout bounds each of install, verify and build.
	StepTimeout time.Duration
	// HealthTimeout bounds the wait for the health path after start.
	HealthTimeout time.Duration
	// StopTimeout bounds the wait for the exit after SIGTERM.
	StopTimeout time.Duration
	// Logf reports progress; it may be nil.
	Logf func(format string, args ...any)

	postgres *Postgres
	etcd     *Etcd
	redis    *Redis
	nats     *NATS
	otlp     *OTLPReceiver
	// redisRuns counts the runs handed a Redis database, which they take
	// in turn.
	redisRuns int
}

// NewSuite returns a suite working in root with the default bounds.
func NewSuite(root string) *Suite {
	return &Suite{
		Root:          root,
		StepTimeout:   20 * time.Minute,
		HealthTimeout: 120 * time.Second,
		StopTimeout:   10 * time.Second,
	}
}

// Close stops the services the suite started, every one even when
// stopping another fails.
func (s *Suite) Close() error {
	var err error
	if s.postgres != nil {
		err = errors.Join(err, s.postgres.Stop())
		s.postgres = nil
	}
	if s.etcd != nil {
		err = errors.Join(err, s.etcd.Stop())
		s.etcd = nil
	}
	if s.redis != nil {
		err = errors.Join(err, s.redis.Stop())
		s.redis = nil
	}
	if s.nats != nil {
		err = errors.Join(err, s.nats.Stop())
		s.nats = nil
	}
	if s.otlp != nil {
		err = errors.Join(err, s.otlp.Stop())
		s.otlp = nil
	}
	return err
}

func (s *Suite) logf(format string, args ...any) {
	if s.Logf != nil {
		s.Logf(format, args...)
	}
}

// skipError marks a step that cannot run on this machine.
type skipError struct{ msg string }

func (e *skipError) Error() string { return e.msg }

// errNothing marks a step the manifest gives no command for.
var errNothing = errors.New("nothing to do")

// unavailable is a skip on a workstation and a failure in CI.
func (s *Suite) unavailable(format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if s.CI {
		return errors.New(msg + " (CI=true: this is a failure, not a skip)")
	}
	return &skipError{msg: msg + " (skipped; with CI=true this fails)"}
}

// Run proves one template and reports every step. A failed or skipped step
// ends the template: the steps after it are reported as not run, except
// after a failed check of the running server (the api, limits and hostile
// client steps), which the next checks follow while the server is up. The work
// directory is removed unless a step failed or Keep is set.
func (s *Suite) Run(ctx context.Context, t *catalog.Template) *Result {
	return s.RunWith(ctx, t, nil)
}

// RunWith proves one template with the answers of one of its declared
// runs (nil: the defaults); the result's ID is then "<id>@<run>".
func (s *Suite) RunWith(ctx context.Context, t *catalog.Template, run *catalog.Run) *Result {
	r := newResult(t)
	name := t.ID
	if run != nil {
		r.ID = t.ID + "@" + run.Name
		name += "-" + run.Name
	}
	r.Dir = filepath.Join(s.Root, strings.ReplaceAll(name, "/", "-"))
	r.Project = filepath.Join(r.Dir, ProjectName)
	j := &job{suite: s, tmpl: t, run: run, res: r, logs: filepath.Join(r.Dir, "logs")}
	defer j.close()
	if err := os.MkdirAll(j.logs, 0o755); err != nil {
		st := r.Step(StepGenerate)
		st.Status, st.Err = Fail, fmt.Errorf("cannot create the work directory: %w", err)
		return r
	}
	for _, step := range j.steps() {
		if !j.do(ctx, step) {
			break
		}
	}
	return r
}

// step is one named step of a job.
type step struct {
	name    string
	timeout time.Duration // 0: no bound of its own
	// check marks a step that tests the running server: when it fails,
	// the next steps still run as long as the server is up, so that one
	// run reports every class a template fails.
	check bool
	log   string // the log it writes to or reads from; default name
	run   func(ctx context.Context, logPath string) error
}

// do runs one step and records its outcome; it reports whether to go on.
func (j *job) do(ctx context.Context, st step) bool {
	res := j.res.Step(st.name)
	logName := st.log
	if logName == "" {
		logName = st.name
	}
	res.Log = filepath.Join(j.logs, logName+".log")
	if st.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, st.timeout)
		defer cancel()
	}
	start := time.Now()
	err := st.run(ctx, res.Log)
	res.Duration = time.Since(start)
	var skip *skipError
	switch {
	case err == nil:
		res.Status = OK
	case errors.Is(err, errNothing):
		res.Status = None
	case errors.As(err, &skip):
		res.Status, res.Err = Skip, err
	default:
		res.Status, res.Err = Fail, err
	}
	if _, statErr := os.Stat(res.Log); statErr != nil {
		res.Log = ""
	}
	j.suite.logf("%s: %s %s", j.tmpl.ID, st.name, res.cell())
	if st.check && res.Status == Fail && j.srv != nil && j.srv.running() {
		return true
	}
	return res.Status == OK || res.Status == None
}

// close kills what is left of the server and removes the work directory
// unless it must be kept.
func (j *job) close() {
	for _, srv := range append([]*server{j.srv}, j.others...) {
		if srv == nil {
			continue
		}
		if err := srv.close(); err != nil {
			j.suite.logf("%s: cleaning up the server: %v", j.tmpl.ID, err)
		}
	}
	r := j.res
	failed := r.Stopped() != nil && r.Stopped().Status == Fail
	if failed || j.suite.Keep {
		r.Kept = true
		return
	}
	if err := os.RemoveAll(r.Dir); err != nil {
		j.suite.logf("%s: cannot remove %s: %v", j.tmpl.ID, r.Dir, err)
		r.Kept = true
	}
}
