//go:build e2e

package e2e

import (
	"encoding/json"
	"net/http"
	"reflect"

	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml"

	"github.com/archgen/archgen/internal/buildinfo"
	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/jdk"
	"github.com/archgen/archgen/internal/pipeline"
	"github.com/archgen/archgen/internal/render"
	"github.com/archgen/archgen/internal/writer"
)

// Bounds of the steps that do not run a manifest command.
const (
	generateTimeout = time.Minute
	apiTimeout      = 5 * time.Minute
)

// testEmail is the email of the user the API check creates.
const testEmail = "ada.lovelace@example.com"

// job is one template being proven.
type job struct {
	suite *Suite
	tmpl  *catalog.Template
	res   *Result
	logs  string
	cmds  render.Commands
	env   []string // environment of every command; services add to it
	base  string   // the server's URL
	srv   *server
	// run is the declared answer set being proven; nil for the defaults.
	run *catalog.Run
	// others are the processes besides the entry of a manifest with
	// several, in the order they started.
	others []*server
	// databases are the DATABASE_URLs of the processes that own a
	// database, by process name.
	databases map[string]string
	// entryStart is how the entry was started, for a copy of it with
	// other settings (the rate-limit step).
	entryStart *procStart
	// data is what the template saw; processes' run lines render with it.
	data render.Data
	// placer says where the template's moves wrote a path (a process's
	// dir in a polyrepo layout).
	placer *render.Placer
	// etcdPrefix is the run's ETCD_PREFIX when it has the service etcd.
	etcdPrefix string
	// contract is the OpenAPI document every answer is held to; client
	// talks to the running server.
	contract *Contract
	client   *client
}

func newResult(t *catalog.Template) *Result {
	r := &Result{ID: t.ID, Lang: t.Lang, Toolchain: t.Toolchain}
	for _, name := range Steps {
		r.Steps = append(r.Steps, StepResult{Name: name, Status: NotRun})
	}
	return r
}

// steps lists the job's steps in the order of Steps.
func (j *job) steps() []step {
	s := j.suite
	return []step{
		{name: StepToolchain, run: j.toolchain},
		{name: StepGenerate, timeout: generateTimeout, run: j.generate},
		{name: StepServices, run: j.services},
		{name: StepInstall, timeout: s.StepTimeout, run: j.install},
		{name: StepVerify, timeout: s.StepTimeout, run: j.command(func() string { return j.cmds.Verify })},
		{name: StepBuild, timeout: s.StepTimeout, run: j.command(func() string { return j.cmds.Build })},
		{name: StepMigrate, timeout: s.StepTimeout, run: j.migrate},
		{name: StepStart, log: "server", run: j.start},
		{name: StepAPI, log: "server", timeout: apiTimeout, check: true, run: j.api},
		{name: StepPlatform, log: "server", timeout: apiTimeout, check: true, run: j.platform},
		{name: StepTrace, log: "server", timeout: apiTimeout, check: true, run: j.trace},
		{name: StepRateLimit, log: "server", timeout: apiTimeout, check: true, run: j.rateLimit},
		{name: StepLimits, log: "server", timeout: apiTimeout, check: true, run: j.limits},
		{name: StepMalformedJSON, log: "server", timeout: apiTimeout, check: true, run: j.malformedJSON},
		{name: StepMalformedPaths, log: "server", timeout: apiTimeout, check: true, run: j.malformedPaths},
		{name: StepControlChars, log: "server", timeout: apiTimeout, check: true, run: j.controlChars},
		{name: StepHugeBody, log: "server", timeout: apiTimeout, check: true, run: j.hugeBody},
		{name: StepSlowClients, log: "server", timeout: apiTimeout, check: true, run: j.slowClients},
		{name: StepStop, log: "server", run: j.stop},
	}
}

// toolchain requires every program the manifest lists on PATH.
func (j *job) toolchain(context.Context, string) error {
	var missing []string
	for _, tool := range j.tmpl.Toolchain {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	if len(missing) > 0 {
		return j.suite.unavailable("%s needs %s, not found on PATH", j.tmpl.ID, strings.Join(missing, ", "))
	}
	return nil
}

// generate renders the template with default answers and writes it the
// way `archgen new` does.
func (j *job) generate(ctx context.Context, logPath string) error {
	pc := &pipeline.Context{
		Context: ctx, Version: buildinfo.Version, Template: j.tmpl,
		Input: pipeline.Input{Name: ProjectName, Dir: j.res.Project, Policy: writer.PolicyRefuse, Set: runSet(j.run)},
	}
	if err := pipeline.Run(pc, pipeline.Resolve{}, pipeline.Render{}, pipeline.Plan{}, pipeline.Write{}); err != nil {
		return err
	}
	files := pc.Result.Files
	j.cmds, j.env, j.data = pc.Result.Data.Commands, environ(), pc.Result.Data
	// A Java template's java answer picks the JDK its commands run on.
	if v, ok := j.data.Params["java"]; ok && slices.Contains(j.tmpl.Toolchain, "java") {
		home, err := jdk.Find(fmt.Sprint(v))
		if err != nil {
			return j.suite.unavailable("%s: %v", j.tmpl.ID, err)
		}
		j.env = jdk.Env(j.env, home)
		j.res.JDK = home
	}
	placer, err := render.NewPlacer(j.tmpl.Spec().Moves, j.data)
	if err != nil {
		return err
	}
	j.placer = placer
	entry := j.tmpl.ProcessList()[j.tmpl.EntryProcess()]
	path, err := FindContract(j.procDir(entry), j.tmpl.Tier)
	if err != nil {
		return err
	}
	if j.contract, err = LoadContract(path); err != nil {
		return err
	}
	summary := fmt.Sprintf("generated %d files into %s\ninstall: %s\nverify: %s\nbuild: %s\nrun: %s\ncontract: %s\n",
		len(files), j.res.Project, j.cmds.Install, j.cmds.Verify, j.cmds.Build, j.cmds.Run, path)
	if j.res.JDK != "" {
		summary += "JAVA_HOME: " + j.res.JDK + "\n"
	}
	return os.WriteFile(logPath, []byte(summary), 0o644)
}

// services provides the servers the manifest lists whose condition holds
// for the answers, and hands their URLs to the project:
//   - postgres: two fresh databases, DATABASE_URL for the server and
//     TEST_DATABASE_URL for the project's own tests, so that neither sees
//     the other's rows;
//   - etcd: ETCD_ENDPOINTS, and ETCD_PREFIX=/<run-id>, under which the
//     project keeps its keys so that runs sharing the etcd never meet;
//   - redis: REDIS_URL, a logical database of its own (runs take 0 to 15
//     in turn), flushed before it is handed over;
//   - nats: NATS_URL, JetStream enabled, every stream of an earlier run
//     deleted;
//   - otlp: OTEL_EXPORTER_OTLP_ENDPOINT and OTEL_EXPORTER_OTLP_PROTOCOL
//     (http/protobuf) of the harness's OTLP receiver, and
//     OTEL_BSP_SCHEDULE_DELAY=200 so that spans arrive soon after the
//     request that made them.
//
// Each process that owns a database gets one more, its DATABASE_URL
// (processDatabases).
func (j *job) services(ctx context.Context, logPath string) error {
	var needed []string
	for _, svc := range j.tmpl.Services {
		ok, err := render.Holds(j.tmpl.ID+" service "+svc.Name, svc.When, j.data)
		if err != nil {
			return err
		}
		if ok {
			needed = append(needed, svc.Name)
		}
	}
	if len(needed) == 0 {
		return errNothing
	}
	var provided []string
	for _, svc := range needed {
		switch svc {
		case "postgres":
			name := dbName(j.res.ID)
			url, err := j.suite.database(ctx, name)
			if err != nil {
				return err
			}
			testURL, err := j.suite.database(ctx, name+"_test")
			if err != nil {
				return err
			}
			provided = append(provided, "DATABASE_URL="+url, "TEST_DATABASE_URL="+testURL)
		case "etcd":
			e, err := j.suite.etcdServer(ctx)
			if err != nil {
				return err
			}
			j.etcdPrefix = "/" + dbName(j.res.ID)
			provided = append(provided, "ETCD_ENDPOINTS="+e.Endpoint(), "ETCD_PREFIX="+j.etcdPrefix)
		case "redis":
			url, err := j.suite.redisDatabase(ctx)
			if err != nil {
				return err
			}
			provided = append(provided, "REDIS_URL="+url)
		case "nats":
			n, err := j.suite.natsServer(ctx)
			if err != nil {
				return err
			}
			provided = append(provided, "NATS_URL="+n.URL())
		case "otlp":
			r, err := j.suite.otlpReceiver()
			if err != nil {
				return err
			}
			provided = append(provided, "OTEL_EXPORTER_OTLP_ENDPOINT="+r.Endpoint(),
				"OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf", "OTEL_BSP_SCHEDULE_DELAY=200")
		default:
			return fmt.Errorf("%s needs the service %q, which the harness cannot provide (it knows %s)",
				j.tmpl.ID, svc, strings.Join(catalog.Services, ", "))
		}
	}
	j.env = append(j.env, provided...)
	owned, err := j.processDatabases(ctx, slices.Contains(needed, "postgres"))
	if err != nil {
		return err
	}
	return os.WriteFile(logPath, []byte(strings.Join(append(provided, owned...), "\n")+"\n"), 0o644)
}

var nonIdent = regexp.MustCompile(`[^a-z0-9]+`)

// dbName derives a database name from a template id.
func dbName(id string) string {
	return "e2e_" + strings.Trim(nonIdent.ReplaceAllString(strings.ToLower(id), "_"), "_")
}

// database creates a database on the suite's PostgreSQL server, starting
// the server on first use; a failed start is tried again by the next
// template that needs it.
func (s *Suite) database(ctx context.Context, name string) (string, error) {
	if s.postgres == nil {
		if _, err := PostgresBinDir(); err != nil {
			return "", s.unavailable("%v", err)
		}
		pg, err := StartPostgres(ctx)
		if err != nil {
			return "", fmt.Errorf("cannot start PostgreSQL: %w", err)
		}
		s.postgres = pg
		s.logf("PostgreSQL listening on 127.0.0.1:%d", pg.Port)
	}
	return s.postgres.CreateDatabase(ctx, name)
}

// command runs a manifest command from the project root; an empty one is
// nothing to do.
func (j *job) command(line func() string) func(context.Context, string) error {
	return func(ctx context.Context, logPath string) error {
		l := line()
		if strings.TrimSpace(l) == "" {
			return errNothing
		}
		return runShell(ctx, j.res.Project, l, j.env, logPath)
	}
}

// start runs the server on a free loopback port and waits for its health
// path to answer 200.
func (j *job) start(ctx context.Context, logPath string) error {
	port, err := freePort()
	if err != nil {
		return err
	}
	j.base = "http://127.0.0.1:" + strconv.Itoa(port)
	j.client = newClient(j.base, j.contract, j.tmpl.Tier)
	env := append(slices.Clone(j.env), "HOST=127.0.0.1", "PORT="+strconv.Itoa(port))
	if len(j.tmpl.Processes) == 0 {
		j.srv, err = startServer(j.res.Project, j.cmds.Run, env, logPath)
		if err != nil {
			return err
		}
		health := j.tmpl.Health
		if health == "" {
			health = "/health"
		}
		if err := j.srv.waitHealthy(ctx, j.base+health, j.suite.HealthTimeout); err != nil {
			return err
		}
	} else if err := j.startProcesses(ctx, port, logPath); err != nil {
		return err
	}
	if j.tmpl.Tier == "entry" {
		return nil
	}
	return j.servedContract(ctx)
}

// servedContract reads the document the server serves at /openapi.json,
// requires it to be the project's api/openapi.yaml as JSON, and holds every
// later answer to it.
func (j *job) servedContract(ctx context.Context) error {
	a, err := j.client.expect(ctx, http.MethodGet, "/openapi.json", nil, http.StatusOK)
	if err != nil {
		return err
	}
	var served, shipped any
	if err := json.Unmarshal(a.body, &served); err != nil {
		return fmt.Errorf("GET /openapi.json: not JSON: %w", err)
	}
	file, err := os.ReadFile(j.contract.Path)
	if err != nil {
		return err
	}
	asJSON, err := yaml.YAMLToJSON(file)
	if err == nil {
		err = json.Unmarshal(asJSON, &shipped)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", j.contract.Path, err)
	}
	if !reflect.DeepEqual(served, shipped) {
		return fmt.Errorf("GET /openapi.json is not the document of %s", j.contract.Path)
	}
	contract, err := ParseContract(j.base+"/openapi.json", a.body)
	if err != nil {
		return err
	}
	j.contract, j.client.contract = contract, contract
	return nil
}

// api exercises the users API over HTTP, and at intermediate every
// resource, paging, PATCH, DELETE, the problem details and the
// operational paths.
func (j *job) api(ctx context.Context, _ string) error {
	if err := checkUsers(ctx, j.client, testEmail); err != nil || j.tmpl.Tier == "entry" {
		return err
	}
	modules, _ := j.data.Params["modules"].([]string)
	return errors.Join(checkIntermediate(ctx, j.client, modules), checkRequestLog(ctx, j.client, j.srv.log.Name()))
}

// limits tries the limits of the contract.
func (j *job) limits(ctx context.Context, _ string) error {
	return checkLimits(ctx, j.client)
}

// malformedJSON is the hostile class "deep or malformed JSON".
func (j *job) malformedJSON(ctx context.Context, _ string) error {
	return checkMalformedJSON(ctx, j.client)
}

// malformedPaths is the hostile class "malformed paths".
func (j *job) malformedPaths(ctx context.Context, _ string) error {
	return checkMalformedPaths(ctx, j.client)
}

// controlChars is the hostile class "control characters".
func (j *job) controlChars(ctx context.Context, _ string) error {
	return checkControlChars(ctx, j.client)
}

// hugeBody is the hostile class "huge bodies".
func (j *job) hugeBody(ctx context.Context, _ string) error {
	return checkHugeBody(ctx, j.client, j.logf)
}

// slowClients is the hostile class "slow clients".
func (j *job) slowClients(ctx context.Context, _ string) error {
	return checkSlowClients(ctx, j.client)
}

// stop is the hostile class "SIGTERM under load": SIGTERM while requests
// run, then a clean exit in time.
func (j *job) stop(ctx context.Context, _ string) error {
	err := checkSigtermUnderLoad(ctx, j.client, j.srv, j.tmpl.Lang, j.suite.StopTimeout, j.logf)
	// The other processes of a platform stop after its entry, each with
	// SIGTERM and the same clean exit required, and leave nothing in etcd.
	if len(j.others) > 0 || j.etcdPrefix != "" {
		err = errors.Join(err, j.stopOthers(ctx))
	}
	return err
}

// logf writes a line to the server's log, between the server's own lines,
// and to the suite's progress.
func (j *job) logf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if j.srv != nil {
		_, _ = fmt.Fprintf(j.srv.log, "# harness: %s\n", msg)
	}
	j.suite.logf("%s: %s", j.tmpl.ID, msg)
}

// runSet turns a run's answers into --set pairs (a list joined by commas).
func runSet(run *catalog.Run) []string {
	if run == nil {
		return nil
	}
	var set []string
	for _, k := range slices.Sorted(maps.Keys(run.Params)) {
		set = append(set, k+"="+catalog.Text(run.Params[k]))
	}
	return set
}
